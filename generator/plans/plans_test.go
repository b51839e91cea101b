package plans

import (
	"testing"

	"guifan/generator/model"
)

func plan(id, typ string, status model.Status, meta map[string]any) *model.Document {
	return &model.Document{ID: id, Type: typ, Meta: meta, Control: model.Control{Status: status}}
}

// TestTrack follows a plan through its annual plans: each task gets the
// projects that name it, in year order; a task no project serves is
// unserved; a project naming a task the plan lacks is unknown; a draft
// annual plan does not count; each year of the term has its budget
// against revenue (-1 when there is no plan).
func TestTrack(t *testing.T) {
	t.Parallel()
	five := plan("p5", TypeFiveYear, model.StatusInForce, map[string]any{
		"term_start": int64(2026), "term_end": int64(2030),
		"tasks": []map[string]any{{"id": "net", "name": "网络"}, {"id": "sec", "name": "安全"}, {"id": "hr", "name": "人才"}},
	})
	annual := func(id string, year int64, status model.Status, projects ...map[string]any) *model.Document {
		return plan(id, TypeAnnual, status, map[string]any{
			"year": year, FieldPlan: "p5", "medical_revenue": int64(1000000),
			"projects": projects,
			"budget":   []map[string]any{{"item": "staff", "amount": int64(15000)}, {"item": "equipment", "amount": 5000.0}},
		})
	}
	docs := []*model.Document{
		five,
		annual("a2027", 2027, model.StatusInForce, map[string]any{"name": "安全加固", "budget": int64(300), "tasks": []any{"sec"}}),
		annual("a2026", 2026, model.StatusInForce,
			map[string]any{"name": "核心网", "budget": int64(500), "tasks": []any{"net", "sec"}},
			map[string]any{"name": "移动护理", "tasks": []any{"mobile"}}),
		annual("a2028", 2028, model.StatusDraft, map[string]any{"name": "培训", "tasks": []any{"hr"}}),
	}
	r := Ratio{Numerator: "budget.amount", Denominator: "medical_revenue", Met: 0.02, Partial: 0.01}
	tr := Track(five, docs, r)
	if len(tr.Tasks) != 3 {
		t.Fatalf("%d tasks", len(tr.Tasks))
	}
	sec := tr.Tasks[1]
	if len(sec.Projects) != 2 || sec.Projects[0].Year != 2026 || sec.Projects[1].Name != "安全加固" {
		t.Errorf("the security task's projects: %+v", sec.Projects)
	}
	if u := tr.Unserved(); len(u) != 1 || u[0].ID != "hr" {
		t.Errorf("unserved: %+v (the draft plan's project does not count)", u)
	}
	if len(tr.Unknown) != 1 || tr.Unknown[0].Task != "mobile" || tr.Unknown[0].Row != 1 {
		t.Errorf("unknown: %+v", tr.Unknown)
	}
	if len(tr.Years) != 5 {
		t.Fatalf("%d years for 2026-2030", len(tr.Years))
	}
	y := tr.Years[0]
	if y.Budget != 20000 || y.Revenue != 1000000 || y.Ratio != 0.02 || r.Level(y.Ratio) != "met" {
		t.Errorf("2026: %+v, %s", y, r.Level(y.Ratio))
	}
	if tr.Years[2].Plan != nil || tr.Years[2].Ratio != -1 || r.Level(tr.Years[2].Ratio) != "" {
		t.Errorf("2028 (a draft only): %+v", tr.Years[2])
	}
}

func TestRatioLevel(t *testing.T) {
	t.Parallel()
	r := Ratio{Numerator: "budget.amount", Met: 0.02, Partial: 0.01}
	for x, want := range map[float64]string{-1: "", 0: "missing", 0.0099: "missing", 0.01: "partial", 0.0199: "partial", 0.02: "met", 0.5: "met"} {
		if got := r.Level(x); got != want {
			t.Errorf("Level(%v) = %q, want %q", x, got, want)
		}
	}
	if r.Table() != "budget" || (Ratio{Numerator: "it_budget"}).Table() != "" {
		t.Errorf("Table: %q", r.Table())
	}
}
