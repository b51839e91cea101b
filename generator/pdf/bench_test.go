package pdf_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"guifan/generator/i18n"
	"guifan/generator/internal/synth"
	"guifan/generator/markdown"
	"guifan/generator/pdf"
	"guifan/themes"
)

func builtinFonts(b testing.TB) (serif, sans []*pdf.Font) {
	song, _ := fs.ReadFile(themes.FS, "default/fonts/gbsn00lp.ttf")
	hei, _ := fs.ReadFile(themes.FS, "default/fonts/wqy-microhei.ttc")
	s, err := pdf.ParseFont("gbsn00lp.ttf", song, 0)
	if err != nil {
		b.Fatal(err)
	}
	h, err := pdf.ParseFont("wqy-microhei.ttc", hei, 0)
	if err != nil {
		b.Fatal(err)
	}
	return []*pdf.Font{s, h}, []*pdf.Font{h, s}
}

var pagesRE = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

func pageCount(data []byte) int {
	if m := pagesRE.FindSubmatch(data); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return strings.Count(string(data), "/Type /Page\n")
}

// synthetic makes n documents of the synthetic corpus, each a few pages.
func synthetic(n int) []pdf.Doc {
	var docs []pdf.Doc
	for _, e := range synth.Entries(n, 7) {
		var blocks []markdown.Block
		paras := strings.Split(strings.TrimSpace(e.Body), "\n")
		for i, p := range paras {
			if i < len(e.Headings) && i%2 == 0 {
				blocks = append(blocks, markdown.Block{Kind: "heading", Level: 2, Spans: []markdown.Span{{Text: e.Headings[i]}}})
			}
			blocks = append(blocks, markdown.Block{Kind: "paragraph", Spans: []markdown.Span{{Text: p}}})
		}
		docs = append(docs, pdf.Doc{ID: e.Doc, Title: e.Title, Number: e.Keywords[0], Version: "1.0",
			Control: [][2]string{{"文件编号", e.Keywords[0]}, {"版本", "1.0"}}, Blocks: blocks})
	}
	return docs
}

// BenchmarkBinder1000Pages typesets a binder of about 1,000 pages from the
// synthetic corpus. Targets: at most 3 s and 5 MB.
func BenchmarkBinder1000Pages(b *testing.B) {
	serif, sans := builtinFonts(b)
	theme, _ := fs.Sub(themes.FS, "default")
	cat, _ := i18n.Load(theme, "zh-CN")
	docs := synthetic(890)
	opt := pdf.Options{Hospital: "北京示范医院", Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Serif: serif, Sans: sans, T: cat.T}
	var data []byte
	b.ResetTimer()
	for range b.N {
		var err error
		data, _, err = pdf.Write(pdf.Binder{Title: "合成语料汇编", Docs: docs, Cover: true}, opt)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pageCount(data)), "pages")
	b.ReportMetric(float64(len(data))/1e6, "MB")
	if dir := os.Getenv("GUIFAN_BENCH_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "synthetic-binder.pdf"), data, 0o644)
	}
}

// benchDocs are the documents of the per-document benchmarks: one PDF per
// synthetic document, as a build writes them.
func benchDocs(b *testing.B) ([]pdf.Doc, pdf.Options) {
	serif, sans := builtinFonts(b)
	theme, _ := fs.Sub(themes.FS, "default")
	cat, _ := i18n.Load(theme, "zh-CN")
	opt := pdf.Options{Hospital: "北京示范医院", Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Serif: serif, Sans: sans, T: cat.T}
	return synthetic(20), opt
}

func benchWriteDocs(b *testing.B, docs []pdf.Doc, opt pdf.Options) {
	b.Helper()
	before := pdf.Rewrites()
	b.ResetTimer()
	for i := range b.N {
		d := docs[i%len(docs)]
		if _, _, err := pdf.Write(pdf.Binder{Title: d.Title, Docs: []pdf.Doc{d}}, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if n := pdf.Rewrites() - before; n != 0 {
		b.Fatalf("%d PDFs written again with whole fonts", n)
	}
}

// BenchmarkWriteDocFontsEachTime writes one document's PDF with the whole
// fonts, which fpdf reads and subsets again for every PDF (how builds
// worked before fonts were cut once per build).
func BenchmarkWriteDocFontsEachTime(b *testing.B) {
	docs, opt := benchDocs(b)
	benchWriteDocs(b, docs, opt)
}

// BenchmarkWriteDocFontsPrepared writes the same PDFs with fonts cut once
// (outside the loop, as a build does) to the characters of all of them.
func BenchmarkWriteDocFontsPrepared(b *testing.B) {
	docs, opt := benchDocs(b)
	// Cut to the characters of 1,000 documents, as a large build would.
	chars := pdf.NewChars()
	chars.AddOptions(opt)
	for _, d := range append(docs, synthetic(1000)...) {
		chars.AddBinder(pdf.Binder{Title: d.Title, Docs: []pdf.Doc{d}}, opt)
	}
	cut := pdf.CutFonts(chars, opt.Serif, opt.Sans)
	opt.Serif, opt.Sans = cut[0], cut[1]
	benchWriteDocs(b, docs, opt)
}

// BenchmarkCutFonts is what a build pays once for BenchmarkWriteDocFontsPrepared:
// cutting both fonts to the characters of 1,000 synthetic documents.
func BenchmarkCutFonts(b *testing.B) {
	_, opt := benchDocs(b)
	chars := pdf.NewChars()
	chars.AddOptions(opt)
	for _, d := range synthetic(1000) {
		chars.AddBinder(pdf.Binder{Title: d.Title, Docs: []pdf.Doc{d}}, opt)
	}
	b.ReportMetric(float64(chars.Len()), "chars")
	b.ResetTimer()
	for range b.N {
		pdf.CutFonts(chars, opt.Serif, opt.Sans)
	}
}
