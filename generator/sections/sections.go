// Package sections finds the sections of a document by meaning, and says
// whether each has anything in it. It is the one place where a heading
// becomes a section: check, coverage and the report all ask it, so they
// never disagree. It does no I/O.
//
// A section of a document type (schemas/types/*.toml) is found, most
// trusted first:
//
//   - tagged: the heading ends with "{#id}" ("## 处置步骤 {#activation}");
//   - keyword: the heading contains one of the section's match words or
//     its label; failing a heading, a paragraph opening with bold words or
//     a few words and a colon ("**正常反应**：……") does too;
//   - title: the document's title contains a match word and there is text
//     under the title before the first section heading (a job duty whose
//     duties are a list straight under "# 网络管理岗岗位职责");
//   - inferred: a heading no keyword names, whose words (and its first
//     paragraph's) are mostly words of the section's label, keywords and
//     description — shared pairs of Chinese characters and English words,
//     rare ones weighing more — at least the section's threshold, and more
//     than any other section of the type explains;
//   - field: the section's structured field is filled in (an emergency
//     plan's levels table).
//
// A found section counts only with substance: enough characters of text,
// or a list item, or a table row, none of it placeholder words
// (schemas/sections.toml).
package sections

import (
	"sort"
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// How a section was found.
const (
	Tagged   = "tagged"
	Keyword  = "keyword"
	Title    = "title"
	Inferred = "inferred"
	Field    = "field"
)

// rank orders the ways of finding a section, most trusted first.
var rank = map[string]int{Tagged: 0, Keyword: 1, Title: 2, Field: 3, Inferred: 4}

// Match is one place a section was found.
type Match struct {
	Heading string // the heading as shown (no tag); the title for Title; the field's label for Field
	Line    int    // file line of the heading (or of the field)
	Level   int    // the heading's level (0 for a field)
	How     string
	Score   float64 // for Inferred: the share of the heading's words explained
	Substance
}

// Substance is what stands under a heading.
type Substance struct {
	Chars       int  // letters and digits of real text
	Items       int  // list items with real text
	Rows        int  // table body rows with real text
	Placeholder bool // placeholder words stood where the content should be
	Real        bool // enough to count: MinChars of text, an item or a row, and not only placeholders
}

// Section is what was found for one section of the type.
type Section struct {
	Section *schema.Section
	Matches []Match // best first: real ones, then by how trusted, then by level, then by line
}

// Found reports whether the section has a heading (or field) at all.
func (s Section) Found() bool { return len(s.Matches) > 0 }

// Met reports whether the section is there with content.
func (s Section) Met() bool { return len(s.Matches) > 0 && s.Matches[0].Real }

// Best is the match to show as evidence: the first with content, else
// the first found.
func (s Section) Best() Match {
	if len(s.Matches) == 0 {
		return Match{}
	}
	return s.Matches[0]
}

// Tag is a heading tag that names no section of the type.
type Tag struct {
	Tag  string
	Line int
	Col  int
}

// Result is every section of a document's type, in the type's order.
type Result struct {
	Sections []Section
	// Unknown lists tags naming no section of the type.
	Unknown []Tag
	// Near names, for a section not found, the heading that comes
	// closest to it (for check's suggestion to tag it), by section id.
	Near map[string]Match
}

// Get returns the result for the section id (zero Section if unknown).
func (r *Result) Get(id string) Section {
	for _, s := range r.Sections {
		if s.Section.ID == id {
			return s
		}
	}
	return Section{}
}

// Find finds the sections of type t in document d. rules gives the
// defaults (schema.Set.Sections). The ways of finding a section are
// tried in turn (see the package comment); each step only adds matches.
func Find(d *model.Document, t *schema.DocType, rules schema.SectionRules) *Result {
	return find(d, t, rules, nil)
}

// find is Find with the type's inferrer, when already made (nil: made
// here when needed).
func find(d *model.Document, t *schema.DocType, rules schema.SectionRules, inf *inferrer) *Result {
	res := &Result{}
	if t == nil {
		return res
	}
	if inf == nil {
		inf = newInferrer(t)
	}
	f := newFinder(d, t, rules, res)
	f.inf = inf
	f.byHeadings()
	f.byLeadIns()
	f.byTitle()
	f.byFields()
	f.byInference(inf)
	f.nearest(inf)
	sortMatches(res)
	return res
}

// finder holds what the steps of Find share: the body's lines, the
// headings below the title, and the result being filled in.
type finder struct {
	d     *model.Document
	t     *schema.DocType
	rules schema.SectionRules
	res   *Result
	idx   map[string]int // section id → index in t.Sections

	lines     []string
	heads     []model.Heading // the headings below the title
	titleText string
	titleLine int
	claimed   []bool // per heading: named by a tag or a keyword

	inf   *inferrer
	words []*headingWords // per heading: its words and its first paragraph's, found when first needed
}

// headingWords are the words of heading hi and of its first paragraph.
func (f *finder) headingWords(hi int) *headingWords {
	if f.words == nil {
		f.words = make([]*headingWords, len(f.heads))
	}
	if f.words[hi] == nil {
		from, to := f.span(hi)
		f.words[hi] = f.inf.heading(f.heads[hi].Text, firstParagraph(f.lines, from, to))
	}
	return f.words[hi]
}

func newFinder(d *model.Document, t *schema.DocType, rules schema.SectionRules, res *Result) *finder {
	f := &finder{d: d, t: t, rules: rules, res: res, idx: map[string]int{}}
	for i, s := range t.Sections {
		f.idx[s.ID] = i
		res.Sections = append(res.Sections, Section{Section: s})
	}
	f.lines = strings.Split(string(d.Body), "\n")
	f.heads = d.Headings
	f.titleText, f.titleLine = d.Title(), d.BodyLine
	if len(f.heads) > 0 && f.heads[0].Level == 1 {
		f.titleText, f.titleLine = f.heads[0].Text, f.heads[0].Line
		f.heads = f.heads[1:]
	}
	f.claimed = make([]bool, len(f.heads))
	return f
}

// body turns a file line into a 0-based index into lines.
func (f *finder) body(fileLine int) int { return fileLine - f.d.BodyLine }

// span is the lines of heading i: up to the next heading of the same or a
// higher level (subsections belong to it).
func (f *finder) span(i int) (int, int) {
	from := f.body(f.heads[i].Line) + 1
	to := len(f.lines)
	for j := i + 1; j < len(f.heads); j++ {
		if f.heads[j].Level <= f.heads[i].Level {
			to = f.body(f.heads[j].Line)
			break
		}
	}
	return from, to
}

// subst measures lines[from:to] for section sec; extra, for a lead-in, is
// the rest of its line, measured before the lines after it.
func (f *finder) subst(sec *schema.Section, from, to int, extra ...string) Substance {
	if len(extra) > 0 {
		ls := append([]string{extra[0]}, f.lines[min(from+1, to):to]...)
		return measure(ls, 0, len(ls), f.rules.MinCharsOf(sec), f.rules)
	}
	return measure(f.lines, from, to, f.rules.MinCharsOf(sec), f.rules)
}

func (f *finder) add(i int, m Match) {
	f.res.Sections[i].Matches = append(f.res.Sections[i].Matches, m)
}

// byHeadings finds sections by heading tags and keywords, and records the
// tags that name no section.
func (f *finder) byHeadings() {
	for hi, h := range f.heads {
		from, to := f.span(hi)
		norm := schema.Normalize(h.Text)
		if h.Tag != "" {
			if i, ok := f.idx[h.Tag]; ok {
				f.add(i, Match{Heading: h.Text, Line: h.Line, Level: h.Level, How: Tagged, Substance: f.subst(f.t.Sections[i], from, to)})
				f.claimed[hi] = true
			} else {
				f.res.Unknown = append(f.res.Unknown, Tag{Tag: h.Tag, Line: h.Line, Col: h.Col})
			}
		}
		for i, s := range f.t.Sections {
			if s.ID == h.Tag {
				continue
			}
			if f.named(norm, i) {
				f.add(i, Match{Heading: h.Text, Line: h.Line, Level: h.Level, How: Keyword, Substance: f.subst(s, from, to)})
				f.claimed[hi] = true
			}
		}
	}
}

// byLeadIns: a paragraph or list item that opens with a bold or
// colon-ended lead-in ("**正常反应**：指示灯常亮", "1. 操作目的：……") names a
// section the headings did not: many procedures are written so.
func (f *finder) byLeadIns() {
	for _, l := range leadIns(f.lines) {
		norm := schema.Normalize(l.words)
		for i, s := range f.t.Sections {
			if len(f.res.Sections[i].Matches) > 0 || !f.named(norm, i) {
				continue
			}
			f.add(i, Match{Heading: l.words, Line: f.d.BodyLine + l.line, Level: leadInLevel, How: Keyword,
				Substance: f.subst(s, l.line, l.end, l.rest)})
		}
	}
}

// byTitle: text before the first section heading belongs to the title.
func (f *finder) byTitle() {
	preEnd := len(f.lines)
	if len(f.heads) > 0 {
		preEnd = f.body(f.heads[0].Line)
	}
	preFrom := 0 // no title heading: the title is the front matter's
	if len(f.d.Headings) > 0 && f.d.Headings[0].Level == 1 {
		preFrom = f.body(f.titleLine) + 1
	}
	if preFrom >= preEnd {
		return
	}
	norm := schema.Normalize(f.titleText)
	for i, s := range f.t.Sections {
		if f.named(norm, i) {
			if sub := f.subst(s, preFrom, preEnd); sub.Real {
				f.add(i, Match{Heading: f.titleText, Line: f.titleLine, Level: 1, How: Title, Substance: sub})
			}
		}
	}
}

// byFields finds the sections whose content is a filled-in field.
func (f *finder) byFields() {
	for i, s := range f.t.Sections {
		if s.Field == "" {
			continue
		}
		if n := filled(f.d.Meta[s.Field]); n > 0 {
			label := s.Field
			if fd := f.t.Field(s.Field); fd != nil {
				label = fd.Label.In(schema.DefaultLang)
			}
			f.add(i, Match{Heading: label, Line: f.d.Pos(s.Field, true).Line, How: Field,
				Substance: Substance{Rows: n, Real: true}})
		}
	}
}

// byInference: headings no tag or keyword named may still be a section
// that nothing else found.
func (f *finder) byInference(inf *inferrer) {
	for hi, h := range f.heads {
		if f.claimed[hi] {
			continue
		}
		i, score := inf.scores(f.headingWords(hi), -1, minCovered)
		if i < 0 || len(f.res.Sections[i].Matches) > 0 {
			continue
		}
		s := f.t.Sections[i]
		th := f.rules.InferOf(s)
		if th < 0 || score < th {
			continue
		}
		from, to := f.span(hi)
		f.add(i, Match{Heading: h.Text, Line: h.Line, Level: h.Level, How: Inferred, Score: score, Substance: f.subst(s, from, to)})
	}
}

// nearest records, for sections still not found, the closest unclaimed
// heading.
func (f *finder) nearest(inf *inferrer) {
	for i, s := range f.t.Sections {
		if len(f.res.Sections[i].Matches) > 0 {
			continue
		}
		bestScore, bestH := 0.0, -1
		for hi := range f.heads {
			if f.claimed[hi] {
				continue
			}
			if _, sc := inf.scores(f.headingWords(hi), i, 2); sc > bestScore {
				bestScore, bestH = sc, hi
			}
		}
		if bestH >= 0 && bestScore >= nearShare*f.rules.InferOf(s) {
			if f.res.Near == nil {
				f.res.Near = map[string]Match{}
			}
			h := f.heads[bestH]
			f.res.Near[s.ID] = Match{Heading: h.Text, Line: h.Line, How: Inferred, Score: bestScore}
		}
	}
}

// sortMatches puts each section's matches best first: real ones, then by
// how trusted, then by level, then by line.
func sortMatches(res *Result) {
	for i := range res.Sections {
		ms := res.Sections[i].Matches
		sort.SliceStable(ms, func(a, b int) bool {
			if ms[a].Real != ms[b].Real {
				return ms[a].Real
			}
			if rank[ms[a].How] != rank[ms[b].How] {
				return rank[ms[a].How] < rank[ms[b].How]
			}
			if ms[a].Level != ms[b].Level { // a chapter before a subsection
				return ms[a].Level < ms[b].Level
			}
			return ms[a].Line < ms[b].Line
		})
	}
}

// named reports whether norm (text normalised, schema.Normalize) names
// the type's section i: it contains one of the section's match words or
// its label in any language (so that a draft titled by the labels, in
// Chinese or English, has its sections).
func (f *finder) named(norm string, i int) bool {
	for _, w := range f.inf.names[i] {
		if strings.Contains(norm, w) {
			return true
		}
	}
	return false
}
