// Package excel writes the auditor's workbook and reads the auditor's
// verdicts back from it. It is the only package that imports excelize.
//
// The workbook has three sheets: the checklist (one row per requirement,
// grouped by article, with guifan's verdict, the evidence, the gap and
// four columns for the auditor: verdict from a dropdown, note, date and
// name), a summary per chapter, and a register of the documents. A hidden
// sheet records the hospital, framework and assessment date so that a
// workbook cannot be imported into the wrong site.
package excel

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guifan/generator/audit"
	"guifan/generator/report"
)

// Sheet names are fixed (not translated) so that a workbook can be read
// back whatever language it was written in; the visible titles and
// headers are translated.
const (
	checklistSheet = "checklist"
	summarySheet   = "summary"
	registerSheet  = "register"
	metaSheet      = "guifan"
	formatVersion  = "guifan-audit-1"
	firstDataRow   = 3
)

// Column letters of the checklist; the auditor's four columns are read
// back by Import.
const (
	colChapter = iota + 1
	colArticle
	colArticleTitle
	colReqID
	colReqTitle
	colKind
	colVerdict
	colEvidence
	colLink
	colGap
	colAuditVerdict
	colAuditNote
	colAuditDate
	colAuditor
	numCols = colAuditor
)

// Document is one row of the register sheet.
type Document struct {
	ID, Title, Type, Number, Version, Status, Effective, ApprovedBy, ApprovedOn, Owner, ReviewBy, Classification, Articles, Path string
}

// Input is what the workbook shows.
type Input struct {
	Report    *report.Report
	Documents []Document
	// Link returns the link (relative to the workbook) of a document's page,
	// or "" when the document may not be named in this copy of the
	// workbook (a restricted document in the copy published on the site).
	Link func(id string) (href string, visible bool)
	// T gives the words, from the message catalog.
	T func(key string, args ...any) string
}

func col(c int) string {
	name, _ := excelize.ColumnNumberToName(c)
	return name
}

func cell(c, r int) string { return col(c) + strconv.Itoa(r) }

// Write returns the workbook as .xlsx bytes. The same input gives the same
// bytes.
func Write(in Input) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, in: in, t: in.T}
	steps := []func() error{w.checklist, w.summary, w.register, w.meta, w.props}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type writer struct {
	f  *excelize.File
	in Input
	t  func(key string, args ...any) string
}

func (w *writer) props() error {
	r := w.in.Report
	stamp := r.AsOf + "T00:00:00Z"
	return w.f.SetDocProps(&excelize.DocProperties{
		Title:    w.t("excel.title", r.Hospital),
		Subject:  r.FrameworkTitle,
		Creator:  "guifan",
		Created:  stamp,
		Modified: stamp,
		Language: r.Lang,
	})
}

// style helpers
func (w *writer) style(s *excelize.Style) int {
	id, err := w.f.NewStyle(s)
	if err != nil {
		return 0
	}
	return id
}

