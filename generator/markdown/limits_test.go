package markdown

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"guifan/generator/model"
)

// depth is how deeply lists and quotes nest in blocks.
func depth(bs []Block) int {
	d := 0
	for _, b := range bs {
		for _, it := range b.Items {
			d = max(d, 1+depth(it))
		}
		if b.Kind == "quote" {
			d = max(d, 1+depth(b.Quote))
		}
	}
	return d
}

// TestNestingCapped: lists, quotes and footnotes 40 deep are parsed at most
// model.MaxNesting deep; the deeper text stays, as text, and Check gives
// the line where nesting went too deep.
func TestNestingCapped(t *testing.T) {
	var list, quote, foot strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&list, "%s- 第%d层\n", strings.Repeat("  ", i), i+1)
		fmt.Fprintf(&quote, "%s引用%d\n%s\n", strings.Repeat("> ", i+1), i+1, strings.Repeat("> ", i+1))
		fmt.Fprintf(&foot, "[^f%d]: ", i)
	}
	foot.WriteString("脚注\n\n正文[^f0]。\n")
	for name, src := range map[string]string{"list": list.String(), "quote": quote.String(), "footnote": foot.String()} {
		blocks := Blocks([]byte(src))
		if d := depth(blocks); d > model.MaxNesting {
			t.Errorf("%s: blocks nested %d deep", name, d)
		}
		r := Render([]byte(src), nil)
		for i := 1; i <= 40 && name != "footnote"; i++ {
			word := fmt.Sprintf("引用%d", i)
			if name == "list" {
				word = fmt.Sprintf("第%d层", i)
			}
			if !strings.Contains(r.Text, word) {
				t.Errorf("%s: %q is lost", name, word)
			}
		}
		if n := strings.Count(string(r.HTML), "<blockquote>") + strings.Count(string(r.HTML), "<ul>"); n > model.MaxNesting {
			t.Errorf("%s: %d levels in HTML", name, n)
		}
		c := Check([]byte(src))
		if len(c.Deep) == 0 {
			t.Errorf("%s: nesting not reported", name)
			continue
		}
		want := map[string]Place{"list": {model.MaxNesting + 1, 2*model.MaxNesting + 1}, "quote": {2*model.MaxNesting + 1, 2*model.MaxNesting + 1}, "footnote": {1, 10*7 + (model.MaxNesting-10)*8 + 1}}[name]
		if c.Deep[0] != want {
			t.Errorf("%s: too deep at %+v, want %+v", name, c.Deep[0], want)
		}
	}
	if c := Check([]byte(strings.Repeat("> ", model.MaxNesting) + "正好\n")); len(c.Deep) != 0 {
		t.Errorf("%d levels reported as too deep: %v", model.MaxNesting, c.Deep)
	}
}

// TestLongBlocks: a paragraph, list item, table cell or heading longer than
// model.MaxParagraphRunes is reported with its line, kind and length, and
// kept as plain text, its links and emphasis not parsed (goldmark's
// parsers for them take quadratic time).
func TestLongBlocks(t *testing.T) {
	long := strings.Repeat("[链接](", model.MaxParagraphRunes/5+1) // 5 characters a time
	n := utf8.RuneCountInString(long)
	src := "# 标题\n\n短段落。\n\n" + long + "\n\n- " + long + "\n\n| a |\n|---|\n| " + long + " |\n\n## " + long + "\n"
	c := Check([]byte(src))
	want := []Long{{Place{5, 1}, "paragraph", n}, {Place{7, 3}, "item", n}, {Place{11, 3}, "cell", n}, {Place{13, 4}, "heading", n}}
	if fmt.Sprint(c.Long) != fmt.Sprint(want) {
		t.Errorf("long blocks %+v, want %+v", c.Long, want)
	}
	// Plain text: nothing but text, no link parsed.
	doc := newParser().Parser().Parse(text.NewReader([]byte(long + "\n")))
	for c := doc.FirstChild().FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindText {
			t.Errorf("a long paragraph was parsed for inlines: it holds a %s", c.Kind())
		}
	}
	if got := Render([]byte(long), nil).Text; got != long {
		t.Errorf("the long paragraph's text changed")
	}
	// At the limit, nothing is reported and the paragraph is parsed.
	exact := strings.Repeat("字", model.MaxParagraphRunes-8) + "**粗体**"
	if c := Check([]byte(exact)); len(c.Long) != 0 {
		t.Errorf("a paragraph of %d characters reported: %+v", utf8.RuneCountInString(exact), c.Long)
	}
	if !strings.Contains(string(Render([]byte(exact), nil).HTML), "<strong>粗体</strong>") {
		t.Error("a paragraph at the limit was not parsed")
	}
}

