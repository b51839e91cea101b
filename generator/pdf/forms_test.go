package pdf_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"guifan/generator/i18n"
)

// TestForms: every blank form has a PDF that passes qpdf, shows its title
// as text and fills the pages it is meant to fill.
func TestForms(t *testing.T) {
	qpdf, pdftotext, pdfinfo := tool(t, "qpdf"), tool(t, "pdftotext"), tool(t, "pdfinfo")
	_, s := demo(t)
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := s.Outputs(m, asOf, cat, []string{"forms"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Forms) < 18 {
		t.Errorf("only %d form definitions, want at least 18", len(s.Forms))
	}
	dir := t.TempDir()
	for id, f := range s.Forms {
		data := files["site/forms/"+id+".pdf"]
		if len(data) == 0 || len(files["site/forms/"+id+".xlsx"]) == 0 {
			t.Errorf("%s: PDF or XLSX missing", id)
			continue
		}
		p := filepath.Join(dir, id+".pdf")
		os.WriteFile(p, data, 0o644)
		run(t, qpdf, "--check", p)
		text := strings.Join(strings.Fields(run(t, pdftotext, "-enc", "UTF-8", p, "-")), "")
		if title := strings.Join(strings.Fields(f.Title["zh-CN"]), ""); !strings.Contains(text, title) {
			t.Errorf("%s: title %q not in the PDF's text", id, title)
		}
		want := max(1, f.Pages)
		for _, line := range strings.Split(run(t, pdfinfo, p), "\n") {
			if strings.HasPrefix(line, "Pages:") {
				n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Pages:")))
				if n != want {
					t.Errorf("%s: %d pages, meant to fill %d", id, n, want)
				}
			}
		}
	}
}
