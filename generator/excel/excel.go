// Package excel writes the auditor's workbook and reads the auditor's
// verdicts back from it. It is the only package that imports excelize.
//
// The workbook has four sheets: the checklist (one row per requirement,
// grouped by article, with guifan's verdict, the evidence, the gap and
// four columns for the auditor: verdict from a dropdown, note, date and
// name), a summary per chapter, a register of the documents and their
// field values (the last two laid out by the build). A hidden
// sheet records the hospital, framework and assessment date so that a
// workbook cannot be imported into the wrong site.
package excel

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guifan/generator/report"
)

// Sheet names are fixed (not translated) so that a workbook can be read
// back whatever language it was written in; the visible titles and
// headers are translated.
const (
	checklistSheet = "checklist"
	summarySheet   = "summary"
	registerSheet  = "register"
	fieldsSheet    = "fields"
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

// Table is a sheet the build lays out: its columns and its rows, each
// value printed already (package present). The workbook adds the header
// style, filters, frozen header and print setup.
type Table struct {
	Columns []Column
	Rows    [][]string
}

// Column is a column of a Table: its header and width in characters.
type Column struct {
	Label string
	Width float64
}

// Input is what the workbook shows.
type Input struct {
	Report *report.Report
	// Register lists the documents this copy names, one row each.
	Register Table
	// Fields lists those documents' own field values (a plan's projects,
	// a register's rows), one row per value.
	Fields Table
	// Link returns the link (relative to the workbook) of a document's
	// page, and whether the document may be named in this copy of the
	// workbook. Nil names no document: evidence is counted, not named.
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
func Write(in Input) ([]byte, error) { return write(in, nil) }

// write is Write; spoil, in tests, alters each style to force an error.
func write(in Input, spoil func(*excelize.Style)) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{book: &book{f: f, spoil: spoil}, in: in, t: in.T}
	steps := []func() error{w.checklist, w.summary, w.register, w.fields, w.meta, w.props}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
		if w.err != nil {
			return nil, w.err
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
	*book
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

var border = []excelize.Border{
	{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
	{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
}

// verdictColours gives each verdict a fill, shared by the checklist and
// the auditor's column.
var verdictColours = map[string]string{
	"met": "C6EFCE", "partial": "FFEB9C", "missing": "FFC7CE", "manual": "BDD7EE", "not_applicable": "E7E6E6", "info": "F2F2F2",
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
