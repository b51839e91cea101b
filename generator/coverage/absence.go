package coverage

import (
	"guifan/generator/model"
	"guifan/generator/schema"
)

// statesAbsence reports whether a field value says there is none (the
// words are data: schemas/sections.toml absence, absence_alone). Such a
// value is not evidence, and since the documents answer the question, the
// requirement is missing (not partial for the other fields, and not left
// to an auditor by or_manual): a register that says there is no archive
// room has no archive room, keeper or not.
func (e *evaluator) statesAbsence(v any) bool {
	return e.in.Schemas.Sections.StatesAbsence(v)
}

// absences records, for the fields a requirement asks for, each that d
// fills in with a statement that there is none.
func (e *evaluator) absences(r *schema.Requirement, d *model.Document, res *Result) {
	if r.Rows != "" {
		return
	}
	for _, name := range r.Fields {
		v, ok := d.Meta[name]
		if !ok || !e.statesAbsence(v) {
			continue
		}
		label := schema.Text{schema.DefaultLang: name}
		if f := e.field(d.Type, name); f != nil {
			label = f.Label
		}
		res.statedAbsent = true
		res.gap("gap.stated-absent", docTitle(d), label, str(v))
	}
}
