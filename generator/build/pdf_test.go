package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/i18n"
)

// TestMissingGlyphIsAWarning: a character no font has (here one above
// U+FFFF, which the PDF library cannot even encode) gives a warning at its
// file and line, and the PDFs are still made.
func TestMissingGlyphIsAWarning(t *testing.T) {
	dir := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	doc := filepath.Join(dir, "content", "faq", "faq-common.md")
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(doc, []byte(string(data)+"\n生僻字𠀀的写法。\n"), 0o644)
	site, diags, err := build.Load(os.DirFS(dir))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	m, _ := site.Assess(asOf)
	cat, _ := i18n.Load(site.ThemeFS, "zh-CN")
	files, od, err := site.Outputs(m, asOf, cat, []string{"pdf"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	lines := strings.Count(string(data), "\n") + 2
	for _, d := range od {
		if d.Code == "pdf.missing-glyph" && d.Pos.File == "content/faq/faq-common.md" && d.Pos.Line == lines {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning at content/faq/faq-common.md:%d; got %+v", lines, od)
	}
	if len(files["site/pdf/docs/faq-common.pdf"]) == 0 {
		t.Error("the PDF was not made")
	}
}

// copySite copies a site into a temporary folder the test may change.
var copySite = build.CopySite
