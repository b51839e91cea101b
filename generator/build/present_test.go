package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/i18n"
	"guifan/generator/model"
)

// TestOnePresenter renders one document through the site, its PDF and the
// workbook: a money value and a date print identically in all three (the
// PDF's text is compared without the spaces its lines put in).
func TestOnePresenter(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	plan := filepath.Join(dir, "content", "plans", "plan-2026.md")
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "budget = 96000\n", "budget = 6800000\n", 1)
	if text == string(data) {
		t.Fatal("plan-2026.md has no budget = 96000")
	}
	os.WriteFile(plan, []byte(text), 0o644)
	s, diags, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	diags.Append(s.Check(asOf))
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	m, _ := s.Assess(asOf)
	for _, lang := range []string{"zh-CN", "en"} {
		cat, err := i18n.Load(s.ThemeFS, lang)
		if err != nil {
			t.Fatal(err)
		}
		files, od, err := s.Outputs(m, asOf, cat, []string{"site", "pdf", "excel"})
		if err != nil || od.Errors() > 0 {
			t.Fatal(err, od)
		}
		d := s.Project.Doc("plan-2026")
		money := map[string]string{"zh-CN": "680 万元", "en": "6,800,000 yuan"}[lang]
		eff := d.Control.Effective
		date := map[string]string{"zh-CN": "%d年%d月%d日", "en": "%d-%02d-%02d"}[lang]
		wantDate := fmt.Sprintf(date, eff.Year, int(eff.Month), eff.Day)
		page := string(files["site/docs/plan-2026.html"])
		pdfText := pdfText(t, files["site/pdf/docs/plan-2026.pdf"])
		book := xlsxText(t, "workbook", files["site/excel/audit-checklist.xlsx"])
		for _, want := range []string{money, wantDate} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the site page lacks %q", lang, want)
			}
			if !strings.Contains(pdfText, strings.Join(strings.Fields(want), "")) {
				t.Errorf("%s: the PDF lacks %q", lang, want)
			}
		}
		if !strings.Contains(book, money) {
			t.Errorf("%s: the workbook lacks %q", lang, money)
		}
		// The checklist's title names the assessment date as readers read it.
		title := cat.T("excel.checklist-title", s.Project.Hospital.Name, m.Framework.Title, fmt.Sprintf(date, asOf.Year, int(asOf.Month), asOf.Day))
		if !strings.Contains(book, title) {
			t.Errorf("%s: the workbook lacks the title %q", lang, title)
		}
		if strings.Contains(page, "6800000") || strings.Contains(pdfText, "6800000") || strings.Contains(book, ">6800000<") {
			t.Errorf("%s: an output prints the raw number 6800000", lang)
		}
	}
}

// copySiteDir copies a site folder into a temporary folder.
func copySiteDir(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
