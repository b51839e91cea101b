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
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
// defaults (schema.Set.Sections).
func Find(d *model.Document, t *schema.DocType, rules schema.SectionRules) *Result {
	res := &Result{}
	if t == nil {
		return res
	}
	idx := map[string]int{}
	for i, s := range t.Sections {
		idx[s.ID] = i
		res.Sections = append(res.Sections, Section{Section: s})
	}
	lines := strings.Split(string(d.Body), "\n")
	body := func(fileLine int) int { return fileLine - d.BodyLine } // 0-based index into lines

	heads := d.Headings
	titleText, titleLine := d.Title(), d.BodyLine
	if len(heads) > 0 && heads[0].Level == 1 {
		titleText, titleLine = heads[0].Text, heads[0].Line
		heads = heads[1:]
	}
	// The span of a heading: its lines up to the next heading of the same
	// or a higher level (subsections belong to it).
	span := func(i int) (int, int) {
		from := body(heads[i].Line) + 1
		to := len(lines)
		for j := i + 1; j < len(heads); j++ {
			if heads[j].Level <= heads[i].Level {
				to = body(heads[j].Line)
				break
			}
		}
		return from, to
	}
	subst := func(sec *schema.Section, from, to int, extra ...string) Substance {
		if len(extra) > 0 { // a lead-in: the rest of its line, then the lines after it
			ls := append([]string{extra[0]}, lines[min(from+1, to):to]...)
			return measure(ls, 0, len(ls), rules.MinCharsOf(sec), rules.Placeholders)
		}
		return measure(lines, from, to, rules.MinCharsOf(sec), rules.Placeholders)
	}
	add := func(i int, m Match) {
		res.Sections[i].Matches = append(res.Sections[i].Matches, m)
	}

	claimed := make([]bool, len(heads)) // named by a tag or a keyword
	for hi, h := range heads {
		from, to := span(hi)
		if h.Tag != "" {
			if i, ok := idx[h.Tag]; ok {
				add(i, Match{Heading: h.Text, Line: h.Line, Level: h.Level, How: Tagged, Substance: subst(t.Sections[i], from, to)})
				claimed[hi] = true
			} else {
				res.Unknown = append(res.Unknown, Tag{Tag: h.Tag, Line: h.Line, Col: h.Col})
			}
		}
		for i, s := range t.Sections {
			if s.ID == h.Tag {
				continue
			}
			if named(h.Text, s) {
				add(i, Match{Heading: h.Text, Line: h.Line, Level: h.Level, How: Keyword, Substance: subst(s, from, to)})
				claimed[hi] = true
			}
		}
	}

	// A paragraph or list item that opens with a bold or colon-ended
	// lead-in ("**正常反应**：指示灯常亮", "1. 操作目的：……") names a section
	// the headings did not: many procedures are written so.
	for _, l := range leadIns(lines) {
		for i, s := range t.Sections {
			if len(res.Sections[i].Matches) > 0 || !named(l.words, s) {
				continue
			}
			add(i, Match{Heading: l.words, Line: d.BodyLine + l.line, Level: leadInLevel, How: Keyword,
				Substance: subst(s, l.line, l.end, l.rest)})
		}
	}

	// Text before the first section heading belongs to the title.
	preEnd := len(lines)
	if len(heads) > 0 {
		preEnd = body(heads[0].Line)
	}
	preFrom := 0 // no title heading: the title is the front matter's
	if len(d.Headings) > 0 && d.Headings[0].Level == 1 {
		preFrom = body(titleLine) + 1
	}
	if preFrom < preEnd {
		for i, s := range t.Sections {
			if named(titleText, s) {
				if sub := subst(s, preFrom, preEnd); sub.Real {
					add(i, Match{Heading: titleText, Line: titleLine, Level: 1, How: Title, Substance: sub})
				}
			}
		}
	}

	// Fields that hold a section's content.
	for i, s := range t.Sections {
		if s.Field == "" {
			continue
		}
		if n := filled(d.Meta[s.Field]); n > 0 {
			label := s.Field
			if f := t.Field(s.Field); f != nil {
				label = f.Label.In(schema.DefaultLang)
			}
			add(i, Match{Heading: label, Line: d.Pos(s.Field, true).Line, How: Field,
				Substance: Substance{Rows: n, Real: true}})
		}
	}

	// Headings no tag or keyword named may still be a section that nothing
	// else found.
	inf := newInferrer(t)
	for hi, h := range heads {
		if claimed[hi] {
			continue
		}
		from, to := span(hi)
		i, score := inf.best(h.Text, firstParagraph(lines, from, to))
		if i < 0 || len(res.Sections[i].Matches) > 0 {
			continue
		}
		s := t.Sections[i]
		th := rules.InferOf(s)
		if th < 0 || score < th {
			continue
		}
		add(i, Match{Heading: h.Text, Line: h.Line, Level: h.Level, How: Inferred, Score: score, Substance: subst(s, from, to)})
	}

	// For sections still not found, the closest unclaimed heading.
	for i, s := range t.Sections {
		if len(res.Sections[i].Matches) > 0 {
			continue
		}
		bestScore, bestH := 0.0, -1
		for hi, h := range heads {
			if claimed[hi] {
				continue
			}
			from, to := span(hi)
			if _, sc := inf.scores(h.Text, firstParagraph(lines, from, to), i, 2); sc > bestScore {
				bestScore, bestH = sc, hi
			}
		}
		if bestH >= 0 && bestScore >= nearShare*rules.InferOf(s) {
			if res.Near == nil {
				res.Near = map[string]Match{}
			}
			h := heads[bestH]
			res.Near[s.ID] = Match{Heading: h.Text, Line: h.Line, How: Inferred, Score: bestScore}
		}
	}

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
	return res
}