// TestDenseLinks: a block shorter than the limit whose unclosed link
// markup ("](" with no ")" on its line) would make goldmark read the rest
// of the line again for each one is reported like a long one and kept as
// plain text; ordinary links, however many, and the same markup broken
// over lines are parsed as usual.
func TestDenseLinks(t *testing.T) {
	for _, unit := range []string{"[a](", "![a](", "[a](<", "[链接]("} {
		// Well under MaxParagraphRunes, and 128 unclosed links on one line.
		hostile := strings.Repeat(unit, 128)
		if utf8.RuneCountInString(hostile) > model.MaxParagraphRunes/10 {
			t.Fatalf("%q: the case is not short", unit)
		}
		n := utf8.RuneCountInString(hostile)
		src := "# 标题\n\n短段落。\n\n" + hostile + "\n\n- " + hostile + "\n\n| a |\n|---|\n| " + hostile + " |\n\n## " + hostile + "\n"
		c := Check([]byte(src))
		want := []Long{{Place{5, 1}, "paragraph", n}, {Place{7, 3}, "item", n}, {Place{11, 3}, "cell", n}, {Place{13, 4}, "heading", n}}
		if fmt.Sprint(c.Dense) != fmt.Sprint(want) || len(c.Long) != 0 {
			t.Errorf("%q: dense blocks %+v (long %+v), want %+v", unit, c.Dense, c.Long, want)
		}
		doc := newParser().Parser().Parse(text.NewReader([]byte(hostile + "\n")))
		for c := doc.FirstChild().FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() != ast.KindText {
				t.Errorf("%q: a dense paragraph was parsed for inlines: it holds a %s", unit, c.Kind())
			}
		}
		if got := Render([]byte(hostile), nil).Text; got != strings.TrimSpace(hostile) {
			t.Errorf("%q: the dense paragraph's text changed: %.80q", unit, got)
		}
		// One unclosed link a line: each read stops at the line's end.
		lines := strings.Repeat(unit+"\n", 128)
		if c := Check([]byte(lines)); len(c.Dense) != 0 {
			t.Errorf("%q on lines of their own reported dense: %+v", unit, c.Dense)
		}
	}
	// Brackets nested a thousand deep around a paragraph: goldmark reads
	// the text again at each "]". Escaped backticks open no code span, so
	// the links between them still count.
	for name, hostile := range map[string]string{
		"nested":  strings.Repeat("[", 990) + strings.Repeat("*a", 4000) + strings.Repeat("]", 990),
		"escaped": strings.Repeat("\\`[a](\\`", 200),
	} {
		if c := Check([]byte(hostile)); len(c.Dense) != 1 {
			t.Errorf("%s: not reported dense: %+v", name, c)
		}
	}
	// Link syntax inside code spans is text, however much of it.
	teaching := strings.Repeat("使用`[文字](链接`语法，", 300) + strings.Repeat("``a`](`b`` ", 300)
	if c := Check([]byte(teaching)); len(c.Dense) != 0 {
		t.Errorf("code spans of link syntax reported dense: %+v", c.Dense)
	}
	if got := strings.Count(string(Render([]byte(teaching), nil).HTML), "<code>"); got != 600 {
		t.Errorf("%d of 600 code spans rendered", got)
	}
	// 600 ordinary links on one line are read once each; a dozen left
	// open among them (each read to the end of the line) stay within the
	// budget.
	var b strings.Builder
	for i := range 600 {
		fmt.Fprintf(&b, "见[第%d号](doc:reg-%d)、", i, i)
		if i%50 == 0 {
			b.WriteString("[未闭合](")
		}
	}
	ordinary := b.String()
	if c := Check([]byte(ordinary)); len(c.Dense)+len(c.Long) != 0 {
		t.Fatalf("a paragraph of ordinary links reported: dense %+v, long %+v", c.Dense, c.Long)
	}
	if got := strings.Count(string(Render([]byte(ordinary), nil).HTML), "<a "); got != 600 {
		t.Errorf("%d of 600 ordinary links rendered", got)
	}
}

