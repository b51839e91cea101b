package coverage

import (
	"guifan/generator/model"
	"guifan/generator/schema"
)

// A blank form guifan ships (schemas/forms/) is no evidence that a
// hospital practises anything: it counts only once the hospital has
// adopted it, in one of three ways.
//
//   - its own copy in the site's forms/ folder (Input.OwnForms);
//   - a declaration in hospital.toml: forms = ["work-order", ...];
//   - a link [工作单](form:work-order) from a document in force that is not
//     a record (a regulation, a procedure, a job duty, a plan): the hospital's
//     own rules tell staff to use the form.
//
// adoption returns how the form was adopted: the linking documents (in
// path order) and whether it is the site's own copy or declared. ok is
// false when the form is not adopted.
func (e *evaluator) adoption(id string) (links []*model.Document, own, declared, ok bool) {
	own = e.in.OwnForms[id]
	if e.in.Hospital != nil {
		for _, f := range e.in.Hospital.Forms {
			declared = declared || f == id
		}
	}
	if e.in.FormLinks != nil {
		for _, t := range sortedKeys(typesOf(e.byType)) {
			if isRecord(e.in.Schemas.Types[t]) {
				continue
			}
			for _, d := range e.byType[t] {
				if e.stateOf(d) != inForce {
					continue
				}
				for _, f := range e.in.FormLinks(d) {
					if f == id {
						links = append(links, d)
						break
					}
				}
			}
		}
	}
	return links, own, declared, own || declared || len(links) > 0
}

func typesOf(m map[string][]*model.Document) map[string]any {
	out := make(map[string]any, len(m))
	for k := range m {
		out[k] = nil
	}
	return out
}

// formAdopted gives the evidence of a form's adoption, or records the gap
// and returns false.
func (e *evaluator) formAdopted(f *schema.Form, res *Result) bool {
	links, own, declared, ok := e.adoption(f.ID)
	if !ok {
		res.Status = Missing
		res.gap("gap.form-not-adopted", DocRef{ID: f.ID, Title: f.Title.In(e.lang())})
		res.fix("fix.form-not-adopted", f.ID)
		return false
	}
	ev := Evidence{ID: f.ID, Path: f.File, Title: f.Title.In(schema.DefaultLang)}
	switch {
	case own:
	case declared:
		ev.How = "declared" // in hospital.toml's forms
	}
	res.Evidence = append(res.Evidence, ev)
	for _, d := range links {
		res.Evidence = append(res.Evidence, evidenceOf(d))
	}
	return true
}
