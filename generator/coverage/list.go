package coverage

import (
	"strings"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// list checks that a list holds every member.
func (e *evaluator) list(r *schema.Requirement, res *Result) {
	items := r.Items
	if r.MembersFrom == "departments" && e.in.Hospital != nil {
		for _, d := range e.in.Hospital.Departments {
			items = append(items, schema.Item{ID: d, Label: schema.Text{schema.DefaultLang: d}, Match: []string{d}})
		}
	}
	if len(items) == 0 {
		res.Status = Missing
		res.gap("gap.no-members")
		res.fix("fix.no-members", r.MembersFrom)
		return
	}
	var docs []*model.Document
	if len(r.DocTypes()) > 0 {
		live, drafts := e.candidates(r.DocTypes(), r.Where)
		res.InProgress = evidenceList(e.scopedQuiet(r, drafts))
		docs = e.scoped(r, live, res)
		typed := false
		for _, it := range items {
			typed = typed || it.Type != ""
		}
		if len(docs) == 0 && !typed && r.Field != "" {
			res.Status = Missing
			if len(live) == 0 && !e.hollowGap(r.DocTypes(), r.Where, res) {
				res.gap("gap.no-doc", e.whatLabel(r.DocTypes(), r.Where))
			}
			return
		}
	}
	if r.Exclude != "" {
		skip := map[string]bool{}
		for _, d := range docs {
			for _, v := range e.values(d, r.Exclude) {
				skip[schema.Normalize(v)] = true
			}
		}
		kept := items[:0:0]
		for _, it := range items {
			if !skip[schema.Normalize(it.ID)] {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	var missing, present []schema.Text
	used := map[string]bool{}
	for _, it := range items {
		evs, limitGap := e.member(r, it, docs)
		if limitGap != nil && it.Limit.Advise {
			// A model value: advise, do not mark down.
			limitGap.Key = "note." + strings.TrimPrefix(limitGap.Key, "gap.")
			res.Notes = append(res.Notes, *limitGap)
		} else if limitGap != nil {
			res.Gaps = append(res.Gaps, *limitGap)
		}
		if len(evs) == 0 {
			missing = append(missing, it.Label)
			continue
		}
		present = append(present, it.Label)
		for _, ev := range evs {
			if !used[ev.ID+"|"+ev.Section] {
				used[ev.ID+"|"+ev.Section] = true
				res.Evidence = append(res.Evidence, ev)
			}
		}
	}
	if len(missing) > 0 {
		res.gap("gap.members", list(missing), len(present), len(items))
	}
	status := verdict(len(missing) == 0, len(present) > 0)
	if status == Met && len(res.Gaps) > 0 {
		status = Partial // a member is there but breaks its limit
	}
	res.Status = status
}

// member looks for one list member in the documents and returns every
// place that provides it, with a gap when a providing row breaks the
// member's limit.
func (e *evaluator) member(r *schema.Requirement, it schema.Item, docs []*model.Document) ([]Evidence, *diag.Msg) {
	var found []Evidence
	var limitGap *diag.Msg
	if it.Type != "" {
		live, _ := e.candidates([]string{it.Type}, it.Where)
		found = append(found, evidenceList(live)...)
	}
	if r.Field == "" {
		return found, nil
	}
	for _, d := range docs {
		want := map[string]bool{}
		for _, v := range append([]string{it.ID}, it.Match...) {
			want[e.canonical(d.Type, r.Field, v)] = true
		}
		table, col, dotted := strings.Cut(r.Field, ".")
		if !dotted {
			for _, v := range e.values(d, r.Field) {
				if want[v] {
					ev := evidenceOf(d)
					ev.Section = it.Label.In(e.lang())
					ev.Line = d.Pos(r.Field, true).Line
					found = append(found, ev)
					break
				}
			}
			continue
		}
	rows:
		for i, row := range d.Rows(table) {
			for _, v := range model.Items(row[col]) {
				got := e.canonical(d.Type, r.Field, str(v))
				if !want[got] && !(r.Contains && schema.MatchAny(str(v), it.Match)) &&
					!(r.MembersFrom == "departments" && e.sameDepartment(str(v), it.ID)) {
					continue
				}
				ev := evidenceOf(d)
				ev.Section = str(v)
				if !r.Contains {
					ev.Section = it.Label.In(e.lang())
				}
				ev.Line = d.Pos(table+"["+itoa(i)+"]", true).Line
				found = append(found, ev)
				if it.Limit != nil && limitGap == nil {
					limitGap = checkLimit(it, row, str(v))
				}
				break rows
			}
		}
	}
	if len(found) == 0 {
		found = e.textMember(r, it, docs)
	}
	return found, limitGap
}

func checkLimit(it schema.Item, row map[string]any, value string) *diag.Msg {
	l := it.Limit
	var x float64
	switch n := row[l.Field].(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	default:
		return &diag.Msg{Key: "gap.limit-missing", Args: []any{value, l.Field}}
	}
	if l.Max != nil && x > *l.Max {
		return &diag.Msg{Key: "gap.limit-max", Args: []any{value, l.Field, str(x), str(*l.Max)}}
	}
	if l.Min != nil && x < *l.Min {
		return &diag.Msg{Key: "gap.limit-min", Args: []any{value, l.Field, str(x), str(*l.Min)}}
	}
	return nil
}
