package build

import (
	"guifan/generator/model"
	"guifan/generator/plans"
	"guifan/generator/present"
)

// budgetFoot is what the PDF adds under an annual plan's budget table, as
// its page does: the total, the medical revenue and their ratio with its
// verdict against article 17's thresholds (package plans, the rule the
// page and the assessment use). None for any other table.
func (s *Site) budgetFoot(d *model.Document, t present.Table, p *present.Presenter) [][]string {
	ratio, ok := plans.RatioOf(s.Schemas.Frameworks[s.Project.Hospital.Framework])
	if !ok || d.Type != plans.TypeAnnual || t.Name == "" || t.Name != ratio.Table() || len(t.Columns) == 0 {
		return nil
	}
	row := func(cells ...string) []string {
		out := make([]string, len(t.Columns))
		copy(out, cells)
		return out
	}
	money := func(x float64) string {
		m, _ := p.Money(x)
		return m
	}
	t2 := p.Catalog.T
	budget, revenue := plans.Figures(d, ratio)
	out := [][]string{row(t2("plan.total"), money(budget))}
	if revenue > 0 {
		x := budget / revenue
		out = append(out,
			row(t2("plan.revenue"), money(revenue)),
			row(t2("plan.ratio"), p.Percent(x), t2("status."+ratio.Level(x))))
	}
	return out
}
