package pdf_test

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/pdf"
	"guifan/generator/schema"
	"guifan/themes"
)

// Bodies and titles of any size or shape: nothing is drawn off the page,
// nothing is lost, and the work grows linearly.

var (
	optOnce sync.Once
	optVal  pdf.Options
	fonts   []*pdf.Font
)

// options are the built-in fonts and catalog, loaded once.
func options(t testing.TB) pdf.Options {
	t.Helper()
	optOnce.Do(func() {
		serif, sans := builtinFonts(t)
		theme, _ := fs.Sub(themes.FS, "default")
		cat, err := i18n.Load(theme, "zh-CN")
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(serif, sans...)
		optVal = pdf.Options{Hospital: "北京示范医院", Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Serif: serif, Sans: sans, T: cat.T}
	})
	return optVal
}

// printed is what the PDF shows for r: r itself, or □ when no font has it.
func printed(r rune) rune {
	if r == '\n' || r == '\t' {
		return ' '
	}
	if unicode.IsControl(r) {
		return '□'
	}
	for _, f := range fonts {
		if f.Has(r) {
			return r
		}
	}
	return '□'
}

func blank(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' }

// shown is the visible text of s as the PDF prints it.
func shown(s string) []rune {
	var out []rune
	for _, r := range s {
		if p := printed(r); !blank(p) && !blank(r) {
			out = append(out, p)
		}
	}
	return out
}

// blocksText is every character of blocks, in reading order, but for
// table cells, which are returned one by one: the lines of a row taller
// than a page are drawn page by page, a part of each cell on each page.
func blocksText(blocks []markdown.Block) (text string, cells []string) {
	var b strings.Builder
	var walk func([]markdown.Block)
	spans := func(b *strings.Builder, ss []markdown.Span) {
		for _, s := range ss {
			b.WriteString(s.Text)
			b.WriteByte(' ')
		}
	}
	walk = func(blocks []markdown.Block) {
		for _, bl := range blocks {
			spans(&b, bl.Spans)
			for _, it := range bl.Items {
				walk(it)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					var cell strings.Builder
					spans(&cell, c)
					cells = append(cells, cell.String())
				}
			}
			b.WriteString(bl.Code)
			walk(bl.Quote)
		}
	}
	walk(blocks)
	return b.String(), cells
}

// checkDrawn checks that every run of text lies on its page, and that the
// body text (what is drawn between header and footer) holds every
// character of want in order, and of each of parts.
func checkDrawn(t *testing.T, name string, drawn []pdf.Drawn, want string, parts ...string) {
	t.Helper()
	const eps = 0.01
	var body []rune
	for _, d := range drawn {
		if d.X < -eps || d.X+d.W > d.PageW+eps || d.Y <= 0 || d.Y > d.PageH {
			t.Errorf("%s: %q drawn off page %d at x %.1f–%.1f, y %.1f", name, short(d.Text), d.Page, d.X, d.X+d.W, d.Y)
			return
		}
		if d.Y >= 29 && d.Y <= d.PageH-24 { // between the header (18) and the footer
			body = append(body, shown(d.Text)...)
		}
	}
	for _, w := range append([]string{want}, parts...) {
		if lost := inOrder(shown(w), body); lost >= 0 {
			w := shown(w)
			t.Errorf("%s: %d of %d characters drawn in order; lost at …%s…", name, lost, len(w), string(w[max(0, lost-10):min(len(w), lost+10)]))
		}
	}
}

// inOrder returns -1 when want is a subsequence of got, or how many of
// want's characters were found.
func inOrder(want, got []rune) int {
	i := 0
	for _, r := range got {
		if i < len(want) && r == want[i] {
			i++
		}
	}
	if i == len(want) {
		return -1
	}
	return i
}

func short(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// pdftotextHas checks with pdftotext, when installed, that the PDF's text
// holds every character of want in order.
func pdftotextHas(t *testing.T, name string, data []byte, want string) {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		return // the drawn text was checked; CI also runs this with pdftotext
	}
	file := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(p, "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("%s: pdftotext: %v", name, err)
	}
	if lost := inOrder(shown(want), shown(string(out))); lost >= 0 {
		w := shown(want)
		t.Errorf("%s: pdftotext finds %d of %d characters in order; lost at …%s…", name, lost, len(w), string(w[max(0, lost-10):min(len(w), lost+10)]))
	}
}

func doc(title string, blocks []markdown.Block) pdf.Doc {
	return pdf.Doc{ID: "x", Title: title, Number: "BJSF-XX-ZD-2026-001", Version: "1.0",
		Control: [][2]string{{"文件编号", "BJSF-XX-ZD-2026-001"}, {"版本", "1.0"}}, Blocks: blocks}
}

func para(s string) markdown.Block {
	return markdown.Block{Kind: "paragraph", Spans: []markdown.Span{{Text: s}}}
}

