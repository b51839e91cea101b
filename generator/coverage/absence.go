package coverage

import (
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// absenceWords begin a value that says the thing is not there
// ("未设立专门的技术档案室", "暂无", "无"): the field is filled in, but its
// answer is no. Such a value is not evidence, and since the documents
// answer the question, the requirement is missing (not partial for the
// other fields, and not left to an auditor by or_manual): a register that
// says there is no archive room has no archive room, keeper or not.
var absenceWords = []string{
	"没有", "暂无", "暂未", "尚未", "未设", "未建", "未配", "未指定", "不设",
	"无专门", "无独立", "无单独", "无专人", "无专职",
	"none", "n/a", "notset", "notyet",
}

// statesAbsence reports whether a field value says there is none.
func statesAbsence(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	n := schema.Normalize(s)
	n = strings.TrimRight(n, "。.")
	if n == "无" || n == "no" {
		return true
	}
	for _, w := range absenceWords {
		if strings.HasPrefix(n, schema.Normalize(w)) {
			return true
		}
	}
	return false
}

// absences records, for the fields a requirement asks for, each that d
// fills in with a statement that there is none.
func (e *evaluator) absences(r *schema.Requirement, d *model.Document, res *Result) {
	if r.Rows != "" {
		return
	}
	for _, name := range r.Fields {
		v, ok := d.Meta[name]
		if !ok || !statesAbsence(v) {
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
