package schema

// DocType describes one kind of document a hospital writes: its front-matter
// fields and the sections its body must or may have. It is decoded from
// schemas/types/NAME.toml.
type DocType struct {
	Name        string   `toml:"name"`
	Label       Text     `toml:"label"`       // singular: 规章制度
	Group       Text     `toml:"group"`       // heading of the list of such documents
	Description Text     `toml:"description"` // what the type is for, shown to authors
	Dir         string   `toml:"dir"`         // conventional folder under content/, implies the type
	Formats     []string `toml:"formats"`     // "markdown", "toml"; default markdown
	// Classification is the default classification of documents of this
	// type when their front matter does not set one.
	Classification string     `toml:"classification"`
	Fields         []*Field   `toml:"fields"`
	Sections       []*Section `toml:"sections"`
	// Entries names how a document's entries are counted when a requirement
	// asks for a minimum: "headings" (level-2 headings, as in the FAQ) or
	// the name of a table field (as in a glossary's terms).
	Entries string `toml:"entries"`
	// Page gives the type's entries a page of their own on the site, at
	// <name>/index.html, in place of a list of its documents.
	Page *Page `toml:"page"`
	// Home, when set, is the heading under which the home page lists the
	// type's documents (emergency plans: what to read when the network
	// is down).
	Home Text `toml:"home"`
	// Order places the type in menus and lists (smaller first).
	Order int `toml:"order"`
	// Binder names the PDF binder that gathers documents of this type
	// ("regulations" makes pdf/regulations.pdf); types sharing a name
	// share a binder, titled by their group. Empty: no binder of its own.
	Binder string `toml:"binder"`
	// Record marks a type of dated records (drills, trainings, ...). A
	// record is evidence unless it is a draft or retired: it needs no
	// approval, and its status may be left out.
	Record bool `toml:"record"`
	// Card gives each document of the type a one-page action card, first
	// on its page and in its PDF and printable on its own (package card):
	// what to do in an outage, from the fields scenario, levels, fallback
	// and first_actions.
	Card bool `toml:"card"`
	// Guide is what a new document of this type should do as a whole
	// (drafting principles, how it is approved), written by guifan new
	// and init above the first section as guidance the author replaces:
	// it never counts as content (schemas/sections.toml, guidance).
	Guide Text `toml:"guide"`
	// Outline shows the type's sections on its list page as an outline,
	// with the documents that cover each (the five-year plan: appendix 1).
	Outline bool `toml:"outline"`

	File string `toml:"-"` // schema file it came from
}

// Page kinds: how a type's page shows its entries.
const (
	// PageEntries shows every entry (level-2 heading, entries =
	// "headings") of every document on one page, each under its own
	// anchor, grouped by document: the FAQ.
	PageEntries = "entries"
	// PageTerms shows the rows of the table field that entries names as
	// terms with their definitions: the glossary.
	PageTerms = "terms"
)

// Page is the page of its own a type's entries get on the site.
type Page struct {
	Kind  string `toml:"kind"`  // PageEntries or PageTerms
	Title Text   `toml:"title"` // heading and menu label; default: the type's label
	Lede  Text   `toml:"lede"`  // the sentence under the heading
	// Home puts a link to the page among the home page's quick links.
	Home bool `toml:"home"`
	// Heading (entries) names a field whose value heads a document's
	// entries instead of its title (the FAQ's category).
	Heading string `toml:"heading"`
	// Term and Definition (terms) name the columns of the entries table
	// that hold a term and what it means; Translation (the term in
	// another language) and Aliases (a list of other names) are optional.
	Term        string `toml:"term"`
	Definition  string `toml:"definition"`
	Translation string `toml:"translation"`
	Aliases     string `toml:"aliases"`
}

// Field is one front-matter key of a document type, or a column of a table
// field.
type Field struct {
	Name  string `toml:"name"`
	Label Text   `toml:"label"`
	// Hint tells authors what to write (a unit, "a forecast when the plan
	// is drafted"); outputs show it as help text beside the label, never
	// in it.
	Hint        Text        `toml:"hint"`
	Type        string      `toml:"type"` // see FieldTypes
	Required    bool        `toml:"required"`
	Description Text        `toml:"description"`
	Values      []EnumValue `toml:"values"`  // for enum, and list of enum
	Of          string      `toml:"of"`      // element type of a list: string (default), enum, date, ref, article
	RefTypes    []string    `toml:"ref"`     // for ref/refs: allowed document types; empty means any
	Columns     []*Field    `toml:"columns"` // for table: the fields of each row
	Min         *float64    `toml:"min"`     // for numbers
	Max         *float64    `toml:"max"`
	// FromID (year fields): guifan new takes the value from the document
	// id, the FromID-th four-digit year in it ("plan-2027-2031": 1 is
	// 2027, 2 is 2031), or from --term. After is what to add to the first
	// year when the id has fewer years (a five-year term ends 4 after).
	FromID int `toml:"from_id"`
	After  int `toml:"after"`
	// Sequence (tables): an enum column and a date column; rows should
	// follow the enum's order and their dates should not go back (check
	// warns). guifan new writes one row per value of the enum.
	Sequence []string `toml:"sequence"`
	// RowsOf (list and string columns of a table): each value names a
	// row of a table in another document, which outputs print by that
	// row's name (an annual plan's projects name the five-year plan's
	// tasks they serve by id; readers see the tasks' names).
	RowsOf *RowsOf `toml:"rows_of"`
}