// named reports whether text names section s: it contains one of the
// section's match words or its label in any language (so that a draft
// titled by the labels, in Chinese or English, has its sections).
func named(text string, s *schema.Section) bool {
	if schema.MatchAny(text, s.Match) {
		return true
	}
	for _, l := range sortedLangs(s.Label) {
		if schema.MatchAny(text, []string{s.Label[l]}) {
			return true
		}
	}
	return false
}

// leadInLevel ranks a lead-in after any heading.
const leadInLevel = 7

// leadIn is a paragraph or list item opening with a few words set off in
// bold or by a colon.
type leadIn struct {
	words string // the lead-in's words
	rest  string // the rest of its line
	line  int    // index into lines
	end   int    // index after its last line (a blank line, a heading or the next lead-in)
}

// leadInPattern: a paragraph (not a list item: items are the points of a
// section, "1. 备份失败：……") that opens with bold words or a few words and
// a colon, after an optional Chinese ordinal ("一、", "（一）").
var leadInPattern = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、\s*|[（(][一二三四五六七八九十]+[)）]\s*)?(?:\*\*([^*]{2,16})\*\*[：:]?|([^：:。，,；;*#|\-+\d]{2,10})[：:])(.*)$`)

// leadIns finds the lead-ins of a body, outside fenced code.
func leadIns(lines []string) []leadIn {
	var out []leadIn
	fence := false
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fence = !fence
			continue
		}
		if fence || line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") {
			if len(out) > 0 && out[len(out)-1].end == 0 && (line == "" || strings.HasPrefix(line, "#")) {
				out[len(out)-1].end = i
			}
			continue
		}
		m := leadInPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if len(out) > 0 && out[len(out)-1].end == 0 {
			out[len(out)-1].end = i
		}
		out = append(out, leadIn{words: strings.TrimSpace(m[1] + m[2]), rest: m[3], line: i})
	}
	if len(out) > 0 && out[len(out)-1].end == 0 {
		out[len(out)-1].end = len(lines)
	}
	return out
}

// filled counts the entries of a field value: rows of a table with a
// value in them, items of a list, 1 for a non-empty scalar.
func filled(v any) int {
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		if strings.TrimSpace(v) == "" {
			return 0
		}
		return 1
	case []any:
		n := 0
		for _, x := range v {
			n += min(1, filled(x))
		}
		return n
	case []map[string]any:
		n := 0
		for _, row := range v {
			for _, x := range row {
				if filled(x) > 0 {
					n++
					break
				}
			}
		}
		return n
	case map[string]any:
		for _, x := range v {
			if filled(x) > 0 {
				return 1
			}
		}
		return 0
	}
	return 1
}

