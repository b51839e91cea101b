// The register of documents, and the hidden sheet that says what the workbook is about.

package excel

import "github.com/xuri/excelize/v2"

func (w *writer) register() error {
	f, t := w.f, w.t
	sh := registerSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	header := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border})
	body := w.style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	cols := []string{"doc-id", "doc-title", "doc-type", "doc-number", "doc-version", "doc-status", "doc-effective", "doc-approved-by", "doc-approved-on", "doc-owner", "doc-review-by", "doc-classification", "doc-articles", "doc-path"}
	widths := []float64{22, 36, 12, 20, 7, 8, 11, 20, 11, 14, 11, 8, 14, 40}
	for i, c := range cols {
		w.str(sh, cell(i+1, 1), t("excel.col."+c))
		w.colWidth(sh, i+1, widths[i])
	}
	w.setStyle(sh, "A1", cell(len(cols), 1), header)
	row := 2
	for _, d := range w.in.Documents {
		if w.in.Link != nil {
			if _, visible := w.in.Link(d.ID); !visible {
				continue
			}
		}
		for i, v := range []string{d.ID, d.Title, d.Type, d.Number, d.Version, d.Status, d.Effective, d.ApprovedBy, d.ApprovedOn, d.Owner, d.ReviewBy, d.Classification, d.Articles, d.Path} {
			w.str(sh, cell(i+1, row), v)
		}
		w.setStyle(sh, cell(1, row), cell(len(cols), row), body)
		row++
	}
	if row > 2 {
		if err := f.AutoFilter(sh, "A1:"+cell(len(cols), row-1), nil); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return w.printSetup(sh, true, "$1:$1")
}

// meta records what the workbook is about, for Import.
func (w *writer) meta() error {
	r := w.in.Report
	if _, err := w.f.NewSheet(metaSheet); err != nil {
		return err
	}
	rows := [][2]string{{"format", formatVersion}, {"hospital", r.Hospital}, {"framework", r.Framework}, {"as_of", r.AsOf}, {"lang", r.Lang}}
	for i, kv := range rows {
		w.str(metaSheet, cell(1, i+1), kv[0])
		w.str(metaSheet, cell(2, i+1), kv[1])
	}
	return w.f.SetSheetVisible(metaSheet, false, true)
}