// TestFootnotesCapped: a body opens at most model.MaxFootnotes footnote
// definitions; the further ones are reported, one place each, and stay
// as text, nothing lost.
func TestFootnotesCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("# 标题\n\n")
	extra := 3
	for i := range model.MaxFootnotes + extra {
		fmt.Fprintf(&b, "第%d条[^n%d]。\n\n[^n%d]: 注释%d\n\n", i, i, i, i)
	}
	src := []byte(b.String())
	c := Check(src)
	if len(c.Footnotes) != extra {
		t.Fatalf("%d footnotes reported, want %d: %+v", len(c.Footnotes), extra, c.Footnotes)
	}
	// Definition i is on line 3 + 4*i + 2.
	if first := c.Footnotes[0]; first.Line != 3+4*model.MaxFootnotes+2 || first.Col != 1 {
		t.Errorf("first refused footnote at %+v, want line %d", first, 3+4*model.MaxFootnotes+2)
	}
	r := Render(src, nil)
	html := string(r.HTML)
	if got := strings.Count(html, `<li id="fn:`); got != model.MaxFootnotes {
		t.Errorf("%d footnotes rendered, want %d", got, model.MaxFootnotes)
	}
	last := model.MaxFootnotes + extra - 1
	if want := fmt.Sprintf("[^n%d]: 注释%d", last, last); !strings.Contains(r.Text, want) {
		t.Errorf("the last footnote's text %q is not in the page's text", want)
	}
	// A refused definition that continues a paragraph is not read as a
	// link reference definition either, and a line that merely starts
	// like a footnote is not one.
	tail := "\n[a]: /u\n[^x]: 丢不了\n\n见[^x]。\n\n[^1]和[^2]: 不是脚注\n"
	r = Render(append(src[:len(src):len(src)], tail...), nil)
	if !strings.Contains(r.Text, "丢不了") || strings.Contains(string(r.HTML), `href="丢不了"`) {
		t.Errorf("a refused footnote in a paragraph became a link reference definition: %q", r.Text[len(r.Text)-200:])
	}
	if c := Check(append(src[:len(src):len(src)], tail...)); len(c.Footnotes) != extra+1 {
		t.Errorf("%d refused footnotes reported, want %d (the line that is no footnote left out)", len(c.Footnotes), extra+1)
	}
	// Up to the limit nothing is reported.
	if c := Check([]byte("文[^a]\n\n[^a]: 注\n")); len(c.Footnotes) != 0 {
		t.Errorf("one footnote reported: %+v", c.Footnotes)
	}
}

// BenchmarkPathological parses bodies of 64 KB and 1 MB shaped to hit the
// parser's worst cases; ns/byte should stay roughly flat:
//
//	go test ./generator/markdown -run XXX -bench Pathological
func BenchmarkPathological(b *testing.B) {
	for _, unit := range []string{"> ", "- ", "[^a]: ", "[", "[a](", "![a](", "[a](<", "_a", "~~a", "a\n", "[a]: b\n"} {
		for _, n := range []int{64 << 10, 1 << 20} {
			src := []byte(strings.Repeat(unit, n/len(unit)))
			b.Run(fmt.Sprintf("%q/%d", unit, n), func(b *testing.B) {
				for range b.N {
					Blocks(src)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/byte")
			})
		}
	}
}

// BenchmarkDenseParagraphs renders 1 MB of paragraphs under the length
// limit made of unclosed links ("[a](", "![a](", "[a](<"), each of which
// goldmark would read to the end of its line: ns/byte should stay near
// BenchmarkPathological's (about 3,700 ns/byte before dense blocks were
// kept as plain text).
//
//	go test ./generator/markdown -run XXX -bench DenseParagraphs
func BenchmarkDenseParagraphs(b *testing.B) {
	for _, unit := range []string{"[a](", "![a](", "[a](<"} {
		para := strings.Repeat(unit, 16000/len(unit))
		src := []byte(strings.Repeat(para+"\n\n", (1<<20)/(len(para)+2)))
		b.Run(fmt.Sprintf("%q", unit), func(b *testing.B) {
			for range b.N {
				Render(src, nil)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
		})
	}
}
