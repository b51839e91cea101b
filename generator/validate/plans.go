package validate

import (
	"strconv"

	"guifan/generator/model"
	"guifan/generator/plans"
	"guifan/generator/schema"
)

// sequence warns about a table whose rows should follow the order of an
// enum column with non-decreasing dates (schema.Field.Sequence: the
// five-year plan's drafting steps, proposal to issued): a step written
// after a later one, or a later step dated before an earlier one.
func (c *checker) sequence(d *model.Document, t *schema.DocType) {
	for _, f := range t.Fields {
		if f.Type != "table" || len(f.Sequence) != 2 {
			continue
		}
		var col *schema.Field
		for _, x := range f.Columns {
			if x.Name == f.Sequence[0] {
				col = x
			}
		}
		if col == nil {
			continue
		}
		rank := map[string]int{}
		for i, v := range col.Values {
			rank[v.Value] = i
		}
		prevRank, prevStep := -1, ""
		var prevDate model.Date
		for i, row := range d.Rows(f.Name) {
			step, _ := row[f.Sequence[0]].(string)
			r, ok := rank[step]
			path := f.Name + "[" + strconv.Itoa(i) + "]."
			if !ok {
				continue
			}
			if r < prevRank {
				c.diags.Warn(d.Pos(path+f.Sequence[0], false), "sequence.order", f.Label, label(col, step), label(col, prevStep))
			}
			date, dated := model.AsDate(row[f.Sequence[1]])
			if dated && !prevDate.IsZero() && r > prevRank && date.Before(prevDate) {
				c.diags.Warn(d.Pos(path+f.Sequence[1], false), "sequence.date", f.Label, label(col, step), date.String(), label(col, prevStep), prevDate.String())
			}
			if r >= prevRank {
				prevRank, prevStep = r, step
				if dated {
					prevDate = date
				}
			}
		}
	}
}

func label(f *schema.Field, v string) schema.Text {
	for _, x := range f.Values {
		if x.Value == v {
			return x.Label
		}
	}
	return schema.Text{schema.DefaultLang: v}
}

// plans follows every five-year plan through the annual plans: a project
// naming a task its plan does not list is an error; a task of a plan in
// force that no annual plan serves is a warning.
func (c *checker) plans() {
	ratio, _ := plans.RatioOf(c.fw)
	for _, d := range c.in.Docs {
		if d.Type != plans.TypeFiveYear {
			continue
		}
		tr := plans.Track(d, c.in.Docs, ratio)
		for _, u := range tr.Unknown {
			c.diags.Add(u.Plan.Pos(plans.FieldProj+"["+strconv.Itoa(u.Row)+"]."+plans.FieldTasks, false), "plan.task-unknown", u.Task, d.ID)
		}
		if !d.Control.Live() {
			continue
		}
		for _, x := range tr.Unserved() {
			c.diags.Warn(d.Pos(plans.FieldTasks+"["+strconv.Itoa(x.Row)+"].id", false), "plan.task-unserved", x.Name, x.ID)
		}
	}
}
