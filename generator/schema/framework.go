package schema

// Framework is a regulatory framework decoded from schemas/frameworks/ID.toml:
// its chapters and articles, and for every article the requirements that
// decide whether a hospital meets it. Everything the coverage engine needs is
// here as data; no article number appears in Go code.
type Framework struct {
	ID        string     `toml:"id"`
	Title     Text       `toml:"title"`
	Short     Text       `toml:"short"`
	Issuer    Text       `toml:"issuer"`
	Effective string     `toml:"effective"` // date the framework took effect
	Source    string     `toml:"source"`    // where the text of the framework comes from
	Chapters  []Chapter  `toml:"chapters"`
	Articles  []*Article `toml:"articles"`

	File string `toml:"-"`
}

// Chapter groups articles.
type Chapter struct {
	Number int  `toml:"number"`
	Title  Text `toml:"title"`
}

// Article is one article of the framework.
type Article struct {
	Number       int            `toml:"number"`
	Chapter      int            `toml:"chapter"`
	Title        Text           `toml:"title"`
	Summary      Text           `toml:"summary"` // our own words, not the framework's text
	Requirements []*Requirement `toml:"requirements"`
}

// Requirement kinds. Each decides a verdict from different evidence.
const (
	KindDoc      = "doc"      // a document of a type exists, approved and in force
	KindSections = "sections" // documents have the listed sections or fields
	KindList     = "list"     // a list holds at least the listed members
	KindRecord   = "record"   // dated records exist and the newest is recent enough
	KindNumber   = "number"   // a figure computed from fields passes thresholds
	KindManual   = "manual"   // an auditor attests
	KindInfo     = "info"     // shown, not scored
)

// Kinds lists the requirement kinds in the order they are documented.
var Kinds = []string{KindDoc, KindSections, KindList, KindRecord, KindNumber, KindManual, KindInfo}

// Requirement is one checkable condition of an article. Which parameters
// apply depends on Kind; schema.Check verifies that the ones a kind needs are
// present and refer to types, fields, sections and values that exist.
type Requirement struct {
	ID    string `toml:"id"`   // unique in the framework, e.g. "21.regulations"
	Kind  string `toml:"kind"` // one of Kinds
	Title Text   `toml:"title"`
	// Hint tells a hospital what would satisfy the requirement.
	Hint Text `toml:"hint"`

	// Which documents are evidence. Type names a document type; Where
	// narrows it by field values (a value or a list of accepted values).
	Type  string         `toml:"type"`
	Types []string       `toml:"types"` // several types, for requirements any of them can meet
	Where map[string]any `toml:"where"`
	// Also names the other places where a hospital may write the topic
	// (a sections requirement's sections): the peak-hour change freeze in
	// the network regulation or a database procedure, the backup schedule
	// in the backup regulation. Coverage searches them all, and the gap
	// names every place searched. See Place.
	Also []Place `toml:"also"`

	// doc: at least Count documents (default 1). Approver lists words
	// one of which approved_by must contain. Term names the two fields
	// whose span must cover the as-of date; Year names a field that must
	// equal the as-of year. MinEntries asks for that many entries (see
	// DocType.Entries).
	Count      int      `toml:"count"`
	Approver   []string `toml:"approver"`
	Term       []string `toml:"term"`
	Year       string   `toml:"year"`
	MinEntries int      `toml:"min_entries"`

	// sections: the section ids (of Type) and/or field names that each
	// document must have. Scope says how documents combine: "one" (one
	// document has them all; default), "each" (every matching document has
	// them all, the verdict is partial when some do), "any" (each item may
	// be in a different document). Rows names a table field whose every row
	// must have Fields filled in.
	Sections []string `toml:"sections"`
	Fields   []string `toml:"fields"`
	Scope    string   `toml:"scope"`
	Rows     string   `toml:"rows"`
	// RowsWhere limits the rows checked to those whose columns have the
	// given values (e.g. only hardware has a warranty).
	RowsWhere map[string]any `toml:"rows_where"`

	// list: the members that must be present. Field is the field (or
	// table column, "leadership.role") whose values are collected from the
	// matching documents; an item may instead name a Type (and Where) that
	// a document of that type satisfies. MembersFrom takes the members from
	// the hospital settings instead (e.g. "departments").
	Field string `toml:"field"`
	Items []Item `toml:"items"`
	// Exclude names a field of the requirement's type whose values are not
	// members (the information centre needs no liaison of its own).
	Exclude string `toml:"exclude"`
	// Contains lets a member match a free-text value that contains one of
	// its words ("门诊挂号" for 挂号); without it values must equal.
	Contains    bool   `toml:"contains"`
	MembersFrom string `toml:"members_from"`
	// TextSection also finds list members in the body of the documents:
	// in the list items under the heading that names this section of
	// their type (e.g. the information centre's duties written out under
	// "信息中心及职责"), and in the body rows of its tables. An item or row
	// counts for a member when it contains one of the member's text words
	// (its match words when it has none).
	TextSection string `toml:"text_section"`

	// Form names a blank form whose fields must include Items (matched by
	// id or by label words).
	Form string `toml:"form"`

	// record: DateField holds the record date (a field, or "table.column"
	// for registers with rows). Within is how recent the newest record must
	// be ("12m", "6m", "90d"). Per asks for a recent record for every
	// document of another type, linked by a field of the record. Window
	// restricts the records to a term of the document ("term", with the
	// requirement's Term fields) and Due says when a missing record starts
	// to count ("midpoint" of the term).
	DateField string `toml:"date_field"`
	Within    string `toml:"within"`
	Per       *Per   `toml:"per"`
	Window    string `toml:"window"`
	Due       string `toml:"due"`
	// Advise is a stricter period recommended by the framework's appendix;
	// records older than it but within Within raise a note, not a gap.
	Advise string `toml:"advise"`

	// number: Numerator and Denominator name fields (a table column is
	// summed: "budget.amount"). The ratio meets the requirement at or above
	// Met and is partial at or above Partial.
	Numerator   string  `toml:"numerator"`
	Denominator string  `toml:"denominator"`
	Met         float64 `toml:"met"`
	Partial     float64 `toml:"partial"`

	// manual: the attestation stays valid for Valid ("12m"). OrManual on
	// another kind lets an attestation stand in when no document proves it.
	Valid    string `toml:"valid"`
	OrManual bool   `toml:"or_manual"`

	// Weight of the requirement in the article's score (default 1).
	Weight float64 `toml:"weight"`
}

