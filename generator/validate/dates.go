package validate

import (
	"strconv"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// recordDates warns about the dates of a record (a drill, a training, an
// inspection, a review) that fall after the assessment date: the coverage
// report does not count such a record, so the author should know why —
// usually a mistyped year, or a record written ahead of time.
func (c *checker) recordDates(d *model.Document, t *schema.DocType) {
	if c.in.AsOf.IsZero() {
		return
	}
	for _, f := range t.Fields {
		switch {
		case f.Type == "date":
			if v, ok := d.Date(f.Name); ok && c.in.AsOf.Before(v) {
				c.diags.Warn(d.Pos(f.Name, false), "record.future", f.Label, v.String(), c.in.AsOf.String())
			}
		case f.Type == "table":
			for _, col := range f.Columns {
				if col.Type != "date" {
					continue
				}
				for i, row := range d.Rows(f.Name) {
					if v, ok := model.AsDate(row[col.Name]); ok && c.in.AsOf.Before(v) {
						path := f.Name + "[" + strconv.Itoa(i) + "]." + col.Name
						c.diags.Warn(d.Pos(path, false), "record.future", col.Label, v.String(), c.in.AsOf.String())
					}
				}
			}
		}
	}
}
