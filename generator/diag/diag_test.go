package diag_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"guifan/generator/diag"
)

func TestListSortAndCount(t *testing.T) {
	t.Parallel()
	var l diag.List
	l.Warn(diag.Pos{File: "b.md", Line: 2, Col: 1}, "w.b2")
	l.Add(diag.Pos{File: "a.md", Line: 10, Col: 1}, "e.a10")
	l.Add(diag.Pos{File: "a.md", Line: 2, Col: 5}, "z.a2-5")
	l.Warn(diag.Pos{File: "a.md", Line: 2, Col: 5}, "a.a2-5-warn")
	l.Add(diag.Pos{File: "a.md", Line: 2, Col: 5}, "b.a2-5")
	l.Add(diag.Pos{File: "a.md"}, "e.whole-file")
	l.Add(diag.Pos{File: "book.xlsx", Sheet: "清单", Line: 3}, "x.sheet-3")
	l.Add(diag.Pos{File: "book.xlsx", Line: 1, Col: 1}, "x.no-sheet")
	var more diag.List
	more.Add(diag.Pos{File: "a.md", Line: 2, Col: 1}, "e.a2-1", "arg")
	l.Append(more)

	if l.Errors() != 7 || l.Warnings() != 2 {
		t.Errorf("Errors() = %d, Warnings() = %d; want 7, 2", l.Errors(), l.Warnings())
	}
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Code)
	}
	want := []string{
		"e.whole-file", // line 0: the whole file first
		"e.a2-1",
		"b.a2-5", "z.a2-5", // errors before warnings, then by code
		"a.a2-5-warn",
		"e.a10", // by line as a number, not as text
		"w.b2",
		"x.no-sheet", // no sheet before a sheet
		"x.sheet-3",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted:\n got %v\nwant %v", got, want)
	}
	if d := l[1]; d.Severity != diag.Error || !reflect.DeepEqual(d.Args, []any{"arg"}) {
		t.Errorf("Append lost severity or arguments: %+v", d)
	}
	if diag.Error.String() != "error" || diag.Warning.String() != "warning" {
		t.Errorf("severity names %q, %q", diag.Error, diag.Warning)
	}
}

// Sort is stable: the same diagnostic reported twice at one place with
// different arguments keeps the order the checks found them in.
func TestSortStable(t *testing.T) {
	t.Parallel()
	var l diag.List
	p := diag.Pos{File: "a.md", Line: 1, Col: 1}
	for i := range 20 {
		l.Add(p, "same", i)
	}
	l.Add(diag.Pos{File: "0.md"}, "first")
	l.Sort()
	if l[0].Code != "first" {
		t.Fatalf("first is %s", l[0].Code)
	}
	for i, d := range l[1:] {
		if d.Args[0] != i {
			t.Fatalf("position %d holds argument %v: Sort is not stable", i+1, d.Args[0])
		}
	}
}