// Measure returns the substance of a whole body (for a document with no
// section of its own, or to tell an empty document).
func Measure(d *model.Document, rules schema.SectionRules) Substance {
	lines := strings.Split(string(d.BodyWithoutTitle()), "\n")
	return measure(lines, 0, len(lines), rules.MinCharsOf(nil), rules.Placeholders)
}

// measure looks at lines[from:to] of a body.
func measure(lines []string, from, to, minChars int, placeholders []string) Substance {
	var s Substance
	from = max(from, 0)
	to = min(to, len(lines))
	ph := normalizeAll(placeholders)
	fence := false
	tableHeader := false // the next table line is a header row
	prevTable := false
	for i := from; i < to; i++ {
		line := strings.TrimSpace(lines[i])
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fence = !fence
			continue
		}
		if fence {
			s.Chars += letters(line)
			continue
		}
		isTable := strings.HasPrefix(line, "|")
		if isTable && !prevTable {
			tableHeader = true
		}
		prevTable = isTable
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			// blank, or a subheading: its words are not content
		case isTable:
			if separatorRow(line) {
				continue
			}
			real := false
			for _, cell := range strings.Split(strings.Trim(line, "|"), "|") {
				n, p := unit(cell, minChars, ph)
				if p {
					s.Placeholder = true
				} else if n > 0 {
					real = true
					s.Chars += n
				}
			}
			if tableHeader {
				tableHeader = false
				continue
			}
			if real {
				s.Rows++
			}
		default:
			text, item := listItem(line)
			n, p := unit(text, minChars, ph)
			switch {
			case p:
				s.Placeholder = true
			case n > 0:
				s.Chars += n
				if item {
					s.Items++
				}
			}
		}
	}
	s.Real = s.Chars >= minChars || s.Items > 0 || s.Rows > 0
	if s.Real {
		s.Placeholder = false
	}
	return s
}

// unit measures one line, list item or cell: its letters and digits, and
// whether it is placeholder words.
func unit(text string, minChars int, placeholders []string) (int, bool) {
	n := normalize(text)
	if n == "" {
		return 0, false
	}
	size := utf8.RuneCountInString(n)
	for _, p := range placeholders {
		if n == p {
			return 0, true
		}
		// "请填写本节内容", "待补充具体措施": a placeholder with a few words
		// around it; "请填写《变更申请表》并经科长签字" is an instruction.
		if pn := utf8.RuneCountInString(p); pn > 1 && size < minChars && size <= pn+placeholderSlack && (strings.HasPrefix(n, p) || strings.HasSuffix(n, p)) {
			return 0, true
		}
	}
	return size, false
}

