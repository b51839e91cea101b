package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// A place in a workbook prints as path:sheet:row, with no source line
// (a workbook is not text), and its sheet reaches the JSON output.
func TestSheetPosition(t *testing.T) {
	t.Parallel()
	var l List
	l.Add(Pos{File: "审核清单.xlsx", Sheet: "checklist", Line: 12, Col: 11}, "x.row", 12)
	l.Add(Pos{File: "审核清单.xlsx", Sheet: "checklist"}, "x.sheet")
	l.Add(Pos{File: "a.md", Line: 3, Col: 2}, "x.text")
	sourced := 0
	p := Printer{
		Message:  func(d Diagnostic) string { return d.Code },
		Severity: func(s Severity) string { return s.String() },
		Source: func(file string) *Source {
			sourced++
			return NewSource(file, []byte("a\nb\nccc\n"))
		},
	}
	var text bytes.Buffer
	p.Text(&text, l)
	want := "审核清单.xlsx:checklist:12: error: x.row\n审核清单.xlsx:checklist: error: x.sheet\na.md:3:2: error: x.text\n    ccc\n     ^\n"
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}
	if sourced != 1 {
		t.Errorf("the source was asked for %d times, want once (for the text file only)", sourced)
	}
	var js bytes.Buffer
	if err := p.JSON(&js, l); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got[0]["sheet"] != "checklist" || got[0]["line"] != float64(12) || got[0]["col"] != float64(11) {
		t.Errorf("JSON of a sheet position: %v", got[0])
	}
	if _, ok := got[2]["sheet"]; ok || strings.Contains(js.String(), `"sheet": ""`) {
		t.Errorf("a text position has a sheet in JSON: %v", got[2])
	}
}

// Diagnostics of two sheets of one workbook sort by sheet, then row.
func TestSortBySheet(t *testing.T) {
	t.Parallel()
	var l List
	l.Add(Pos{File: "b.xlsx", Sheet: "summary", Line: 2}, "x")
	l.Add(Pos{File: "b.xlsx", Sheet: "checklist", Line: 9}, "x")
	l.Add(Pos{File: "b.xlsx", Sheet: "checklist", Line: 3}, "x")
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Pos.Sheet+":"+string(rune('0'+d.Pos.Line)))
	}
	if strings.Join(got, " ") != "checklist:3 checklist:9 summary:2" {
		t.Errorf("order: %v", got)
	}
}