// Item is a member of a list requirement, or a field a form must have.
type Item struct {
	ID    string   `toml:"id"`
	Label Text     `toml:"label"`
	Match []string `toml:"match"` // values or words that count as this item
	// Text, when set, replaces Match for the body text read through the
	// requirement's TextSection: a field holds 3 where the text says 三级.
	Text []string `toml:"text"`
	// Type and Where: a document of this type (optionally narrowed) counts
	// as this member, whatever the requirement's Field says.
	Type  string         `toml:"type"`
	Where map[string]any `toml:"where"`
	// Limit bounds a number in the member's row, e.g. the minutes after
	// which a front desk falls back to paper.
	Limit *Limit `toml:"limit"`
}

// Limit bounds a numeric column of the row that matched an item.
type Limit struct {
	Field string   `toml:"field"`
	Max   *float64 `toml:"max"`
	Min   *float64 `toml:"min"`
	// Advise marks the bound as advice (a model value of an appendix, not
	// a rule of the articles): a value beyond it, or none, gives a note,
	// not a gap.
	Advise bool `toml:"advise"`
}

// Place is one more place where a requirement's topic may be written: the
// documents of Type that pass Where. Their headings are searched for the
// requirement's sections with the sections' own definitions (taken from the
// requirement's type), whatever their own type. Provides lists sections a
// matching document stands for as a whole, headings or not: a training
// record of kind induction is the security induction of new staff.
//
// A part missing from the document assessed is found in any place; when no
// document of the requirement's own type and filter is in force, the
// places' documents together are assessed, each part from any of them.
type Place struct {
	Type     string         `toml:"type"`
	Where    map[string]any `toml:"where"`
	Provides []string       `toml:"provides"`
}

// Per links records to the documents they are about.
type Per struct {
	Type  string         `toml:"type"`  // the documents that each need a record
	Where map[string]any `toml:"where"` // narrows those documents
	Field string         `toml:"field"` // the record field that holds the document's id
}

// Article returns the article with the given number, or nil.
func (f *Framework) Article(n int) *Article {
	for _, a := range f.Articles {
		if a.Number == n {
			return a
		}
	}
	return nil
}

// DocTypes returns the document types a requirement draws evidence from.
func (r *Requirement) DocTypes() []string {
	if r.Type != "" {
		return append([]string{r.Type}, r.Types...)
	}
	return r.Types
}