var border = []excelize.Border{
	{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
	{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
}

// verdictColours gives each verdict a fill, shared by the checklist and
// the auditor's column.
var verdictColours = map[string]string{
	"met": "C6EFCE", "partial": "FFEB9C", "missing": "FFC7CE", "manual": "BDD7EE", "not_applicable": "E7E6E6", "info": "F2F2F2",
}

func (w *writer) checklist() error {
	f, t, r := w.f, w.t, w.in.Report
	sh := checklistSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	title := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	header := w.style(&excelize.Style{
		Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border,
	})
	body := w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})
	input := w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}}})
	dateStyle := w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Border: border, CustomNumFmt: strPtr("yyyy-mm-dd"),
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}}})
	link := w.style(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})

	if err := f.SetCellStr(sh, "A1", t("excel.checklist-title", r.Hospital, r.FrameworkTitle, r.AsOf)); err != nil {
		return err
	}
	_ = f.SetCellStyle(sh, "A1", "A1", title)
	_ = f.SetRowHeight(sh, 1, 24)
	headers := []string{"chapter", "article", "article-title", "requirement-id", "requirement", "kind", "verdict", "evidence", "link", "gap", "audit-verdict", "audit-note", "audit-date", "auditor"}
	widths := checklistWidths
	for i, h := range headers {
		_ = f.SetCellStr(sh, cell(i+1, 2), t("excel.col."+h))
		_ = f.SetColWidth(sh, col(i+1), col(i+1), widths[i])
	}
	_ = f.SetCellStyle(sh, cell(1, 2), cell(numCols, 2), header)
	_ = f.SetRowHeight(sh, 2, 32)

	verdictWords := []string{t("status.met"), t("status.partial"), t("status.missing"), t("status.not_applicable")}
	row := firstDataRow
	for _, a := range r.Articles {
		for _, q := range a.Requirements {
			values := map[int]string{
				colChapter: strconv.Itoa(a.Chapter), colArticle: strconv.Itoa(a.Number), colArticleTitle: a.Title,
				colReqID: q.ID, colReqTitle: q.Title, colKind: t("kind." + q.Kind), colVerdict: t("status." + q.Status),
				colGap: gapText(q, t),
			}
			ev, href := w.evidence(q)
			values[colEvidence] = ev
			if at := q.Attestation; at != nil {
				values[colAuditVerdict] = t("status." + at.Verdict)
				values[colAuditNote] = audit.NoteCell(at.Note, at.Justification)
				values[colAuditor] = at.Auditor
			}
			for c := 1; c <= numCols; c++ {
				if v, ok := values[c]; ok {
					if c == colChapter || c == colArticle {
						n, _ := strconv.Atoi(v)
						_ = f.SetCellInt(sh, cell(c, row), int64(n))
					} else {
						_ = f.SetCellStr(sh, cell(c, row), v)
					}
				}
			}
			_ = f.SetRowHeight(sh, row, rowHeight(values, checklistWidths))
			_ = f.SetCellStyle(sh, cell(1, row), cell(colGap, row), body)
			_ = f.SetCellStyle(sh, cell(colAuditVerdict, row), cell(colAuditor, row), input)
			_ = f.SetCellStyle(sh, cell(colAuditDate, row), cell(colAuditDate, row), dateStyle)
			if q.Attestation != nil {
				if d, err := parseISO(q.Attestation.Date); err == nil {
					_ = f.SetCellValue(sh, cell(colAuditDate, row), d)
				}
			}
			// Spreadsheet programs do not wrap a hyperlink cell, so the link
			// to the first document gets a short cell of its own.
			if href != "" {
				_ = f.SetCellStr(sh, cell(colLink, row), t("excel.open"))
				_ = f.SetCellHyperLink(sh, cell(colLink, row), href, "External")
				_ = f.SetCellStyle(sh, cell(colLink, row), cell(colLink, row), link)
			}
			row++
		}
	}
	last := row - 1
	// The auditor picks a verdict from a list; a date must be a date.
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell(colAuditVerdict, firstDataRow) + ":" + cell(colAuditVerdict, last)
	if err := dv.SetDropList(verdictWords); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, t("excel.dv-title"), t("excel.dv-error"))
	dv.SetInput(t("excel.dv-title"), t("excel.dv-prompt"))
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	dd := excelize.NewDataValidation(true)
	dd.Sqref = cell(colAuditDate, firstDataRow) + ":" + cell(colAuditDate, last)
	if err := dd.SetRange("2000-01-01", "2099-12-31", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err == nil {
		dd.SetError(excelize.DataValidationErrorStyleStop, t("excel.date-title"), t("excel.date-error"))
		_ = f.AddDataValidation(sh, dd)
	}
	// Colours by verdict, for guifan's verdict and the auditor's.
	for _, status := range []string{"met", "partial", "missing", "manual", "not_applicable", "info"} {
		id, err := w.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{verdictColours[status]}}})
		if err != nil {
			return err
		}
		for _, c := range []int{colVerdict, colAuditVerdict} {
			ref := cell(c, firstDataRow) + ":" + cell(c, last)
			_ = f.SetConditionalFormat(sh, ref, []excelize.ConditionalFormatOptions{{
				Type: "cell", Criteria: "==", Format: &id, Value: strconv.Quote(t("status." + status)),
			}})
		}
	}
	if err := f.AutoFilter(sh, cell(1, 2)+":"+cell(numCols, last), nil); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: colReqID, YSplit: 2, TopLeftCell: cell(colReqID+1, 3), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return w.printSetup(sh, true, "$2:$2")
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

// printSetup makes a sheet print on A4, fitted to the page width, with the
// header row on every page and "page X of Y" in the footer.
func (w *writer) printSetup(sh string, landscape bool, titles string) error {
	size := 9 // A4
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	one, zero := 1, 0
	if err := w.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := w.f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + escapeHF(w.in.Report.Hospital) + "&R" + escapeHF(w.t("excel.title", w.in.Report.Hospital)),
		OddFooter: "&C" + w.t("excel.page"), // the catalog's text holds the &P and &N codes
	}); err != nil {
		return err
	}
	if titles != "" {
		return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!" + titles})
	}
	return nil
}