func TestEmptyList(t *testing.T) {
	t.Parallel()
	var l diag.List
	l.Sort()
	if l.Errors() != 0 || l.Warnings() != 0 {
		t.Error("an empty list counts something")
	}
	var b bytes.Buffer
	if err := printer(nil).JSON(&b, l); err != nil {
		t.Fatal(err)
	}
	if b.String() != "[]\n" {
		t.Errorf("JSON of no diagnostics = %q, want []", b.String())
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	kinds := []string{"security", "backup", "machine-room", "network", "review_by", "location"}
	for word, want := range map[string]string{
		"backups":        "backup",       // one added letter
		"reveiw_by":      "review_by",    // adjacent letters swapped count once
		"loaction":       "location",     // swapped
		"machine-rooom":  "machine-room", // long word, one extra letter
		"machineroomxyz": "",             // too far even for a long word
		"netwrok":        "network",
		"security":       "security", // exact
		"zzz":            "",
		"":               "",
		"备份":             "",
	} {
		if got := diag.Suggest(word, kinds); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
	// Short words allow one edit only; ties go to the alphabetically first.
	if got := diag.Suggest("ab", []string{"xy", "abc"}); got != "abc" {
		t.Errorf("Suggest(ab) = %q", got)
	}
	if got := diag.Suggest("abd", []string{"abz", "abc"}); got != "abc" {
		t.Errorf("tie: Suggest(abd) = %q, want abc", got)
	}
	if got := diag.Suggest("ab", []string{"ba"}); got != "ba" {
		t.Errorf("transposition: Suggest(ab, ba) = %q", got)
	}
	if got := diag.Suggest("abc", []string{"cab"}); got != "" {
		t.Errorf("Suggest(abc, cab) = %q, want nothing (two edits on a short word)", got)
	}
	// Distances count characters, not bytes.
	if got := diag.Suggest("数据备分", []string{"数据备份", "网络"}); got != "数据备份" {
		t.Errorf("Suggest(数据备分) = %q", got)
	}
	if got := diag.Suggest("word", nil); got != "" {
		t.Errorf("no candidates: %q", got)
	}
}

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	if m := diag.DidYouMean(""); m.Key != "" || m.Args != nil {
		t.Errorf("DidYouMean(\"\") = %+v, want an empty message", m)
	}
	m := diag.DidYouMean("backup")
	if m.Key != "hint.did-you-mean" || !reflect.DeepEqual(m.Args, []any{"backup"}) {
		t.Errorf("DidYouMean(backup) = %+v", m)
	}
}

func TestSource(t *testing.T) {
	t.Parallel()
	src := diag.NewSource("a.md", []byte("\uFEFFtitle = \"备份\"\r\n\tx = 1\nlast"))
	if src.Lines() != 3 {
		t.Fatalf("Lines() = %d", src.Lines())
	}
	for i, want := range []string{"", `title = "备份"`, "\tx = 1", "last", ""} {
		if got := src.Line(i); got != want {
			t.Errorf("Line(%d) = %q, want %q", i, got, want)
		}
	}
	for _, c := range []struct {
		off  int
		want diag.Pos
	}{
		{-5, diag.Pos{File: "a.md", Line: 1, Col: 1}},
		{3, diag.Pos{File: "a.md", Line: 1, Col: 1}},   // after the BOM: column 1
		{12, diag.Pos{File: "a.md", Line: 1, Col: 10}}, // 备: columns count characters
		{15, diag.Pos{File: "a.md", Line: 1, Col: 11}}, // 份
		{21, diag.Pos{File: "a.md", Line: 2, Col: 1}},
		{22, diag.Pos{File: "a.md", Line: 2, Col: 2}}, // a tab is one character
		{1000, diag.Pos{File: "a.md", Line: 3, Col: 5}},
	} {
		if got := src.Pos(c.off); got != c.want {
			t.Errorf("Pos(%d) = %+v, want %+v", c.off, got, c.want)
		}
	}
	if src.Offset(2) != 21 || src.Offset(0) != -1 || src.Offset(4) != -1 {
		t.Errorf("Offset(2, 0, 4) = %d, %d, %d", src.Offset(2), src.Offset(0), src.Offset(4))
	}
}

// printer is a Printer whose message is the code and its arguments, with
// the given files as sources.
func printer(files map[string]string) diag.Printer {
	return diag.Printer{
		Message: func(d diag.Diagnostic) string {
			return strings.TrimSpace(fmt.Sprintln(append([]any{d.Code}, d.Args...)...))
		},
		Severity: func(s diag.Severity) string {
			return map[diag.Severity]string{diag.Error: "错误", diag.Warning: "警告"}[s]
		},
		Source: func(file string) *diag.Source {
			if data, ok := files[file]; ok {
				return diag.NewSource(file, []byte(data))
			}
			return nil
		},
	}
}

func TestTextCaret(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"content/a.md":  "+++\ntitle = \"数据备份制度\"\nkind = \"backups\"\n\tstatus = \"草稿\"\n\n（全角）x\r\n",
		"hospital.toml": "\uFEFFname = 1\n",
	}
	var l diag.List
	l.Add(diag.Pos{File: "content/a.md", Line: 2, Col: 14}, "caret.under.zhi")         // 制
	l.Add(diag.Pos{File: "content/a.md", Line: 3, Col: 8}, "ascii")                    // "backups"
	l.Warn(diag.Pos{File: "content/a.md", Line: 4, Col: 12}, "tab.kept", 1)            // 草
	l.Add(diag.Pos{File: "content/a.md", Line: 5, Col: 1}, "blank.line.no.excerpt")    // empty line
	l.Add(diag.Pos{File: "content/a.md", Line: 6, Col: 5}, "fullwidth.wide")           // x after （全角）
	l.Add(diag.Pos{File: "content/a.md", Line: 99, Col: 1}, "past.the.end.no.excerpt") // no such line
	l.Add(diag.Pos{File: "content/a.md"}, "whole.file")
	l.Add(diag.Pos{File: "hospital.toml", Line: 1, Col: 8}, "bom.hidden")
	l.Add(diag.Pos{File: "gone.md", Line: 1, Col: 1}, "no.source")
	l.Add(diag.Pos{File: "审核.xlsx", Sheet: "清单", Line: 7, Col: 3}, "sheet.row")
	l.Add(diag.Pos{File: "审核.xlsx", Sheet: "清单"}, "sheet.only")
	var b bytes.Buffer
	printer(files).Text(&b, l)
	want := strings.Join([]string{
		"content/a.md:2:14: 错误: caret.under.zhi",
		`    title = "数据备份制度"`,
		"    " + strings.Repeat(" ", 9+4*2) + "^", // 9 narrow and 4 wide characters before 制
		"content/a.md:3:8: 错误: ascii",
		`    kind = "backups"`,
		"           ^",
		"content/a.md:4:12: 警告: tab.kept 1",
		"    \tstatus = \"草稿\"",
		"    \t          ^",
		"content/a.md:5:1: 错误: blank.line.no.excerpt",
		"content/a.md:6:5: 错误: fullwidth.wide",
		"    （全角）x",
		"    " + strings.Repeat(" ", 4*2) + "^",
		"content/a.md:99:1: 错误: past.the.end.no.excerpt",
		"content/a.md: 错误: whole.file",
		"hospital.toml:1:8: 错误: bom.hidden",
		"    name = 1",
		"           ^",
		"gone.md:1:1: 错误: no.source",
		"审核.xlsx:清单:7: 错误: sheet.row",
		"审核.xlsx:清单: 错误: sheet.only",
		"",
	}, "\n")
	if got := b.String(); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
}