// RowsOf says where the rows a column's values name are: the table Table
// of the document named by the field Ref of the same document, matched by
// its column Key and printed by its column Name.
type RowsOf struct {
	Ref   string `toml:"ref"`
	Table string `toml:"table"`
	Key   string `toml:"key"`
	Name  string `toml:"name"`
}

// FieldTypes lists the value types a field may have, with what each accepts.
var FieldTypes = map[string]string{
	"string":   "a one-line string",
	"text":     "a string of any length",
	"date":     "a date, 2026-03-01 (bare or quoted)",
	"enum":     "one of the field's values (or an alias)",
	"list":     "an array of strings (or of the type named by of)",
	"integer":  "a whole number",
	"number":   "a number",
	"money":    "an amount in yuan (number, no unit)",
	"percent":  "a percentage, 0 to 100",
	"bool":     "true or false",
	"ref":      "the id of another document",
	"refs":     "an array of document ids",
	"article":  "an article number of the framework",
	"articles": "an array of article numbers",
	"table":    "an array of tables whose keys are the columns",
	"year":     "a year, e.g. 2026",
}

// EnumValue is one allowed value of an enum field. Aliases let authors write
// the Chinese word (现行) for the canonical value (in_force).
type EnumValue struct {
	Value   string   `toml:"value"`
	Label   Text     `toml:"label"`
	Aliases []string `toml:"aliases"`
	// Guide is what a document with this value should say, in our own
	// words (a job duty's model duties for its post, appendix 3); guifan
	// init writes it as guidance under the section named Section (or the
	// title when Section is ""), never as content.
	Guide   Text   `toml:"guide"`
	Section string `toml:"section"`
}

// Section is a part of a document body, found by its heading. Match lists
// the heading words that identify it (synonyms); a heading matches when it
// contains one of them after normalisation.
type Section struct {
	ID       string   `toml:"id"`
	Label    Text     `toml:"label"`
	Match    []string `toml:"match"`
	Required bool     `toml:"required"`
	// Description says what the section holds, in the specification's
	// own words; a heading no word of Match names is still recognised
	// when it and its first paragraph say much the same (see package
	// sections).
	Description Text `toml:"description"`
	// Infer is the share of a heading's words the description must
	// explain for the heading to be taken as this section; 0: the
	// default of schemas/sections.toml; negative: never inferred.
	Infer float64 `toml:"infer"`
	// MinChars is how many characters of text (not counting punctuation
	// and spaces) make the section more than a heading; 0: the default.
	// A list item or a table row is always enough.
	MinChars int `toml:"min_chars"`
	// Field names a field of the type (usually a table) that holds the
	// same content: filled in, it counts as the section.
	Field string `toml:"field"`
	// Guide says what to write in the section, in our own words; guifan
	// new writes it under the heading as guidance (never content).
	Guide Text `toml:"guide"`
}

// Field returns the field named name, or nil. Dotted names reach into table
// columns: "leadership.role".
func (t *DocType) Field(name string) *Field {
	return findField(t.Fields, name)
}

// Section returns the section with the given id, or nil.
func (t *DocType) Section(id string) *Section {
	for _, s := range t.Sections {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// HasFormat reports whether documents of this type may be written in format
// ("markdown" or "toml").
func (t *DocType) HasFormat(format string) bool {
	if len(t.Formats) == 0 {
		return format == "markdown"
	}
	for _, f := range t.Formats {
		if f == format {
			return true
		}
	}
	return false
}

func findField(fields []*Field, name string) *Field {
	head, rest, dotted := cut(name, '.')
	for _, f := range fields {
		if f.Name == head {
			if !dotted {
				return f
			}
			return findField(f.Columns, rest)
		}
	}
	return nil
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// Elem returns the field an element of a list field (list, refs,
// articles) is read and printed as: its name, label, values and reference
// types, with the element type (of, or ref for refs, article for
// articles, else string).
func (f *Field) Elem() *Field {
	elem := &Field{Name: f.Name, Label: f.Label, Type: "string", Values: f.Values, RefTypes: f.RefTypes}
	switch {
	case f.Type == "refs":
		elem.Type = "ref"
	case f.Type == "articles":
		elem.Type = "article"
	case f.Of != "":
		elem.Type = f.Of
	}
	return elem
}

// Lookup finds the enum value that v names, by value or alias. Matching
// ignores case and surrounding space.
func (f *Field) Lookup(v string) (EnumValue, bool) {
	n := Normalize(v)
	for _, ev := range f.Values {
		if Normalize(ev.Value) == n {
			return ev, true
		}
		for _, a := range ev.Aliases {
			if Normalize(a) == n {
				return ev, true
			}
		}
	}
	return EnumValue{}, false
}

// ValueNames lists the canonical values of an enum field.
func (f *Field) ValueNames() []string {
	out := make([]string, len(f.Values))
	for i, v := range f.Values {
		out[i] = v.Value
	}
	return out
}
