package coverage

import (
	"strconv"
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// figure reads a number from a document: a numeric field, or the sum of a
// table column ("budget.amount").
func figure(d *model.Document, path string) (float64, bool) {
	if table, col, ok := strings.Cut(path, "."); ok {
		sum, any := 0.0, false
		for _, row := range d.Rows(table) {
			if x, ok := number(row[col]); ok {
				sum += x
				any = true
			}
		}
		return sum, any
	}
	return number(d.Meta[path])
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// percent formats a ratio as a percentage with two decimals.
func percent(x float64) string { return strconv.FormatFloat(x*100, 'f', 2, 64) + "%" }

func (e *evaluator) number(r *schema.Requirement, res *Result) {
	docs := e.selectDocs(r, res)
	if len(docs) == 0 {
		res.Status = Missing
		return
	}
	d := docs[0]
	res.Evidence = []Evidence{evidenceOf(d)}
	num, ok1 := figure(d, r.Numerator)
	den, ok2 := figure(d, r.Denominator)
	if _, _, ok := figures(d, r); !ok {
		res.Status = Missing
		var missing []schema.Text
		if !ok1 {
			missing = append(missing, e.fieldLabel(d.Type, r.Numerator))
		}
		if !ok2 || den == 0 {
			missing = append(missing, e.fieldLabel(d.Type, r.Denominator))
		}
		res.gap("gap.figures", docTitle(d), list(missing))
		return
	}
	ratio := num / den
	res.Evidence[0].Section = percent(ratio)
	res.Status = ratioStatus(r, ratio)
	switch res.Status {
	case Met:
	case Partial:
		res.gap("gap.ratio", docTitle(d), percent(ratio), percent(r.Met))
	default:
		floor := r.Partial
		if floor == 0 {
			floor = r.Met
		}
		res.gap("gap.ratio", docTitle(d), percent(ratio), percent(floor))
	}
}

// figures reads a number requirement's numerator and denominator from a
// document; false when either is missing or the denominator is zero.
func figures(d *model.Document, r *schema.Requirement) (num, den float64, ok bool) {
	num, ok1 := figure(d, r.Numerator)
	den, ok2 := figure(d, r.Denominator)
	return num, den, ok1 && ok2 && den != 0
}

// ratioStatus is the verdict of a ratio against a requirement's
// thresholds: met from Met on, partial from Partial on (when set).
func ratioStatus(r *schema.Requirement, ratio float64) Status {
	switch {
	case ratio >= r.Met:
		return Met
	case ratio >= r.Partial && r.Partial > 0:
		return Partial
	}
	return Missing
}

func (e *evaluator) fieldLabel(typ, path string) schema.Text {
	if f := e.field(typ, path); f != nil {
		return f.Label
	}
	return schema.Text{schema.DefaultLang: path}
}
