// Package plans follows a five-year plan through its years: its main
// tasks and the annual-plan projects that serve each (a project names
// the tasks it serves), and each year's IT budget against medical
// revenue with the ratio article 17 asks for. It reads documents only;
// check (unserved and unknown tasks), the site and the PDF use it.
package plans

import (
	"sort"
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// The fields of the plan types this package reads (schemas/types
// five-year-plan.toml and annual-plan.toml).
const (
	TypeFiveYear = "five-year-plan"
	TypeAnnual   = "annual-plan"
	FieldTasks   = "tasks"          // five-year plan: table of id, name, years
	FieldPlan    = "five_year_plan" // annual plan: the five-year plan it implements
	FieldYear    = "year"
	FieldProj    = "projects" // annual plan: rows with name, parent, budget, tasks
)

// Ratio is the budget ratio of article 17, from the framework's number
// requirement on annual plans: numerator and denominator fields, and the
// met and partial thresholds.
type Ratio struct {
	Numerator, Denominator string
	Met, Partial           float64
}

// RatioOf finds the number requirement on annual plans in fw.
func RatioOf(fw *schema.Framework) (Ratio, bool) {
	if fw == nil {
		return Ratio{}, false
	}
	for _, a := range fw.Articles {
		for _, r := range a.Requirements {
			if r.Kind == schema.KindNumber && r.Type == TypeAnnual {
				return Ratio{Numerator: r.Numerator, Denominator: r.Denominator, Met: r.Met, Partial: r.Partial}, true
			}
		}
	}
	return Ratio{}, false
}

// Level is the verdict of a budget ratio x against the thresholds: "met",
// "partial" or "missing", or "" when x < 0 (not known).
func (r Ratio) Level(x float64) string {
	switch {
	case x < 0:
		return ""
	case x >= r.Met:
		return "met"
	case x >= r.Partial:
		return "partial"
	}
	return "missing"
}

// Table is the table field the ratio's numerator sums ("budget" of
// "budget.amount"), or "" when it reads a plain field.
func (r Ratio) Table() string {
	table, _, ok := strings.Cut(r.Numerator, ".")
	if !ok {
		return ""
	}
	return table
}

// Task is a main task of a five-year plan and the projects serving it.
type Task struct {
	ID, Name, Years string
	Row             int // its row in the tasks table (from 0)
	Projects        []Project
}

// Project is an annual-plan project serving a task.
type Project struct {
	Plan   *model.Document
	Year   int
	Name   string
	Budget float64
}

// Year is one year of a plan's term: the annual plan, its budget, the
// medical revenue and their ratio (Ratio < 0: not known).
type Year struct {
	Year    int
	Plan    *model.Document
	Budget  float64
	Revenue float64
	Ratio   float64
}

// Unknown is a project naming a task its five-year plan does not have.
type Unknown struct {
	Plan *model.Document
	Row  int // project row (from 0)
	Task string
}

// Tracking is a five-year plan followed through its years.
type Tracking struct {
	Plan    *model.Document
	Start   int
	End     int
	Tasks   []Task
	Years   []Year
	Unknown []Unknown
}

// Unserved are the tasks no annual-plan project serves.
func (t *Tracking) Unserved() []Task {
	var out []Task
	for _, x := range t.Tasks {
		if len(x.Projects) == 0 {
			out = append(out, x)
		}
	}
	return out
}

// Track follows plan (a five-year plan) through the annual plans among
// docs that name it; drafts and retired plans are left out.
func Track(plan *model.Document, docs []*model.Document, ratio Ratio) *Tracking {
	t := &Tracking{Plan: plan}
	t.Start, _ = number(plan.Meta["term_start"])
	t.End, _ = number(plan.Meta["term_end"])
	index := map[string]int{}
	for i, row := range plan.Rows(FieldTasks) {
		id := str(row["id"])
		if id == "" {
			continue
		}
		index[id] = len(t.Tasks)
		t.Tasks = append(t.Tasks, Task{ID: id, Name: str(row["name"]), Years: str(row["years"]), Row: i})
	}
	byYear := map[int]*model.Document{}
	for _, d := range docs {
		if d.Type != TypeAnnual || d.String(FieldPlan) != plan.ID || !counts(d) {
			continue
		}
		y, _ := number(d.Meta[FieldYear])
		if prev := byYear[y]; prev == nil || prev.ID > d.ID {
			byYear[y] = d
		}
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		d := byYear[y]
		for i, row := range d.Rows(FieldProj) {
			b, _ := num(row["budget"])
			for _, x := range model.Items(row[FieldTasks]) {
				id := str(x)
				k, ok := index[id]
				if !ok {
					t.Unknown = append(t.Unknown, Unknown{Plan: d, Row: i, Task: id})
					continue
				}
				t.Tasks[k].Projects = append(t.Tasks[k].Projects, Project{Plan: d, Year: y, Name: str(row["name"]), Budget: b})
			}
		}
	}
	if t.Start > 0 && t.End >= t.Start && t.End-t.Start < 50 {
		for y := t.Start; y <= t.End; y++ {
			yr := Year{Year: y, Plan: byYear[y], Ratio: -1}
			if yr.Plan != nil {
				yr.Budget, yr.Revenue = Figures(yr.Plan, ratio)
				if yr.Revenue > 0 {
					yr.Ratio = yr.Budget / yr.Revenue
				}
			}
			t.Years = append(t.Years, yr)
		}
	}
	return t
}

// Figures are an annual plan's budget total and revenue, by the ratio's
// fields ("budget.amount": the sum of the column; "medical_revenue").
func Figures(d *model.Document, ratio Ratio) (budget, revenue float64) {
	return sum(d, ratio.Numerator), sum(d, ratio.Denominator)
}

func sum(d *model.Document, path string) float64 {
	table, col, ok := strings.Cut(path, ".")
	if !ok {
		v, _ := num(d.Meta[path])
		return v
	}
	total := 0.0
	for _, row := range d.Rows(table) {
		v, _ := num(row[col])
		total += v
	}
	return total
}

// counts: a plan that is neither a draft nor retired.
func counts(d *model.Document) bool {
	return d.Control.Live()
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func num(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func number(v any) (int, bool) {
	f, ok := num(v)
	return int(f), ok
}
