package build

import (
	"guifan/generator/chart"
	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/generator/present"
	"guifan/generator/schema"
)

// figures computes the pictures' figures (a ratio's inputs, records
// against due dates) by the assessment's own rules (coverage.Ratios,
// coverage.Timelines). A ratio is read from the view's documents only (a
// budget is the document's content); a timeline is drawn from every
// record, as the verdict it explains was, but shows dates only: its rows
// are the targets (emergency plans), and one the view may not name is
// called an internal document.
func (j *job) figures(v *view) chart.Figures { return j.figuresIn(v, j.cat) }

// figuresIn is figures with the words of catalog cat (a site's other
// language).
func (j *job) figuresIn(v *view, cat *i18n.Catalog) chart.Figures {
	s := j.s
	lang := cat.Lang
	in := coverage.Input{
		Framework: j.m.Framework, Schemas: s.Schemas, Hospital: s.Project.Hospital, Docs: v.docs,
		Forms: s.Forms, OwnForms: s.OwnForms, FormLinks: formLinks, AsOf: j.asOf, Found: s.found,
	}
	articleOf := map[*schema.Requirement]int{}
	for _, a := range j.m.Framework.Articles {
		for _, r := range a.Requirements {
			articleOf[r] = a.Number
		}
	}
	// The amounts print as every output prints money, in cat's language.
	pr := &present.Presenter{Schemas: s.Schemas, Catalog: cat}
	money := func(x float64) string {
		m, _ := pr.Money(x)
		return m
	}
	var f chart.Figures
	for _, x := range coverage.Ratios(in) {
		r := x.Requirement
		n := len(f.Ratios)
		if n == 0 || f.Ratios[n-1].Title != r.Title.In(lang) || f.Ratios[n-1].Article != articleOf[r] {
			f.Ratios = append(f.Ratios, chart.RatioChart{Article: articleOf[r], Title: r.Title.In(lang), Met: r.Met, Partial: r.Partial})
			n++
		}
		y := chart.RatioYear{Year: x.Year, Doc: x.Doc.Title(), Total: money(x.Numerator), Revenue: money(x.Denominator), Ratio: x.Ratio, Status: string(x.Status)}
		for _, it := range x.Items {
			label := it.Label
			if x.LabelField != "" {
				label = s.Schemas.Label(x.Doc.Type, x.LabelField, it.Label).In(lang)
			}
			y.Items = append(y.Items, chart.Amount{Label: label, Value: money(it.Amount)})
		}
		f.Ratios[n-1].Years = append(f.Ratios[n-1].Years, y)
	}
	in.Docs = s.Project.Docs
	for _, t := range coverage.Timelines(in) {
		key := "phrase.period-" + string(t.Within.Unit)
		if t.Within.N == 1 {
			key += "1"
		}
		tc := chart.TimelineChart{Article: articleOf[t.Requirement], Title: t.Requirement.Title.In(lang), Period: cat.T(key, t.Within.N), AsOf: j.asOf}
		for _, r := range t.Rows {
			label := cat.T("chart.whole")
			if r.Target != nil {
				label = cat.T("chart.internal")
				if v.names(r.Target.ID) {
					label = r.Target.Title()
				}
			}
			tc.Rows = append(tc.Rows, chart.TimelineRow{Label: label, Dates: r.Dates, Due: r.Due, Overdue: r.Overdue})
		}
		f.Timelines = append(f.Timelines, tc)
	}
	return f
}
