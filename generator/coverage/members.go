package coverage

import (
	"sort"
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// textLine is one list item of a document's body.
type textLine struct {
	text string
	line int // file line
}

// sectionItems returns the list items ("1. …", "- …", "（1）…", "一、…")
// written under each heading where the section id of d's type is found
// (by the one section finder, generator/sections), up to the next heading
// of the same or a higher level. Only list items count: a member is read
// from an item that states it, not from any sentence that happens to use
// its words.
func (e *evaluator) sectionItems(d *model.Document, id string) []textLine {
	t := e.in.Schemas.Types[d.Type]
	if t == nil || d.Format != "markdown" || t.Section(id) == nil {
		return nil
	}
	lines := strings.Split(string(d.Body), "\n")
	hs := d.SectionHeadings()
	var out []textLine
	seen := map[int]bool{}
	for _, m := range e.sectionsOf(d).Get(id).Matches {
		if m.Level == 0 || seen[m.Line] {
			continue // a structured field or a lead-in paragraph: no list under a heading
		}
		seen[m.Line] = true
		end := d.BodyLine + len(lines)
		for _, n := range hs {
			if n.Line > m.Line && n.Level <= m.Level {
				end = n.Line
				break
			}
		}
		for ln := m.Line + 1; ln < end; ln++ {
			k := ln - d.BodyLine
			if k < 0 || k >= len(lines) {
				continue
			}
			if item, ok := e.in.Schemas.Sections.ListItems.Item(lines[k]); ok {
				out = append(out, textLine{item, ln})
			} else if row, ok := tableRow(lines, k); ok {
				out = append(out, textLine{row, ln})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// tableRow returns the cells of lines[k] when it is a body row of a GFM
// table (not its header row, which the delimiter row follows, and not the
// delimiter row itself), joined by spaces: a row states one thing as an
// item does.
func tableRow(lines []string, k int) (string, bool) {
	s := strings.TrimSpace(lines[k])
	if !strings.HasPrefix(s, "|") || isDelimiterRow(s) {
		return "", false
	}
	if k+1 < len(lines) && isDelimiterRow(strings.TrimSpace(lines[k+1])) {
		return "", false // the header row
	}
	cells := strings.Split(strings.Trim(s, "|"), "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	row := strings.TrimSpace(strings.Join(cells, " "))
	return row, row != ""
}

// isDelimiterRow reports whether s is a GFM table delimiter row ("|---|:-:|").
func isDelimiterRow(s string) bool {
	if !strings.HasPrefix(s, "|") || !strings.Contains(s, "-") {
		return false
	}
	return strings.Trim(s, "|-: \t") == ""
}

// textMember finds a list member in the body text of the documents: a list
// item of the requirement's text section that contains one of the
// member's match words.
func (e *evaluator) textMember(r *schema.Requirement, it schema.Item, docs []*model.Document) []Evidence {
	words := it.Text
	if len(words) == 0 {
		words = it.Match
	}
	if r.TextSection == "" || len(words) == 0 {
		return nil
	}
	for _, d := range docs {
		for _, l := range e.sectionItems(d, r.TextSection) {
			if schema.MatchAny(l.text, words) {
				ev := evidenceOf(d)
				ev.Section = it.Label.In(e.lang())
				ev.Line = l.line
				return []Evidence{ev}
			}
		}
	}
	return nil
}

// sameDepartment reports whether the name v written in a document stands
// for the department dept of hospital.toml: the same name, or the same
// once the parts people leave out are dropped, provided v names no other
// department of the list exactly and could not stand for two of them.
func (e *evaluator) sameDepartment(v, dept string) bool {
	nv, nd := schema.Normalize(v), schema.Normalize(dept)
	if nv == nd {
		return true
	}
	names := e.in.Schemas.Sections.Departments // how names are shortened: schemas/sections.toml
	if names.Key(nv) != names.Key(nd) || e.in.Hospital == nil {
		return false
	}
	wide := 0
	for _, d := range e.in.Hospital.Departments {
		if schema.Normalize(d) == nv {
			return false // v is another department's own name
		}
		if names.WideKey(d) == names.WideKey(nv) {
			wide++
		}
	}
	return wide == 1
}
