// The register of documents, and the hidden sheet that says what the workbook is about.

package excel

import "github.com/xuri/excelize/v2"

// register writes the register of documents.
func (w *writer) register() error { return w.table(w.sheet(registerSheet), w.in.Register) }

// fields writes the documents' field values.
func (w *writer) fields() error { return w.table(w.sheet(fieldsSheet), w.in.Fields) }

// table writes a Table as a sheet: a styled header row, the rows, a
// filter on the header, the header frozen and repeated on every page.
func (w *writer) table(sh string, tb Table) error {
	f := w.f
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	header := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border})
	body := w.style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	n := len(tb.Columns)
	if n == 0 {
		return w.printSetup(sh, true, "")
	}
	for i, c := range tb.Columns {
		w.str(sh, cell(i+1, 1), c.Label)
		w.colWidth(sh, i+1, c.Width)
	}
	w.setStyle(sh, "A1", cell(n, 1), header)
	widths := make([]float64, n)
	for i, c := range tb.Columns {
		widths[i] = c.Width
	}
	w.rowHeight(sh, 1, rowHeight(labels(tb.Columns), widths))
	row := 2
	for _, r := range tb.Rows {
		values := map[int]string{}
		for i, v := range r {
			if i < n {
				w.str(sh, cell(i+1, row), v)
				values[i+1] = v
			}
		}
		// Spreadsheet programs do not grow a row another program wrote:
		// without a height, wrapped lines print over the next row.
		w.rowHeight(sh, row, rowHeight(values, widths))
		w.setStyle(sh, cell(1, row), cell(n, row), body)
		row++
	}
	if row > 2 {
		if err := f.AutoFilter(sh, "A1:"+cell(n, row-1), nil); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return w.printSetup(sh, true, "$1:$1")
}

// labels are a table's column labels, as the values of a row.
func labels(cols []Column) map[int]string {
	m := map[int]string{}
	for i, c := range cols {
		m[i+1] = c.Label
	}
	return m
}

// meta records what the workbook is about, for Import.
func (w *writer) meta() error {
	r := w.in.Report
	if _, err := w.f.NewSheet(metaSheet); err != nil {
		return err
	}
	rows := [][2]string{{"format", formatVersion}, {"hospital", r.Hospital}, {"framework", r.Framework}, {"as_of", r.AsOf}, {"lang", r.Lang}, {"checklist", w.sheet(checklistSheet)}}
	for i, kv := range rows {
		w.str(metaSheet, cell(1, i+1), kv[0])
		w.str(metaSheet, cell(2, i+1), kv[1])
	}
	return w.f.SetSheetVisible(metaSheet, false, true)
}
