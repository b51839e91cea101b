package site

import (
	"strconv"

	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/plans"
	"guifan/generator/sections"
)

// planView follows a five-year plan through its years on its page: the
// term, the drafting steps, the revisions (art. 15: at least one, due at
// mid-term), the main tasks with the annual-plan projects serving each,
// and the budget of each year against medical revenue (art. 17).
type planView struct {
	Term      string
	Midpoint  int
	Drafting  []kv
	Revisions []kv
	Revised   bool // a revision by mid-term
	Tasks     []taskView
	Unserved  int
	Years     []yearView
	Met       string // the thresholds, as percentages
	Partial   string
}

type taskView struct {
	ID, Name, Years string
	Projects        []kv
}

type yearView struct {
	Year                   int
	Plan, Href             string
	Budget, Revenue, Ratio string
	Level                  string // met, partial, missing, or "" when unknown
}

// budgetView is an annual plan's budget table with its total and ratio.
type budgetView struct {
	Rows    []kv
	Total   string
	Revenue string
	Ratio   string
	Level   string
}

func (w *writer) ratio() plans.Ratio {
	r, _ := plans.RatioOf(w.in.Framework)
	return r
}

// money prints an amount in yuan by the presenter (680 万元; 6,800,000
// yuan), as every other output prints it.
func (w *writer) money(x any) string {
	s, _ := w.in.Present.Money(x)
	return s
}

func level(ratio float64, r plans.Ratio) string { return r.Level(ratio) }

// planOf is the tracking of a five-year plan, for its page.
func (w *writer) planOf(d *model.Document, p string) *planView {
	if d.Type != plans.TypeFiveYear {
		return nil
	}
	r := w.ratio()
	tr := plans.Track(d, w.in.Docs, r)
	pct := w.in.Present.Percent
	v := &planView{Met: pct(r.Met), Partial: pct(r.Partial)}
	if tr.Start > 0 {
		v.Term = strconv.Itoa(tr.Start) + "—" + strconv.Itoa(tr.End)
		v.Midpoint = tr.Start + (tr.End-tr.Start+1)/2
	}
	steps := w.in.Schemas.Types[d.Type].Field("drafting.step")
	for _, row := range d.Rows("drafting") {
		label, _ := row["step"].(string)
		if steps != nil {
			for _, x := range steps.Values {
				if x.Value == label {
					label = x.Label.In(w.lang)
				}
			}
		}
		date, _ := model.AsDate(row["date"])
		by, _ := row["approved_by"].(string)
		v.Drafting = append(v.Drafting, kv{Label: label, Value: w.in.Present.Date(date), Href: by})
	}
	for _, row := range d.Rows("revisions") {
		date, _ := model.AsDate(row["date"])
		sum, _ := row["summary"].(string)
		v.Revisions = append(v.Revisions, kv{Label: w.in.Present.Date(date), Value: sum})
		if v.Midpoint > 0 && date.Time().Year() <= v.Midpoint {
			v.Revised = true
		}
	}
	for _, t := range tr.Tasks {
		tv := taskView{ID: t.ID, Name: t.Name, Years: t.Years}
		for _, pr := range t.Projects {
			tv.Projects = append(tv.Projects, kv{Label: pr.Name, Value: strconv.Itoa(pr.Year) + " · " + w.money(pr.Budget), Href: rel(p, PagePath(pr.Plan.ID))})
		}
		if len(t.Projects) == 0 {
			v.Unserved++
		}
		v.Tasks = append(v.Tasks, tv)
	}
	for _, y := range tr.Years {
		yv := yearView{Year: y.Year, Level: level(y.Ratio, r)}
		if y.Plan != nil {
			yv.Plan, yv.Href = y.Plan.Title(), rel(p, PagePath(y.Plan.ID))
			yv.Budget, yv.Revenue = w.money(y.Budget), w.money(y.Revenue)
			if y.Ratio >= 0 {
				yv.Ratio = pct(y.Ratio)
			}
		}
		v.Years = append(v.Years, yv)
	}
	return v
}

// budgetOf is an annual plan's budget with its total and ratio.
func (w *writer) budgetOf(d *model.Document) *budgetView {
	if d.Type != plans.TypeAnnual || len(d.Rows("budget")) == 0 {
		return nil
	}
	r := w.ratio()
	items := w.in.Schemas.Types[d.Type].Field("budget.item")
	v := &budgetView{}
	for _, row := range d.Rows("budget") {
		label, _ := row["item"].(string)
		if items != nil {
			for _, x := range items.Values {
				if x.Value == label {
					label = x.Label.In(w.lang)
				}
			}
		}
		note, _ := row["note"].(string)
		v.Rows = append(v.Rows, kv{Label: label, Value: w.money(row["amount"]), Href: note})
	}
	b, rev := plans.Figures(d, r)
	v.Total = w.money(b)
	if rev > 0 {
		v.Revenue, v.Ratio, v.Level = w.money(rev), w.in.Present.Percent(b/rev), level(b/rev, r)
	}
	return v
}

// outlineRow is a section of a type's outline and the documents that
// cover it, each with a link to the section.
type outlineRow struct {
	Label, Guide string
	Docs         []kv
}

// outline is the sections of type typ with, for each, the documents of
// the type that have it (with substance) and a link to its heading.
func (w *writer) outline(typ string, p string) []outlineRow {
	t := w.in.Schemas.Types[typ]
	if t == nil || !t.Outline {
		return nil
	}
	// Each document's sections found once, for every row.
	docs := w.byType[typ]
	found := make([]*sections.Result, len(docs))
	for i, d := range docs {
		found[i] = sections.Find(d, t, w.in.Schemas.Sections)
	}
	var out []outlineRow
	for _, s := range t.Sections {
		row := outlineRow{Label: s.Label.In(w.lang), Guide: s.Guide.In(w.lang)}
		for i, d := range docs {
			sec := found[i].Get(s.ID)
			if !sec.Met() {
				continue
			}
			href := rel(p, PagePath(d.ID))
			if m := sec.Best(); m.Heading != "" {
				href += "#" + markdown.Slug(m.Heading)
			}
			row.Docs = append(row.Docs, kv{Label: d.Title(), Href: href})
		}
		out = append(out, row)
	}
	return out
}
