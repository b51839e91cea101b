// The evidence sheet: one row per document of each requirement, each linked.

package excel

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// evidenceWidths are the evidence sheet's column widths: article,
// requirement, document, where in it, page on the site, link.
var evidenceWidths = []float64{6, 30, 30, 30, 30, 8}

// evidenceSheet lists every document the checklist's evidence names, one
// row per document and requirement, with its page on the site and a link
// to it: a spreadsheet cell holds one link, so the checklist links to the
// rows here when a requirement has several documents.
func (w *writer) evidenceSheet() error {
	sh := w.sheet(evidenceSheet)
	if _, err := w.f.NewSheet(sh); err != nil {
		return err
	}
	st := w.checklistStyles()
	r := w.in.Report
	w.str(sh, "A1", w.t("excel.evidence-title", r.Hospital, r.AsOf))
	w.setStyle(sh, "A1", "A1", st.title)
	w.rowHeight(sh, 1, 24)
	for i, h := range []string{"article", "requirement", "doc-title", "evidence-where", "doc-page", "link"} {
		w.str(sh, cell(i+1, 2), w.t("excel.col."+h))
		w.colWidth(sh, i+1, evidenceWidths[i])
	}
	w.setStyle(sh, "A2", cell(len(evidenceWidths), 2), st.header)
	w.rowHeight(sh, 2, 32)
	row := firstDataRow
	for _, e := range w.evRows {
		values := map[int]string{2: e.req.Title, 3: e.doc.title, 4: strings.Join(e.doc.details, "\n"), 5: e.doc.page}
		w.int(sh, cell(1, row), int64(e.article))
		for c := 2; c <= 5; c++ {
			w.str(sh, cell(c, row), values[c])
		}
		w.rowHeight(sh, row, rowHeight(values, evidenceWidths))
		w.setStyle(sh, cell(1, row), cell(5, row), st.body)
		if e.doc.href != "" {
			w.str(sh, cell(6, row), w.t("excel.open"))
			w.link(sh, cell(6, row), e.doc.href)
			w.setStyle(sh, cell(6, row), cell(6, row), st.link)
		} else {
			w.setStyle(sh, cell(6, row), cell(6, row), st.body)
		}
		row++
	}
	if row > firstDataRow {
		if err := w.f.AutoFilter(sh, "A2:"+cell(len(evidenceWidths), row-1), nil); err != nil {
			return err
		}
	}
	if err := w.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return w.printSetup(sh, true, "$2:$2")
}