// escapeHF keeps an ampersand in a header or footer literal.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// evidence lists a requirement's evidence for the checklist and returns the
// link of the first document that may be named.
func (w *writer) evidence(q report.Requirement) (string, string) {
	// One line per document: its title, then what in it is the evidence.
	var titles []string
	details := map[string][]string{}
	href := ""
	hidden := 0
	for _, e := range q.Evidence {
		link, visible := "", true
		if w.in.Link != nil {
			link, visible = w.in.Link(e.ID)
		}
		if !visible {
			hidden++
			continue
		}
		if _, seen := details[e.Title]; !seen {
			titles = append(titles, e.Title)
			details[e.Title] = nil
		}
		detail := e.Section
		if e.How != "" && e.How != "keyword" {
			detail += w.t("how." + e.How) // found by its tag, its title's text, inference or a field
		}
		if e.Date != "" {
			detail = strings.TrimSpace(detail + " " + e.Date)
		}
		if detail != "" && !slices.Contains(details[e.Title], detail) {
			details[e.Title] = append(details[e.Title], detail)
		}
		if href == "" {
			href = link
		}
	}
	var lines []string
	for _, title := range titles {
		line := title
		if d := details[title]; len(d) > 0 {
			line = w.t("excel.evidence-line", title, strings.Join(d, w.t("excel.evidence-sep")))
		}
		lines = append(lines, line)
	}
	if hidden > 0 {
		lines = append(lines, w.t("excel.restricted-evidence", hidden))
	}
	return strings.Join(lines, "\n"), href
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

func (w *writer) summary() error {
	f, t, r := w.f, w.t, w.in.Report
	sh := summarySheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	header := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border})
	body := w.style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center"}})
	pct := w.style(&excelize.Style{Border: border, NumFmt: 10})
	bold := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border})
	_ = f.SetCellStr(sh, "A1", t("excel.summary-title", r.Hospital, r.AsOf))
	_ = f.SetCellStyle(sh, "A1", "A1", w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}))
	cols := []string{"chapter", "chapter-title", "articles", "met", "partial", "missing", "manual", "not_applicable", "info", "score"}
	for i, c := range cols {
		key := "excel.col." + c
		if i >= 3 && i <= 8 {
			key = "status." + c
		}
		_ = f.SetCellStr(sh, cell(i+1, 2), t(key))
	}
	_ = f.SetCellStyle(sh, "A2", cell(len(cols), 2), header)
	widths := []float64{6, 28, 8, 8, 10, 10, 12, 10, 10, 10}
	for i, wd := range widths {
		_ = f.SetColWidth(sh, col(i+1), col(i+1), wd)
	}
	row := 3
	total := map[string]int{}
	for _, ch := range r.Chapters {
		counts := map[string]int{}
		n, credit, scored := 0, 0.0, 0
		for _, a := range r.Articles {
			if a.Chapter != ch.Number {
				continue
			}
			n++
			counts[a.Status]++
			total[a.Status]++
			if a.Status != "info" && a.Status != "not_applicable" {
				credit += a.Credit
				scored++
			}
		}
		_ = f.SetCellInt(sh, cell(1, row), int64(ch.Number))
		_ = f.SetCellStr(sh, cell(2, row), ch.Title)
		_ = f.SetCellInt(sh, cell(3, row), int64(n))
		for i, s := range cols[3:9] {
			_ = f.SetCellInt(sh, cell(4+i, row), int64(counts[s]))
		}
		if scored > 0 {
			_ = f.SetCellFloat(sh, cell(10, row), credit/float64(scored), 4, 64)
		} else {
			_ = f.SetCellStr(sh, cell(10, row), "—")
		}
		_ = f.SetCellStyle(sh, cell(1, row), cell(9, row), body)
		_ = f.SetCellStyle(sh, cell(10, row), cell(10, row), pct)
		row++
	}
	_ = f.SetCellStr(sh, cell(2, row), t("excel.total"))
	_ = f.SetCellInt(sh, cell(3, row), int64(len(r.Articles)))
	for i, s := range cols[3:9] {
		_ = f.SetCellInt(sh, cell(4+i, row), int64(total[s]))
	}
	_ = f.SetCellFloat(sh, cell(10, row), r.Summary.Score, 4, 64)
	_ = f.SetCellStyle(sh, cell(1, row), cell(9, row), bold)
	_ = f.SetCellStyle(sh, cell(10, row), cell(10, row), w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, NumFmt: 10}))
	_ = f.SetCellStr(sh, cell(1, row+2), t("excel.score-formula"))
	return w.printSetup(sh, false, "")
}

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
		_ = f.SetCellStr(sh, cell(i+1, 1), t("excel.col."+c))
		_ = f.SetColWidth(sh, col(i+1), col(i+1), widths[i])
	}
	_ = f.SetCellStyle(sh, "A1", cell(len(cols), 1), header)
	row := 2
	for _, d := range w.in.Documents {
		if w.in.Link != nil {
			if _, visible := w.in.Link(d.ID); !visible {
				continue
			}
		}
		for i, v := range []string{d.ID, d.Title, d.Type, d.Number, d.Version, d.Status, d.Effective, d.ApprovedBy, d.ApprovedOn, d.Owner, d.ReviewBy, d.Classification, d.Articles, d.Path} {
			_ = f.SetCellStr(sh, cell(i+1, row), v)
		}
		_ = f.SetCellStyle(sh, cell(1, row), cell(len(cols), row), body)
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
		_ = w.f.SetCellStr(metaSheet, cell(1, i+1), kv[0])
		_ = w.f.SetCellStr(metaSheet, cell(2, i+1), kv[1])
	}
	return w.f.SetSheetVisible(metaSheet, false, true)
}

func parseISO(s string) (any, error) {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); err != nil {
		return nil, err
	}
	return dateValue(y, m, d), nil
}
