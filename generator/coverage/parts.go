package coverage

import (
	"guifan/generator/model"
	"guifan/generator/schema"
)

// part is one thing a sections requirement asks for.
type part struct {
	label schema.Text
	found func(d *model.Document) (Evidence, bool)
	// empty, when set, tells a part that is there but says nothing (a
	// heading with no content under it) from one that is absent.
	empty func(d *model.Document) bool
}

func (e *evaluator) parts(r *schema.Requirement, typ string) []part {
	var ps []part
	t := e.in.Schemas.Types[typ]
	for _, id := range r.Sections {
		sec := t.Section(id)
		if sec == nil {
			continue
		}
		ps = append(ps, e.sectionPart(sec))
	}
	if r.Rows == "" {
		for _, name := range r.Fields {
			f := e.field(typ, name)
			if f == nil {
				continue
			}
			ps = append(ps, part{label: f.Label, found: func(d *model.Document) (Evidence, bool) {
				if v, ok := d.Meta[name]; ok && !model.Empty(v) && !e.statesAbsence(v) {
					ev := evidenceOf(d)
					ev.Section = f.Label.In(schema.DefaultLang)
					ev.Line = d.Pos(name, true).Line
					return ev, true
				}
				return Evidence{}, false
			}})
		}
	}
	return ps
}

func (e *evaluator) sections(r *schema.Requirement, res *Result) {
	if r.Form != "" {
		e.formFields(r, res)
		return
	}
	if len(r.Also) > 0 {
		e.sectionsWithPlaces(r, res)
		return
	}
	docs := e.selectDocs(r, res)
	if len(docs) == 0 {
		res.Status = Missing
		return
	}
	if r.Rows != "" {
		e.rows(r, docs, res)
		return
	}
	switch r.Scope {
	case "each":
		e.sectionsEach(e.outcomes(r, docs), res)
	case "any":
		e.sectionsAny(r, docs, res)
	default: // "one" or none
		e.sectionsOne(r, e.outcomes(r, docs), res)
	}
}

// outcome is what one document shows of a sections requirement's parts.
type outcome struct {
	doc     *model.Document
	found   []Evidence
	missing []schema.Text // absent or empty
	absent  []schema.Text
	empty   []schema.Text // a heading with nothing under it
}

// outcomes looks for the requirement's parts in each document.
func (e *evaluator) outcomes(r *schema.Requirement, docs []*model.Document) []outcome {
	var outs []outcome
	for _, d := range docs {
		o := outcome{doc: d}
		for _, p := range e.parts(r, d.Type) {
			if ev, ok := p.found(d); ok {
				o.found = append(o.found, ev)
				continue
			}
			o.missing = append(o.missing, p.label)
			if p.empty != nil && p.empty(d) {
				o.empty = append(o.empty, p.label)
			} else {
				o.absent = append(o.absent, p.label)
			}
		}
		outs = append(outs, o)
	}
	return outs
}

// gaps says what a document lacks, and which of its sections are there
// but say nothing.
func (o outcome) gaps(res *Result) {
	if len(o.absent) > 0 {
		res.gap("gap.sections", docTitle(o.doc), list(o.absent))
	}
	if len(o.empty) > 0 {
		res.gap("gap.sections-empty", docTitle(o.doc), list(o.empty))
	}
}

// sectionsEach: every document must have every part.
func (e *evaluator) sectionsEach(outs []outcome, res *Result) {
	complete, some := 0, 0
	for _, o := range outs {
		res.Evidence = append(res.Evidence, o.found...)
		if len(o.missing) == 0 {
			complete++
		} else {
			o.gaps(res)
		}
		if len(o.found) > 0 {
			some++
		}
	}
	res.Status = verdict(complete == len(outs), some > 0)
}

// sectionsAny: each part may come from any document.
func (e *evaluator) sectionsAny(r *schema.Requirement, docs []*model.Document, res *Result) {
	seen := map[string]bool{}
	var missing []schema.Text
	var empties []DocRef
	var emptyParts [][]schema.Text
	parts := e.parts(r, docs[0].Type)
	for _, p := range parts {
		found := false
		var hollowIn *model.Document
		for _, d := range docs {
			if hollowIn == nil && p.empty != nil && p.empty(d) {
				hollowIn = d
			}
			if ev, ok := p.found(d); ok {
				found = true
				key := ev.ID + "|" + ev.Section
				if !seen[key] {
					seen[key] = true
					res.Evidence = append(res.Evidence, ev)
				}
			}
		}
		if found || hollowIn == nil {
			if !found {
				missing = append(missing, p.label)
			}
			continue
		}
		missing = append(missing, p.label)
		i := 0
		for i < len(empties) && empties[i].ID != hollowIn.ID {
			i++
		}
		if i == len(empties) {
			empties = append(empties, docTitle(hollowIn))
			emptyParts = append(emptyParts, nil)
		}
		emptyParts[i] = append(emptyParts[i], p.label)
	}
	if len(missing) > 0 {
		res.gap("gap.parts", list(missing), len(parts)-len(missing), len(parts))
	}
	for i, d := range empties {
		res.gap("gap.sections-empty", d, list(emptyParts[i]))
	}
	res.Status = verdict(len(missing) == 0, len(missing) < len(parts))
}

// sectionsOne: a complete document meets it; else the most complete
// decides.
func (e *evaluator) sectionsOne(r *schema.Requirement, outs []outcome, res *Result) {
	var complete []outcome
	for _, o := range outs {
		if len(o.missing) == 0 {
			complete = append(complete, o)
		}
	}
	if len(complete) > 0 {
		for _, o := range complete {
			res.Evidence = append(res.Evidence, o.found...)
		}
		res.Status = Met
		return
	}
	best := outs[0]
	for _, o := range outs[1:] {
		if len(o.found) > len(best.found) {
			best = o
		}
	}
	res.Evidence = best.found
	best.gaps(res)
	if len(best.missing) > 0 {
		e.absences(r, best.doc, res)
	}
	res.Status = verdict(len(best.missing) == 0, len(best.found) > 0)
	if res.statedAbsent {
		res.Status = Missing // the document says the thing is not there
	}
}