// A caret line's blanks are as wide as what they stand under, in the
// columns a terminal gives each character.
func TestCaretWidth(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		line string
		col  int
		pad  string
	}{
		{"abc", 1, ""},
		{"abc", 3, "  "},
		{"数据x", 3, "    "},
		{"한국x", 3, "    "},
		{"ＡＢx", 3, "    "}, // full-width Latin letters
		{"\t\tx", 3, "\t\t"},
		{"、。x", 3, "    "},
		{"ｱx", 2, " "}, // half-width katakana is narrow
	} {
		var b bytes.Buffer
		var l diag.List
		l.Add(diag.Pos{File: "f", Line: 1, Col: c.col}, "c")
		printer(map[string]string{"f": c.line}).Text(&b, l)
		lines := strings.Split(b.String(), "\n")
		if len(lines) < 3 || lines[2] != "    "+c.pad+"^" {
			t.Errorf("%q col %d: caret line %q, want %q", c.line, c.col, lines[min(2, len(lines)-1)], "    "+c.pad+"^")
		}
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	var l diag.List
	l.Add(diag.Pos{File: "content/a.md", Line: 3, Col: 8}, "field.enum", "kind", "<backups>")
	l.Warn(diag.Pos{File: "审核.xlsx", Sheet: "清单", Line: 7, Col: 3}, "audit.x")
	var b bytes.Buffer
	if err := printer(nil).JSON(&b, l); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "file": "content/a.md",
    "line": 3,
    "col": 8,
    "severity": "error",
    "code": "field.enum",
    "message": "field.enum kind <backups>"
  },
  {
    "file": "审核.xlsx",
    "sheet": "清单",
    "line": 7,
    "col": 3,
    "severity": "warning",
    "code": "audit.x",
    "message": "audit.x"
  }
]
`
	if b.String() != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", b.String(), want)
	}
	var back []map[string]any
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != 2 {
		t.Errorf("JSON does not read back: %v", err)
	}
}