// TestLongTitleWorkIsLinear: the work of typesetting a document grows
// linearly with its title, in a binder with a cover, contents, a running
// header and bookmarks, and alone (where the title is the header). Before,
// a 20,000-character title took 38 s: the contents shortened it one
// character at a time, measuring it anew each time.
func TestLongTitleWorkIsLinear(t *testing.T) {
	opt := options(t)
	work := map[int]int{}
	for _, n := range []int{2000, 20000} {
		title := string([]rune(strings.Repeat("数据备份管理制度（试行）", n/12+1))[:n])
		d := doc(title, []markdown.Block{para("正文。")})
		for _, b := range []pdf.Binder{
			{Title: "规章制度汇编", Subtitle: "北京示范医院", Docs: []pdf.Doc{d, doc("另一份", nil)}, Cover: true},
			{Title: title, Docs: []pdf.Doc{d}},
		} {
			_, drawn, calls, err := pdf.WriteProbed(b, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkDrawn(t, fmt.Sprintf("title of %d", n), drawn, title)
			work[n] += calls
		}
	}
	if work[20000] > 12*work[2000] {
		t.Errorf("%d width look-ups for a 2,000-character title, %d for 20,000: not linear", work[2000], work[20000])
	}
}

// TestHeaderAndFooterFitOneLine: a long hospital name, binder title and
// document number are cut short with "…" in the running header and footer,
// which stay one line within the margins.
func TestHeaderAndFooterFitOneLine(t *testing.T) {
	opt := options(t)
	opt.Hospital = strings.Repeat("北京市某某区某某医院", 30)
	title := strings.Repeat("信息系统运行维护管理制度", 40)
	d := doc(title, []markdown.Block{para(strings.Repeat("正文。", 2000))})
	d.Number = strings.Repeat("BJSF-XX-ZD-2026-001-", 30)
	for _, b := range []pdf.Binder{
		{Title: title, Docs: []pdf.Doc{d}},
		{Title: title, Subtitle: opt.Hospital, Docs: []pdf.Doc{d}, Cover: true},
	} {
		_, drawn, _, err := pdf.WriteProbed(b, opt)
		if err != nil {
			t.Fatal(err)
		}
		checkDrawn(t, "long names", drawn, title+strings.Repeat("正文。", 2000))
		pages := map[int]int{}
		for _, r := range drawn {
			if r.Y != 18 && r.Y != 297-13 {
				continue
			}
			pages[r.Page]++
			if strings.Contains(r.Text, "{nb}") {
				continue // the page count, drawn when the PDF is written
			}
			if r.X < 28-0.01 || r.X+r.W > 210-26+0.01 {
				t.Errorf("page %d: header or footer %q outside the margins (%.1f–%.1f)", r.Page, short(r.Text), r.X, r.X+r.W)
			}
		}
		if len(pages) < 3 {
			t.Errorf("headers on %d pages only", len(pages))
		}
	}
}

// TestFormLongTitle: a blank form's title as long as titles may be
// (model.MaxTitleRunes) is wrapped, whole, and a long hospital name and
// form number are cut to share their line; nothing leaves the page.
// Before, the title was drawn on one line, centred, running off both
// sides of the page.
func TestFormLongTitle(t *testing.T) {
	opt := options(t)
	opt.Hospital = strings.Repeat("北京市某某区某某医院", 20)
	title := string([]rune(strings.Repeat("信息系统运行维护工作记录表", 20))[:model.MaxTitleRunes])
	for _, orientation := range []string{"portrait", "landscape"} {
		form := &schema.Form{ID: "f", Title: schema.Text{"zh-CN": title}, Number: strings.Repeat("XXZX-JL-01-", 20), Orientation: orientation,
			Rows: []*schema.FormRow{{Cells: []*schema.FormCell{{ID: "who", Kind: "field", Label: schema.Text{"zh-CN": "姓名"}}}}}}
		_, drawn, err := pdf.WriteFormProbed(form, opt, "zh-CN")
		if err != nil {
			t.Fatal(err)
		}
		var all []rune
		for _, d := range drawn {
			if d.X < -0.01 || d.X+d.W > d.PageW+0.01 || d.Y <= 0 || d.Y > d.PageH {
				t.Errorf("%s: %q drawn off the page at x %.1f–%.1f, y %.1f", orientation, short(d.Text), d.X, d.X+d.W, d.Y)
			}
			all = append(all, shown(d.Text)...)
		}
		if lost := inOrder(shown(title), all); lost >= 0 {
			t.Errorf("%s: the title is cut after %d characters", orientation, lost)
		}
	}
}

// TestOddTitles: a title or heading with invalid UTF-8 or a character above
// U+FFFF does not panic in the bookmarks (fpdf's UTF-16 encoder indexed
// past the end of "\xe9"); the text is still drawn.
func TestOddTitles(t *testing.T) {
	opt := options(t)
	for _, title := range []string{"# \xe9", "生僻字𠀀", "", "\xf0\x9f", "a\x00b"} {
		blocks := []markdown.Block{{Kind: "heading", Level: 2, Spans: []markdown.Span{{Text: title}}}, para(title)}
		_, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: title, Docs: []pdf.Doc{doc(title, blocks)}, Cover: true}, opt)
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		checkDrawn(t, fmt.Sprintf("%q", title), drawn, title+title)
	}
}

