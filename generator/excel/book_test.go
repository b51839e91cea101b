package excel

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guifan/generator/report"
	"guifan/generator/schema"
)

// words stands in for the message catalog.
func words(key string, args ...any) string { return key + fmt.Sprint(args...) }

func tinyReport(gap string) Input {
	return Input{
		Report: &report.Report{
			Framework: "f", FrameworkTitle: "F", Hospital: "H", AsOf: "2026-11-25", Lang: "zh-CN",
			Chapters: []report.Chapter{{Number: 1, Title: "C"}},
			Articles: []report.Article{{Number: 1, Chapter: 1, Title: "A", Status: "met", Credit: 1,
				Requirements: []report.Requirement{{ID: "r1", Kind: "document", Title: "R", Status: "met", Gap: gap}}}},
		},
		Register: Table{Columns: []Column{{Label: "id", Width: 10}, {Label: "title", Width: 20}}, Rows: [][]string{{"d1", "D"}}},
		T:        words,
	}
}

func tinyForm() FormInput {
	return FormInput{
		Form: &schema.Form{ID: "f1", Title: schema.Text{"zh-CN": "表"}, Number: "N-1", Rows: []*schema.FormRow{
			{Header: true, Cells: []*schema.FormCell{{Kind: "label", Label: schema.Text{"zh-CN": "日期"}}}},
			{Repeat: 2, Cells: []*schema.FormCell{{Kind: "blank"}}},
		}},
		Hospital: "H", Lang: "zh-CN", Date: "2026-11-25", T: words,
	}
}

// tooBig makes every style invalid: no font is 1000 points.
func tooBig(s *excelize.Style) { s.Font = &excelize.Font{Size: 1000} }

func TestBookKeepsFirstError(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	b.str("no such sheet", "A1", "x")
	if b.err == nil {
		t.Fatal("writing to a missing sheet: no error kept")
	}
	first := b.err
	b.str("Sheet1", "A1", "after")
	b.keep(errors.New("second"))
	if b.err != first {
		t.Errorf("err = %v, want the first error %v", b.err, first)
	}
	if v, _ := f.GetCellValue("Sheet1", "A1"); v != "" {
		t.Errorf("a call after the error still wrote %q", v)
	}
	if id := b.style(&excelize.Style{}); id != 0 {
		t.Errorf("style after an error = %d, want 0", id)
	}
}

func TestWriteReportsFailure(t *testing.T) {
	t.Parallel()
	if _, err := write(tinyReport(""), nil); err != nil {
		t.Fatalf("valid workbook: %v", err)
	}
	_, err := write(tinyReport(""), tooBig)
	if !errors.Is(err, excelize.ErrFontSize) {
		t.Errorf("spoilt style: err = %v, want %v", err, excelize.ErrFontSize)
	}
}

func TestWriteFormReportsFailure(t *testing.T) {
	t.Parallel()
	if _, err := writeForm(tinyForm(), nil); err != nil {
		t.Fatalf("valid form: %v", err)
	}
	_, err := writeForm(tinyForm(), tooBig)
	if !errors.Is(err, excelize.ErrFontSize) {
		t.Errorf("spoilt style: err = %v, want %v", err, excelize.ErrFontSize)
	}
}

// A requirement whose text needs more than the tallest row a spreadsheet
// allows still writes, in a row of that height.
func TestTallRowIsCapped(t *testing.T) {
	t.Parallel()
	data, err := Write(tinyReport(strings.Repeat("一行说明\n", 200)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := f.GetRowHeight(sheetNames(words)[checklistSheet], firstDataRow)
	if err != nil {
		t.Fatal(err)
	}
	if h != excelize.MaxRowHeight {
		t.Errorf("row height = %v, want %v", h, excelize.MaxRowHeight)
	}
}
