// The figures behind the pictures: a ratio's inputs and records against
// their due dates, computed by the same rules as the verdicts.

package coverage

import (
	"sort"
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// RatioFigures are the inputs of a number requirement for one document (an
// annual plan's budget items, its total and the medical revenue) and the
// ratio and verdict they give, by the rule the assessment uses.
type RatioFigures struct {
	Requirement *schema.Requirement
	Doc         *model.Document
	// Year is the document's year (the requirement's year field), or 0.
	Year int
	// Items are the rows of the numerator's table column, when it is one:
	// Label is the raw value of the row's first other enum or string
	// column (the caller prints it), Amount the row's figure.
	Items []RatioItem
	// LabelField is the table column Items' labels come from
	// ("budget.item"), for the caller to print them.
	LabelField             string
	Numerator, Denominator float64
	Ratio                  float64
	Status                 Status
}

// RatioItem is one row of a ratio's numerator.
type RatioItem struct {
	Label  string
	Amount float64
}

// Ratios returns the figures of every number requirement for each
// document of its type that is in force or retired (earlier years), by
// year then path. Documents whose figures are missing are left out.
func Ratios(in Input) []RatioFigures {
	e := newEvaluator(in)
	var out []RatioFigures
	for _, a := range in.Framework.Articles {
		for _, r := range a.Requirements {
			if r.Kind != schema.KindNumber {
				continue
			}
			var mine []RatioFigures
			for _, t := range r.DocTypes() {
				for _, d := range e.byType[t] {
					if e.stateOf(d) == draft || !e.matches(d, r.Where) {
						continue
					}
					num, den, ok := figures(d, r)
					if !ok {
						continue
					}
					f := RatioFigures{Requirement: r, Doc: d, Numerator: num, Denominator: den, Ratio: num / den, Status: ratioStatus(r, num/den)}
					if r.Year != "" {
						y, _ := d.Meta[r.Year].(int64)
						f.Year = int(y)
					}
					f.Items, f.LabelField = e.ratioItems(d, r.Numerator)
					mine = append(mine, f)
				}
			}
			sort.SliceStable(mine, func(i, j int) bool {
				if mine[i].Year != mine[j].Year {
					return mine[i].Year < mine[j].Year
				}
				return mine[i].Doc.Path < mine[j].Doc.Path
			})
			out = append(out, mine...)
		}
	}
	return out
}

// ratioItems lists the rows of a table column figure ("budget.amount"),
// labelled by the table's first other enum or string column.
func (e *evaluator) ratioItems(d *model.Document, path string) ([]RatioItem, string) {
	table, col, ok := strings.Cut(path, ".")
	if !ok {
		return nil, ""
	}
	label := ""
	if f := e.field(d.Type, table); f != nil {
		for _, c := range f.Columns {
			if c.Name != col && (c.Type == "enum" || c.Type == "string") {
				label = c.Name
				break
			}
		}
	}
	var items []RatioItem
	for _, row := range d.Rows(table) {
		x, ok := number(row[col])
		if !ok {
			continue
		}
		s, _ := row[label].(string)
		items = append(items, RatioItem{Label: s, Amount: x})
	}
	if label == "" {
		return items, ""
	}
	return items, table + "." + label
}

// Timeline is a record requirement's records against their due dates:
// one row per target document (a drill per emergency plan), or one row.
type Timeline struct {
	Requirement *schema.Requirement
	Within      schema.Period
	Rows        []TimelineRow
}

// TimelineRow is the records of one target (Target nil: of the whole
// requirement), oldest first, and when the next is due.
type TimelineRow struct {
	Target *model.Document
	Dates  []model.Date // not after the as-of date
	// Due is the last record's date plus the period (zero with no record);
	// Overdue reports whether it is before the as-of date.
	Due     model.Date
	Overdue bool
}

// Timelines returns the timeline of every record requirement with a
// period (within), in the framework's order. Records dated after the
// as-of date are left out, as the assessment leaves them out.
func Timelines(in Input) []Timeline {
	e := newEvaluator(in)
	var out []Timeline
	for _, a := range in.Framework.Articles {
		for _, r := range a.Requirements {
			within, ok := schema.ParsePeriod(r.Within)
			if r.Kind != schema.KindRecord || r.Window == "term" || !ok {
				continue
			}
			live, _ := e.candidates(r.DocTypes(), r.Where)
			tl := Timeline{Requirement: r, Within: within}
			if r.Per == nil {
				tl.Rows = append(tl.Rows, e.timelineRow(nil, live, r.DateField, within))
			} else {
				targets, _ := e.candidates([]string{r.Per.Type}, r.Per.Where)
				for _, t := range targets {
					tl.Rows = append(tl.Rows, e.timelineRow(t, recordsOf(live, r.Per.Field, t), r.DateField, within))
				}
			}
			out = append(out, tl)
		}
	}
	return out
}

func (e *evaluator) timelineRow(target *model.Document, docs []*model.Document, field string, within schema.Period) TimelineRow {
	row := TimelineRow{Target: target}
	seen := map[model.Date]bool{}
	for _, d := range docs {
		for _, x := range dates(d, field) {
			if e.in.AsOf.Before(x.date) || seen[x.date] {
				continue
			}
			seen[x.date] = true
			row.Dates = append(row.Dates, x.date)
		}
	}
	sort.Slice(row.Dates, func(i, j int) bool { return row.Dates[i].Before(row.Dates[j]) })
	if n := len(row.Dates); n > 0 {
		row.Due = model.DateOf(after(within, row.Dates[n-1].Time()))
		row.Overdue = row.Due.Before(e.in.AsOf)
	}
	return row
}