// nested makes a Markdown body nested depth deep: lists in lists, or
// quotes in quotes, or both by turns, each level with text of its own.
func nested(depth int, kind string) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		text := fmt.Sprintf("第%d层文字（%c）。", i+1, 'A'+rune(i%26))
		switch {
		case kind == "list" || kind == "mixed" && i%2 == 0:
			b.WriteString(strings.Repeat("  ", i) + "- " + text + "\n")
		default:
			b.WriteString(strings.Repeat("> ", i+1) + text + "\n" + strings.Repeat("> ", i+1) + "\n")
		}
	}
	return b.String()
}

// TestNestedTextKept: text nested 1 to 40 levels deep in lists and quotes
// is all on the page. Before, text more than 20 levels deep was drawn to
// the right of the page and was missing from the PDF (present on the
// site). Markdown caps nesting at model.MaxNesting (deeper markers become
// text); blocks built directly are nested as deep as they come.
func TestNestedTextKept(t *testing.T) {
	opt := options(t)
	for depth := 1; depth <= 40; depth++ {
		for _, kind := range []string{"list", "quote", "mixed"} {
			src := nested(depth, kind)
			blocks := markdown.Blocks([]byte(src))
			want := markdown.Render([]byte(src), nil).Text
			name := fmt.Sprintf("%s %d deep", kind, depth)
			data, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: "嵌套", Docs: []pdf.Doc{doc("嵌套", blocks)}}, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkDrawn(t, name, drawn, want)
			if depth%13 == 0 || depth == 40 {
				pdftotextHas(t, name, data, want)
			}
		}
		// Blocks nested directly, beyond what Markdown gives.
		inner := []markdown.Block{para(fmt.Sprintf("最深处第%d层。", depth))}
		for i := depth; i > 0; i-- {
			if i%2 == 0 {
				inner = []markdown.Block{para(fmt.Sprintf("第%d层。", i)), {Kind: "quote", Quote: inner}}
			} else {
				inner = []markdown.Block{{Kind: "list", Items: [][]markdown.Block{append([]markdown.Block{para(fmt.Sprintf("第%d层。", i))}, inner...)}}}
			}
		}
		_, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: "嵌套", Docs: []pdf.Doc{doc("嵌套", inner)}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		text, cells := blocksText(inner)
		checkDrawn(t, fmt.Sprintf("blocks %d deep", depth), drawn, text, cells...)
	}
	if model.MaxNesting >= 40 {
		t.Errorf("the test nests 40 deep to go past model.MaxNesting (%d)", model.MaxNesting)
	}
}

// TestTallRowsContinue: a table row or a control-box row taller than a
// page continues on the next pages instead of running off the bottom.
func TestTallRowsContinue(t *testing.T) {
	opt := options(t)
	long := strings.Repeat("本单元格的文字很长，需要跨越多页。", 400)
	table := markdown.Block{Kind: "table", Header: true, Rows: [][][]markdown.Span{
		{{{Text: "项目"}}, {{Text: "说明"}}, {{Text: "备注"}}},
		{{{Text: "一"}}, {{Text: long}}, {{Text: "短"}}},
		{{{Text: "二"}}, {{Text: "短"}}, {{Text: long[:300]}}},
	}}
	d := doc("长表格", []markdown.Block{para("前言。"), table, para("结尾。")})
	d.Control = append(d.Control, [2]string{"批准", long})
	data, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: "长表格", Docs: []pdf.Doc{d}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, cells := blocksText([]markdown.Block{table})
	checkDrawn(t, "tall rows", drawn, long+"前言。结尾。", cells...)
	pdftotextHas(t, "tall rows", data, long+"前言。"+long[:len(long)/2])
}

// FuzzPDFBody: any Markdown body typesets without panic, with every
// character of its blocks on the page, in order.
//
//	go test ./generator/pdf -run XXX -fuzz FuzzPDFBody -fuzztime 20s
func FuzzPDFBody(f *testing.F) {
	for _, s := range []string{
		"# 标题\n\n正文**加粗**，`代码`。\n\n- 一\n  - 二\n\n> 引用\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		nested(14, "mixed"),
		strings.Repeat("（", 200) + "中" + strings.Repeat("。", 200),
		"```\n" + strings.Repeat("x", 500) + "\n```\n",
		"| " + strings.Repeat("长", 3000) + " |\n|-|\n",
		"1. a\n\n   b\n\n   > c\n\n---\n\n[链接](doc:x) e\u0301 \U0001F600 \x00",
	} {
		f.Add(s)
	}
	opt := options(f)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 20000 {
			return // a bound on time per input; long bodies are tested above
		}
		if !utf8.ValidString(src) {
			return // guifan reads only UTF-8: textfile refuses other files first
		}
		blocks := markdown.Blocks([]byte(src))
		_, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: "模糊", Docs: []pdf.Doc{doc("模糊", blocks)}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		text, cells := blocksText(blocks)
		checkDrawn(t, "fuzz", drawn, text, cells...)
	})
}
