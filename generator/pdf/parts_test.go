package pdf_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"guifan/generator/pdf"
)

// TestWholeBinderParts: the demo's whole-site binder has a top-level
// bookmark per part, numbered and named by the types' groups in the
// schemas' order (regulations first), each holding its documents'
// bookmarks; the contents list the parts; the restricted binder carries
// the internal mark on its pages, the public one does not.
func TestWholeBinderParts(t *testing.T) {
	qpdf, pdftotext := tool(t, "qpdf"), tool(t, "pdftotext")
	dir, _ := demo(t)
	p := filepath.Join(dir, "site", "pdf", "all.pdf")
	var j qpdfJSON
	if err := json.Unmarshal([]byte(run(t, qpdf, "--json", "--json-key=outlines", p)), &j); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, o := range j.Outlines {
		if o.Title == "目  录" {
			continue
		}
		parts = append(parts, o.Title)
		if len(o.Kids) == 0 {
			t.Errorf("part %q has no documents under it", o.Title)
		}
	}
	if len(parts) < 4 || parts[0] != "一、规章制度" || !strings.HasPrefix(parts[1], "二、") {
		t.Fatalf("top-level bookmarks %q, want the parts 一、规章制度, 二、…", parts)
	}
	toc := run(t, pdftotext, "-f", "2", "-l", "3", "-enc", "UTF-8", p, "-")
	for _, part := range parts[:3] {
		if !strings.Contains(toc, part) {
			t.Errorf("contents lack the part %q", part)
		}
	}
	if strings.Contains(run(t, pdftotext, "-enc", "UTF-8", p, "-"), "内部资料") {
		t.Error("the public binder carries the internal mark")
	}
	rp := filepath.Join(dir, "restricted", "pdf", "all.pdf")
	for _, page := range []string{"1", "2", "5"} {
		if text := run(t, pdftotext, "-f", page, "-l", page, "-enc", "UTF-8", rp, "-"); !strings.Contains(text, "内部资料") {
			t.Errorf("restricted binder page %s lacks the internal mark", page)
		}
	}
}

// coverTitleLines typesets a binder with the cover title and returns the
// lines drawn in the cover's title area.
func coverTitleLines(t *testing.T, title string, opt pdf.Options) []string {
	t.Helper()
	_, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: title, Cover: true, Docs: []pdf.Doc{doc("一", nil)}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, d := range drawn {
		if d.Page == 1 && d.Y >= 110 && d.Y < 190 {
			lines = append(lines, d.Text)
		}
	}
	return lines
}

// TestCoverTitleBalanced: a cover title one character too long for a line
// is set as two lines of even length, not a full line and an orphan.
func TestCoverTitleBalanced(t *testing.T) {
	opt := options(t)
	title := strings.Repeat("信息化管理", 3) + "汇编" // 17 characters at 30 pt: 14 fit a line
	lines := coverTitleLines(t, title, opt)
	if strings.Join(lines, "") != title || len(lines) != 2 {
		t.Fatalf("cover title lines %q, want %q in two", lines, title)
	}
	a, b := utf8.RuneCountInString(lines[0]), utf8.RuneCountInString(lines[1])
	if a-b > 1 || b-a > 1 {
		t.Errorf("cover title lines of %d and %d characters: %q", a, b, lines)
	}
}

// TestCoverTitleBracketWhole: a volume's title whose bracketed tail would
// be split by balancing puts the tail whole on a line of its own.
func TestCoverTitleBracketWhole(t *testing.T) {
	opt := options(t)
	head, tail := "规章制度汇编", "（第 2 册，共 2 册）"
	lines := coverTitleLines(t, head+tail, opt)
	if len(lines) != 2 || lines[0] != head || lines[1] != tail {
		t.Errorf("cover title lines %q, want %q and %q", lines, head, tail)
	}
}
