package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/pdf"
)

// TestPDFsWithFontsCutOnce: the demo's PDFs and forms are written with the
// fonts cut once to the characters the build gathered, and the gathering
// misses none (no PDF had to be written again with the whole fonts); the
// downloads page shows the sizes of the PDFs made. Not parallel: it counts
// rewrites, which the package's parallel tests would also make.
func TestPDFsWithFontsCutOnce(t *testing.T) {
	s, diags, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	before := pdf.Rewrites()
	files, _, err := s.Outputs(m, asOf, cat, []string{"site", "pdf", "forms"})
	if err != nil {
		t.Fatal(err)
	}
	if n := pdf.Rewrites() - before; n != 0 {
		t.Errorf("%d PDFs written again with the whole fonts: the build missed characters they draw", n)
	}
	pdfs, forms := 0, 0
	for p, data := range files {
		switch {
		case filepath.Ext(p) != ".pdf":
		case len(data) == 0:
			t.Errorf("%s is empty", p)
		case filepath.Dir(p) == "site/forms":
			forms++
		default:
			pdfs++
		}
	}
	if pdfs < 70 || forms < 18 {
		t.Errorf("%d PDFs and %d forms", pdfs, forms)
	}
	size := regexp.MustCompile(`href="../pdf/all.pdf" download>[^<]*</a> <span class="muted">PDF · (\d+) KB`).FindStringSubmatch(string(files["site/downloads/index.html"]))
	if size == nil {
		t.Fatal("the downloads page does not list all.pdf with its size")
	}
	kb, _ := strconv.Atoi(size[1])
	if want := len(files["site/pdf/all.pdf"]); kb < want/1024-1 || kb > want/1024+1 {
		t.Errorf("downloads page: all.pdf is %d KB, the file %d bytes", kb, want)
	}
}

// BenchmarkDemoPDFs: the demo's PDFs and blank forms (--only pdf,forms),
// from an assessed site to the files in memory.
func BenchmarkDemoPDFs(b *testing.B) {
	s, diags, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil || diags.Errors() > 0 {
		b.Fatal(err, diags)
	}
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.Outputs(m, asOf, cat, []string{"pdf", "forms"}); err != nil {
			b.Fatal(err)
		}
	}
}
