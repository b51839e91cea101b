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
