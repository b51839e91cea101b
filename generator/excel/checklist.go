// The checklist sheet: one row per requirement, with guifan's verdict, the evidence and the auditor's columns.

package excel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guifan/generator/audit"
	"guifan/generator/report"
)

func (w *writer) checklist() error {
	sh := w.sheet(checklistSheet)
	if _, err := w.f.NewSheet(sh); err != nil {
		return err
	}
	st := w.checklistStyles()
	w.checklistHead(sh, st)
	last := w.checklistRows(sh, st)
	if err := w.checklistInputs(sh, last); err != nil {
		return err
	}
	if err := w.checklistColours(sh, last); err != nil {
		return err
	}
	if err := w.f.AutoFilter(sh, cell(1, 2)+":"+cell(numCols, last), nil); err != nil {
		return err
	}
	if err := w.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: colReqID, YSplit: 2, TopLeftCell: cell(colReqID+1, 3), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return w.printSetup(sh, true, "$2:$2")
}

// checklistStyle holds the cell styles of the checklist.
type checklistStyle struct {
	title, header, body, input, date, link int
}

func (w *writer) checklistStyles() checklistStyle {
	var st checklistStyle
	st.title = w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.header = w.style(&excelize.Style{
		Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border,
	})
	st.body = w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})
	st.input = w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}}})
	st.date = w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Border: border, CustomNumFmt: strPtr("yyyy-mm-dd"),
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}}})
	st.link = w.style(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})
	return st
}

// checklistHead writes the title row and the header row.
func (w *writer) checklistHead(sh string, st checklistStyle) {
	t, r := w.t, w.in.Report
	asOf := r.AsOf
	if w.in.Date != nil {
		asOf = w.in.Date(asOf)
	}
	w.str(sh, "A1", t("excel.checklist-title", r.Hospital, r.FrameworkTitle, asOf))
	w.setStyle(sh, "A1", "A1", st.title)
	w.rowHeight(sh, 1, 24)
	headers := []string{"chapter", "article", "article-title", "requirement-id", "requirement", "kind", "verdict", "evidence", "link", "gap", "audit-verdict", "audit-note", "audit-date", "auditor"}
	widths := checklistWidths
	for i, h := range headers {
		w.str(sh, cell(i+1, 2), t("excel.col."+h))
		w.colWidth(sh, i+1, widths[i])
	}
	w.setStyle(sh, cell(1, 2), cell(numCols, 2), st.header)
	w.rowHeight(sh, 2, 32)
}

// checklistRows writes one row per requirement and returns the last row.
func (w *writer) checklistRows(sh string, st checklistStyle) int {
	t := w.t
	row := firstDataRow
	for _, a := range w.in.Report.Articles {
		for _, q := range a.Requirements {
			values := map[int]string{
				colChapter: strconv.Itoa(a.Chapter), colArticle: strconv.Itoa(a.Number), colArticleTitle: a.Title,
				colReqID: q.ID, colReqTitle: q.Title, colKind: t("kind." + q.Kind), colVerdict: t("status." + q.Status),
				colGap: gapText(q, t),
			}
			docs, hidden := w.evidenceDocs(q)
			values[colEvidence] = w.evidenceText(docs, hidden)
			first := len(w.evRows) + firstDataRow // the requirement's first row in the evidence sheet
			for _, d := range docs {
				w.evRows = append(w.evRows, evidenceRow{article: a.Number, req: q, doc: d})
			}
			if at := q.Attestation; at != nil {
				values[colAuditVerdict] = t("status." + at.Verdict)
				values[colAuditNote] = audit.NoteCell(at.Note, at.Justification)
				values[colAuditor] = at.Auditor
			}
			for c := 1; c <= numCols; c++ {
				if v, ok := values[c]; ok {
					if c == colChapter || c == colArticle {
						n, _ := strconv.Atoi(v) // written by strconv.Itoa above
						w.int(sh, cell(c, row), int64(n))
					} else {
						w.str(sh, cell(c, row), v)
					}
				}
			}
			w.rowHeight(sh, row, rowHeight(values, checklistWidths))
			w.setStyle(sh, cell(1, row), cell(colGap, row), st.body)
			w.setStyle(sh, cell(colAuditVerdict, row), cell(colAuditor, row), st.input)
			w.setStyle(sh, cell(colAuditDate, row), cell(colAuditDate, row), st.date)
			if q.Attestation != nil {
				if d, err := parseISO(q.Attestation.Date); err == nil {
					w.value(sh, cell(colAuditDate, row), d)
				}
			}
			// Spreadsheet programs do not wrap a hyperlink cell, so the link
			// gets a short cell of its own: to the document when there is
			// one, to the requirement's rows of the evidence sheet (where
			// each document is linked) when there are several.
			switch {
			case len(docs) > 1:
				w.str(sh, cell(colLink, row), t("excel.open-all", len(docs)))
				w.innerLink(sh, cell(colLink, row), quoteSheet(w.sheet(evidenceSheet))+"!"+cell(1, first))
				w.setStyle(sh, cell(colLink, row), cell(colLink, row), st.link)
			case len(docs) == 1 && docs[0].href != "":
				w.str(sh, cell(colLink, row), t("excel.open"))
				w.link(sh, cell(colLink, row), docs[0].href)
				w.setStyle(sh, cell(colLink, row), cell(colLink, row), st.link)
			}
			row++
		}
	}
	return row - 1
}

