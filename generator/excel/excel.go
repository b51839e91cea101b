// Package excel writes the auditor's workbook and reads the auditor's
// verdicts back from it. It is the only package that imports excelize.
//
// The workbook has five sheets, named in the catalog's language: the
// checklist (one row per requirement, grouped by article, with guifan's
// verdict, the evidence, the gap and four columns for the auditor: verdict
// from a dropdown, note, date and name), a summary per chapter with its
// chart, the evidence (one row per document of each requirement, each
// linked), a register of the documents and their field values (the last
// two laid out by the build). A hidden sheet records the hospital,
// framework, assessment date and the checklist's name, so that a workbook
// cannot be imported into the wrong site and is read back whatever
// language it was written in.
package excel

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"guifan/generator/report"
)

// The sheets' own names; the visible names come from the catalog
// (excel.sheet.*, see sheetNames). The hidden meta sheet keeps its fixed
// name and records the checklist's visible one; a workbook written before
// the names were translated has a sheet named checklist.
const (
	checklistSheet = "checklist"
	summarySheet   = "summary"
	evidenceSheet  = "evidence"
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
	// Link returns the link of a document's page (absolute when the site's
	// address is known, else relative to the workbook; "" for a document
	// not on the site), and whether the document may be named in this
	// copy of the workbook. Nil names no document: evidence is counted,
	// not named.
	Link func(id string) (href string, visible bool)
	// Page returns where a document's page is on the site
	// (docs/<id>.html), shown beside its link so that a copy of
	// the workbook away from the site still says where to find it; nil
	// or "" shows none.
	Page func(id string) string
	// T gives the words, from the message catalog.
	T func(key string, args ...any) string
	// Date prints a date of the report ("2026-11-25") as its readers read
	// it (2026年11月25日); nil prints it as it is.
	Date func(string) string
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
	w := &writer{book: &book{f: f, spoil: spoil}, in: in, t: in.T, names: sheetNames(in.T)}
	steps := []func() error{w.checklist, w.summary, w.evidenceSheet, w.register, w.fields, w.meta, w.props}
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
	return finish(buf.Bytes(), w.links)
}

type writer struct {
	*book
	in Input
	t  func(key string, args ...any) string
	// names are the sheets' visible names, by their own names.
	names map[string]string
	// evRows are the evidence sheet's rows, gathered with the checklist's.
	evRows []evidenceRow
}

// sheet is the visible name of a sheet.
func (w *writer) sheet(own string) string { return w.names[own] }

// sheetNames gives each sheet its name from the catalog (excel.sheet.*),
// or its own name when the catalog's is not a valid sheet name (longer
// than 31 characters, holding one of []:*?/\ or a quote at either end)
// or names two sheets alike.
func sheetNames(t func(string, ...any) string) map[string]string {
	names := map[string]string{}
	seen := map[string]bool{metaSheet: true}
	for _, own := range []string{checklistSheet, summarySheet, evidenceSheet, registerSheet, fieldsSheet} {
		name := strings.TrimSpace(t("excel.sheet." + own))
		if name == "" || utf8.RuneCountInString(name) > 31 || strings.ContainsAny(name, "[]:*?/\\") ||
			strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") || seen[strings.ToLower(name)] {
			name = own
		}
		seen[strings.ToLower(name)] = true
		names[own] = name
	}
	return names
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
		return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: quoteSheet(sh) + "!" + titles})
	}
	return nil
}

// quoteSheet quotes a sheet name for a reference ('审核清单', 'it”s').
func quoteSheet(sh string) string { return "'" + strings.ReplaceAll(sh, "'", "''") + "'" }

// escapeHF keeps an ampersand in a header or footer literal.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }
