package coverage

import (
	"guifan/generator/model"
	"guifan/generator/schema"
)

// rows checks that every row of a table (narrowed by rows_where) has the
// requirement's fields filled in.
func (e *evaluator) rows(r *schema.Requirement, docs []*model.Document, res *Result) {
	total, complete := 0, 0
	counts := map[string]int{}
	var firstBad string
	for _, d := range docs {
		tf := e.field(d.Type, r.Rows)
		for i, row := range d.Rows(r.Rows) {
			if !rowMatches(e, d.Type, r.Rows, row, r.RowsWhere) {
				continue
			}
			total++
			var miss []string
			for _, name := range r.Fields {
				if model.Empty(row[name]) {
					miss = append(miss, name)
					counts[name]++
				}
			}
			if len(miss) == 0 {
				complete++
			} else if firstBad == "" {
				firstBad = rowName(row, i)
			}
		}
		if tf != nil {
			ev := evidenceOf(d)
			ev.Section = tf.Label.In(schema.DefaultLang)
			ev.Line = d.Pos(r.Rows, true).Line
			res.Evidence = append(res.Evidence, ev)
		}
	}
	if total == 0 {
		res.Status = Missing
		res.gap("gap.no-rows", e.typeLabel(r.DocTypes()))
		return
	}
	if complete < total {
		var labels []schema.Text
		for _, name := range r.Fields {
			if counts[name] > 0 {
				if f := e.field(docs[0].Type, r.Rows+"."+name); f != nil {
					labels = append(labels, f.Label)
				}
			}
		}
		res.gap("gap.rows", total-complete, total, firstBad, list(labels))
	}
	res.Status = verdict(complete == total, complete > 0 || len(counts) < len(r.Fields))
}

func rowMatches(e *evaluator, typ, table string, row map[string]any, where map[string]any) bool {
	for key, want := range where {
		got := e.canonical(typ, table+"."+key, str(row[key]))
		ok := false
		for _, w := range schema.WhereValues(want) {
			ok = ok || got == e.canonical(typ, table+"."+key, w)
		}
		if !ok {
			return false
		}
	}
	return true
}

// rowName names a table row in a gap: its id or name, or its position.
func rowName(row map[string]any, i int) string {
	for _, k := range []string{"id", "name", "term", "process"} {
		if s, ok := row[k].(string); ok && s != "" {
			return s
		}
	}
	return "#" + itoa(i+1)
}

func itoa(i int) string { return str(int64(i)) }

// formFields checks that a blank form has the fields the requirement lists.
func (e *evaluator) formFields(r *schema.Requirement, res *Result) {
	f := e.in.Forms[r.Form]
	if f == nil {
		res.Status = Missing
		res.gap("gap.form-missing", r.Form)
		return
	}
	if !e.formAdopted(f, res) {
		return
	}
	fields := f.Fields()
	var missing []schema.Text
	for _, it := range r.Items {
		found := false
		for _, ff := range fields {
			if ff.ID == it.ID || matchLabel(ff.Label, it.Match) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, it.Label)
		}
	}
	if len(missing) > 0 {
		res.gap("gap.form-fields", DocRef{ID: f.ID, Title: f.Title.In(e.lang())}, list(missing), len(r.Items)-len(missing), len(r.Items))
	}
	res.Status = verdict(len(missing) == 0, len(missing) < len(r.Items))
}

func matchLabel(label schema.Text, words []string) bool {
	for _, l := range label {
		if schema.MatchAny(l, words) {
			return true
		}
	}
	return false
}