// checklistInputs restricts the auditor's columns: a verdict is picked
// from a list; a date must be a date.
func (w *writer) checklistInputs(sh string, last int) error {
	t := w.t
	verdictWords := []string{t("status.met"), t("status.partial"), t("status.missing"), t("status.not_applicable")}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell(colAuditVerdict, firstDataRow) + ":" + cell(colAuditVerdict, last)
	if err := dv.SetDropList(verdictWords); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, t("excel.dv-title"), t("excel.dv-error"))
	dv.SetInput(t("excel.dv-title"), t("excel.dv-prompt"))
	if err := w.f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	dd := excelize.NewDataValidation(true)
	dd.Sqref = cell(colAuditDate, firstDataRow) + ":" + cell(colAuditDate, last)
	if err := dd.SetRange("2000-01-01", "2099-12-31", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dd.SetError(excelize.DataValidationErrorStyleStop, t("excel.date-title"), t("excel.date-error"))
	w.validate(sh, dd)
	return nil
}

// checklistColours colours guifan's verdict and the auditor's by verdict.
func (w *writer) checklistColours(sh string, last int) error {
	for _, status := range []string{"met", "partial", "missing", "manual", "not_applicable", "info"} {
		id, err := w.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{verdictColours[status]}}})
		if err != nil {
			return err
		}
		for _, c := range []int{colVerdict, colAuditVerdict} {
			ref := cell(c, firstDataRow) + ":" + cell(c, last)
			w.keep(w.f.SetConditionalFormat(sh, ref, []excelize.ConditionalFormatOptions{{
				Type: "cell", Criteria: "==", Format: &id, Value: strconv.Quote(w.t("status." + status)),
			}}))
		}
	}
	return nil
}

func strPtr(s string) *string { return &s }

// checklistWidths are the column widths of the checklist, in characters of
// the default font; they keep a landscape A4 page readable (about 70%).
var checklistWidths = []float64{4, 5, 12, 11, 28, 7, 9, 28, 6, 34, 9, 20, 10, 9}

// rowHeight estimates the height (in points) a row needs for its wrapped
// text, since spreadsheet programs do not grow rows written by another
// program. A Chinese character is about two columns wide.
func rowHeight(values map[int]string, widths []float64) float64 {
	lines := 1
	for c, v := range values {
		if c-1 >= len(widths) {
			continue
		}
		n := 0
		for _, line := range strings.Split(v, "\n") {
			w := 0.0
			for _, r := range line {
				if r > 0x2E80 {
					w += 2
				} else {
					w += 1.1
				}
			}
			n += max(1, int(w/(widths[c-1]-1))+1)
		}
		lines = max(lines, n)
	}
	return float64(lines)*14.5 + 4
}

// evidenceDoc is a document a requirement's evidence names: its title,
// what in it is the evidence, its link and its page on the site.
type evidenceDoc struct {
	title      string
	details    []string
	href, page string
}

// evidenceRow is a row of the evidence sheet: one document of one
// requirement.
type evidenceRow struct {
	article int
	req     report.Requirement
	doc     evidenceDoc
}

// evidenceDocs lists the documents of a requirement's evidence that may be
// named, in order, each once, and counts those that may not.
func (w *writer) evidenceDocs(q report.Requirement) (docs []evidenceDoc, hidden int) {
	at := map[string]int{}
	for _, e := range q.Evidence {
		link, visible := "", false // no Link: no document is named
		if w.in.Link != nil {
			link, visible = w.in.Link(e.ID)
		}
		if !visible {
			hidden++
			continue
		}
		i, seen := at[e.Title]
		if !seen {
			i = len(docs)
			at[e.Title] = i
			d := evidenceDoc{title: e.Title, href: link}
			if w.in.Page != nil && link != "" {
				d.page = w.in.Page(e.ID)
			}
			docs = append(docs, d)
		}
		detail := e.Section
		if e.How != "" && e.How != "keyword" {
			detail += w.t("how." + e.How) // found by its tag, its title's text, inference or a field
		}
		if e.Date != "" {
			detail = strings.TrimSpace(detail + " " + e.Date)
		}
		if detail != "" && !slices.Contains(docs[i].details, detail) {
			docs[i].details = append(docs[i].details, detail)
		}
	}
	return docs, hidden
}

// evidenceText lists a requirement's evidence for the checklist: one line
// per document, its title, then what in it is the evidence.
func (w *writer) evidenceText(docs []evidenceDoc, hidden int) string {
	var lines []string
	for _, d := range docs {
		line := d.title
		if len(d.details) > 0 {
			line = w.t("excel.evidence-line", d.title, strings.Join(d.details, w.t("excel.evidence-sep")))
		}
		lines = append(lines, line)
	}
	if hidden > 0 {
		lines = append(lines, w.t("excel.restricted-evidence", hidden))
	}
	return strings.Join(lines, "\n")
}

func gapText(q report.Requirement, t func(string, ...any) string) string {
	parts := []string{}
	if q.Gap != "" {
		parts = append(parts, q.Gap)
	}
	parts = append(parts, q.Notes...)
	if len(parts) == 0 && q.Hint != "" && q.Status != "met" {
		parts = append(parts, q.Hint)
	}
	return strings.Join(parts, "\n")
}

func parseISO(s string) (any, error) {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); err != nil {
		return nil, err
	}
	return dateValue(y, m, d), nil
}