// normalize keeps the letters and digits of s, lower-cased, with full-width
// ASCII folded.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range schema.Normalize(s) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func normalizeAll(words []string) []string {
	var out []string
	for _, w := range words {
		if n := normalize(w); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// letters counts letters and digits.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// listItem strips a list marker ("- ", "1. ", "1．", "（一）") and says
// whether there was one.
func listItem(line string) (string, bool) {
	for _, m := range []string{"- [ ] ", "- [x] ", "- ", "* ", "+ "} {
		if strings.HasPrefix(line, m) {
			return line[len(m):], true
		}
	}
	if line == "-" || line == "*" || line == "+" {
		return "", true
	}
	rest := strings.TrimLeftFunc(line, func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' })
	if rest != line {
		for _, m := range []string{". ", ".", ") ", ")", "．", "、", "）"} {
			if strings.HasPrefix(rest, m) {
				return rest[len(m):], true
			}
		}
	}
	for _, open := range []string{"（", "("} {
		if strings.HasPrefix(line, open) {
			if close := strings.IndexAny(line, "）)"); close > 0 && utf8.RuneCountInString(line[:close]) <= 4 {
				inner := line[len(open):close]
				if inner != "" && strings.Trim(inner, "0123456789一二三四五六七八九十") == "" {
					return strings.TrimLeft(line[close:], "）) "), true
				}
			}
		}
	}
	return line, false
}

func separatorRow(line string) bool {
	return strings.Trim(line, "|-: \t") == "" && strings.Contains(line, "-")
}

// firstParagraph is the first block of text under a heading (up to
// maxPara runes), for inference.
func firstParagraph(lines []string, from, to int) string {
	var b strings.Builder
	for i := max(from, 0); i < min(to, len(lines)); i++ {
		line := strings.TrimSpace(lines[i])
		if strings.HasPrefix(line, "#") {
			break
		}
		if line == "" {
			if b.Len() > 0 {
				break
			}
			continue
		}
		b.WriteString(line)
		b.WriteByte(' ')
		if utf8.RuneCountInString(b.String()) > maxPara {
			break
		}
	}
	return b.String()
}

const maxPara = 200

// placeholderSlack is how many characters may stand around a placeholder
// word in a line that is still only a placeholder.
const placeholderSlack = 6

// nearShare is the part of a section's inference threshold a heading must
// reach for check to suggest tagging it as that section.
const nearShare = 0.5

// minCovered is how many characters of a heading the words it shares with
// a section must cover before the section can be inferred from it.
const minCovered = 4

// inferrer compares headings with the sections of one type.
type inferrer struct {
	t     *schema.DocType
	vocab []map[string]bool // per section: its words
	idf   map[string]float64
	top   float64 // weight of a word no section uses
}

func newInferrer(t *schema.DocType) *inferrer {
	inf := &inferrer{t: t, idf: map[string]float64{}}
	df := map[string]int{}
	for _, s := range t.Sections {
		v := map[string]bool{}
		var texts []string
		for _, l := range sortedLangs(s.Label) {
			texts = append(texts, s.Label[l])
		}
		for _, l := range sortedLangs(s.Description) {
			texts = append(texts, s.Description[l])
		}
		texts = append(texts, s.Match...)
		for _, tx := range texts {
			for _, w := range words(tx) {
				v[w] = true
			}
		}
		for w := range v {
			df[w]++
		}
		inf.vocab = append(inf.vocab, v)
	}
	n := float64(len(t.Sections))
	for w, k := range df {
		inf.idf[w] = math.Log(1 + n/float64(k))
	}
	inf.top = math.Log(1 + n)
	return inf
}

func sortedLangs(t schema.Text) []string {
	var ks []string
	for k := range t {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (inf *inferrer) weight(w string) float64 {
	if x, ok := inf.idf[w]; ok {
		return x
	}
	return inf.top
}

// best returns the section that explains most of the heading (its first
// paragraph counting for a third when that helps), and the share
// explained; -1 when two sections tie or the heading has too few words.
func (inf *inferrer) best(heading, para string) (int, float64) {
	return inf.scores(heading, para, -1, minCovered)
}

// scores is best over all sections, or over section only alone when only
// is not negative; a section whose words cover fewer than minCover
// characters of the heading scores nothing.
func (inf *inferrer) scores(heading, para string, only, minCover int) (int, float64) {
	hw, hanAt := positioned(stripNumbering(heading))
	if len(hw) < 2 { // one word says too little to infer anything
		return -1, 0
	}
	pw := uniq(words(para))
	// covered counts the characters of the heading that words shared
	// with v cover: one word of two characters ("建设" in "文化建设") is too
	// little to infer from.
	covered := func(v map[string]bool) int {
		chars := map[int]bool{}
		n := 0
		for i, w := range hw {
			if !v[w] {
				continue
			}
			if utf8.RuneCountInString(w) > 2 { // an English word
				n += 3
				continue
			}
			chars[hanAt[i]], chars[hanAt[i]+1] = true, true
		}
		return n + len(chars)
	}
	share := func(ws []string, v map[string]bool) float64 {
		total, hit := 0.0, 0.0
		for _, w := range ws {
			x := inf.weight(w)
			total += x
			if v[w] {
				hit += x
			}
		}
		if total == 0 {
			return 0
		}
		return hit / total
	}
	bestI, best, second := -1, 0.0, 0.0
	for i, v := range inf.vocab {
		if only >= 0 && i != only {
			continue
		}
		if covered(v) < minCover {
			continue
		}
		sc := share(hw, v)
		if len(pw) > 0 { // the first paragraph may support the heading, never undo it
			sc = max(sc, (2*sc+share(pw, v))/3)
		}
		switch {
		case sc > best:
			bestI, second, best = i, best, sc
		case sc > second:
			second = sc
		}
	}
	if best == second && only < 0 {
		return -1, 0
	}
	return bestI, math.Round(best*1000) / 1000
}

// positioned is the distinct words of s with, for each pair of Chinese
// characters, the index of its first character in s (English words: -1).
func positioned(s string) ([]string, []int) {
	var ws []string
	var at []int
	seen := map[string]bool{}
	add := func(w string, i int) {
		if !seen[w] {
			seen[w] = true
			ws = append(ws, w)
			at = append(at, i)
		}
	}
	rs := []rune(schema.Normalize(s))
	for i := 0; i < len(rs); i++ {
		if unicode.Is(unicode.Han, rs[i]) && i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1]) {
			add(string(rs[i:i+2]), i)
		}
	}
	for _, w := range words(s) {
		if utf8.RuneCountInString(w) > 2 || !unicode.Is(unicode.Han, []rune(w)[0]) {
			add(w, -1)
		}
	}
	return ws, at
}

func uniq(ws []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// words splits text into pairs of adjacent Chinese characters and
// lower-case English words of three letters or more (a final s dropped).
func words(s string) []string {
	var out []string
	var run []rune
	var latin strings.Builder
	flushLatin := func() {
		if w := latin.String(); len(w) >= 3 {
			switch {
			case strings.HasSuffix(w, "ies"):
				w = strings.TrimSuffix(w, "ies") + "y"
			case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
				w = strings.TrimSuffix(w, "s")
			}
			out = append(out, w)
		}
		latin.Reset()
	}
	flushHan := func() {
		for i := 0; i+1 < len(run); i++ {
			out = append(out, string(run[i:i+2]))
		}
		run = run[:0]
	}
	for _, r := range schema.Normalize(s) {
		switch {
		case unicode.Is(unicode.Han, r):
			flushLatin()
			run = append(run, r)
		case r < 128 && unicode.IsLetter(r):
			flushHan()
			latin.WriteRune(r)
		default:
			flushHan()
			flushLatin()
		}
	}
	flushHan()
	flushLatin()
	return out
}

// stripNumbering drops the numbering before a heading's words: 第三章,
// 五、, (二), 3.1, Chapter 2.
func stripNumbering(h string) string {
	h = strings.TrimSpace(h)
	num := "0123456789０１２３４５６７８９一二三四五六七八九十百零〇"
	if strings.HasPrefix(h, "第") {
		rest := strings.TrimLeft(h[len("第"):], num)
		for _, unit := range []string{"章", "条", "节", "部分", "篇"} {
			if strings.HasPrefix(rest, unit) {
				return strings.TrimSpace(rest[len(unit):])
			}
		}
	}
	rest := strings.TrimLeft(h, "（(")
	rest2 := strings.TrimLeft(rest, num+".．")
	if rest2 != rest {
		return strings.TrimSpace(strings.TrimLeft(rest2, "、.．)） \t"))
	}
	return h
}

// Placeholders returns the headings of d below its title whose text, up
// to the next heading, is only placeholder words — whether or not the
// heading names a section of the type (check warns about each).
func Placeholders(d *model.Document, rules schema.SectionRules) []model.Heading {
	if d.Format != "markdown" {
		return nil
	}
	lines := strings.Split(string(d.Body), "\n")
	var out []model.Heading
	for i, h := range d.Headings {
		if h.Level < 2 {
			continue
		}
		end := d.BodyLine + len(lines)
		if i+1 < len(d.Headings) {
			end = d.Headings[i+1].Line
		}
		s := measure(lines, h.Line+1-d.BodyLine, end-d.BodyLine, rules.MinCharsOf(nil), rules.Placeholders)
		if s.Placeholder {
			out = append(out, h)
		}
	}
	return out
}
