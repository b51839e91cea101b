package coverage

import (
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/sections"
)

// sectionsOf finds d's sections once (package sections: tags, keywords,
// the title, inference, fields; and whether each has content).
func (e *evaluator) sectionsOf(d *model.Document) *sections.Result {
	if r, ok := e.found[d]; ok {
		return r
	}
	if e.found == nil {
		e.found = map[*model.Document]*sections.Result{}
	}
	r := e.in.Found.Find(d, e.in.Schemas.Types[d.Type], e.in.Schemas.Sections)
	e.found[d] = r
	return r
}

// sectionPart is the part of a sections requirement that asks for section
// sec: found with content, it is evidence (saying how it was found);
// found without content, it is reported as empty.
func (e *evaluator) sectionPart(sec *schema.Section) part {
	return part{
		label: sec.Label,
		found: func(d *model.Document) (Evidence, bool) {
			s := e.sectionsOf(d).Get(sec.ID)
			if !s.Met() {
				return Evidence{}, false
			}
			m := s.Best()
			ev := evidenceOf(d)
			ev.Section, ev.Line, ev.How = m.Heading, m.Line, m.How
			return ev, true
		},
		empty: func(d *model.Document) bool {
			s := e.sectionsOf(d).Get(sec.ID)
			return s.Found() && !s.Met()
		},
	}
}

// hollow reports whether d is a Markdown document of a type with sections
// whose body says nothing (headings with nothing under them, or only
// placeholder words) and whose tables are empty. Such a document is not
// evidence of anything. Records are never hollow: their fields are what
// happened.
func (e *evaluator) hollow(d *model.Document) bool {
	t := e.in.Schemas.Types[d.Type]
	if d.Format != "markdown" || t == nil || len(t.Sections) == 0 || t.Record {
		return false // records say what happened in their fields
	}
	if h, ok := e.hollows[d]; ok {
		return h
	}
	if e.hollows == nil {
		e.hollows = map[*model.Document]bool{}
	}
	h := !e.in.Found.Measure(d, e.in.Schemas.Sections).Real && !tablesFilled(d, t)
	e.hollows[d] = h
	return h
}

// tablesFilled reports whether one of the type's tables (an annual
// plan's projects, an emergency plan's levels) has a row: content written
// as data rather than as text.
func tablesFilled(d *model.Document, t *schema.DocType) bool {
	for _, f := range t.Fields {
		if f.Type == "table" && len(d.Rows(f.Name)) > 0 {
			return true
		}
	}
	return false
}

// hollowGap says which documents were set aside for saying nothing, when
// a requirement found no other document.
func (e *evaluator) hollowGap(types []string, where map[string]any, res *Result) bool {
	var titles []DocRef
	for _, t := range types {
		for _, d := range e.byType[t] {
			if e.matches(d, where) && e.stateOf(d) == inForce && e.hollow(d) {
				titles = append(titles, docTitle(d))
			}
		}
	}
	if len(titles) == 0 {
		return false
	}
	for _, t := range titles {
		res.gap("gap.hollow", t)
	}
	return true
}
