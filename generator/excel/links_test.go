package excel_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guifan/generator/build"
	"guifan/generator/excel"
	"guifan/generator/i18n"
)

// TestSheetNames: the sheets are named in the site's language, the meta
// sheet records the checklist's name, and a workbook from before (a
// checklist sheet named checklist, no name in the meta sheet) still reads.
func TestSheetNames(t *testing.T) {
	_, cat, data := community(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{cat.T("excel.sheet.checklist"), cat.T("excel.sheet.summary"), cat.T("excel.sheet.evidence"), cat.T("excel.sheet.register"), cat.T("excel.sheet.fields"), "guifan"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if want[0] != checklistName || want[3] != registerName {
		t.Errorf("the tests' names %q, %q are not the catalog's %q, %q", checklistName, registerName, want[0], want[3])
	}
	meta, _, err := excel.Read(data)
	if err != nil || meta.Sheet != checklistName {
		t.Fatalf("meta %+v, %v", meta, err)
	}
	// The same workbook as written before: fixed name, no entry.
	auditRow(t, f, "40.practice", "不满足", "旧清单", 46300.0, "周宏")
	if err := f.SetSheetName(checklistName, "checklist"); err != nil {
		t.Fatal(err)
	}
	metaRows, _ := f.GetRows("guifan")
	for i, r := range metaRows {
		if r[0] == "checklist" {
			f.SetCellStr("guifan", "A"+itoa(i+1), "")
			f.SetCellStr("guifan", "B"+itoa(i+1), "")
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	meta, rows, err := excel.Read(buf.Bytes())
	found := false
	for _, r := range rows {
		found = found || (r.Requirement == "40.practice" && r.Note == "旧清单")
	}
	if err != nil || meta.Sheet != "checklist" || !found {
		t.Errorf("old workbook: meta %+v, rows %+v, %v", meta, rows, err)
	}
	// In English the sheets have English names.
	site, _, _ := build.Load(os.DirFS(filepath.Join("..", "..", "examples", "community-hospital")))
	en, err := i18n.Load(site.ThemeFS, "en")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := site.Assess(asOf)
	files, _, err := site.Outputs(m, asOf, en, []string{"excel"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(files["site/excel/audit-checklist.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	if got := g.GetSheetList(); got[0] != "Checklist" || got[2] != "Evidence" {
		t.Errorf("English sheets %q", got)
	}
}

// TestEvidenceLinked: every document of every requirement's evidence has
// a row of the evidence sheet with its own link, by the site's address
// when hospital.toml gives one; the checklist links a requirement with
// several documents to its first row there.
func TestEvidenceLinked(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", "community-hospital"))); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "hospital.toml")
	raw, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	const base = "http://intranet.example/guifan/"
	if err := os.WriteFile(conf, append([]byte("site_url = \""+base+"\"\n"), raw...), 0o644); err != nil {
		t.Fatal(err)
	}
	site, diags, err := build.Load(os.DirFS(dir))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	cat, _ := i18n.Load(site.ThemeFS, "zh-CN")
	m, _ := site.Assess(asOf)
	files, _, err := site.Outputs(m, asOf, cat, []string{"excel"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files["site/excel/audit-checklist.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	evSheet := cat.T("excel.sheet.evidence")
	ev, _ := f.GetRows(evSheet)
	// Rows of the evidence sheet by requirement title: the documents.
	docsOf := map[string][]string{}
	firstOf := map[string]int{}
	for i := 2; i < len(ev); i++ {
		r := ev[i]
		if len(r) < 6 {
			t.Fatalf("evidence row %d: %q lacks its page or link", i+1, r)
		}
		if _, ok := firstOf[r[1]]; !ok {
			firstOf[r[1]] = i + 1
		}
		docsOf[r[1]] = append(docsOf[r[1]], r[2])
		ok, target, err := f.GetCellHyperLink(evSheet, "F"+itoa(i+1))
		if err != nil || !ok || target != base+r[4] || !strings.HasPrefix(r[4], "docs/") {
			t.Errorf("evidence row %d (%s): link %v %q, page %q", i+1, r[2], ok, target, r[4])
		}
	}
	rows, _ := f.GetRows(checklistName)
	several := 0
	for i := 2; i < len(rows); i++ {
		r := rows[i]
		if len(r) < 8 || r[7] == "" {
			continue
		}
		title := r[4]
		// Each line of the evidence cell names a document with a row of its own.
		for _, line := range strings.Split(r[7], "\n") {
			if strings.HasPrefix(line, "另有") {
				continue
			}
			named := false
			for _, d := range docsOf[title] {
				named = named || strings.HasPrefix(line, d)
			}
			if !named {
				t.Errorf("%s: %q has no row in the evidence sheet (%q)", r[3], line, docsOf[title])
			}
		}
		ok, target, _ := f.GetCellHyperLink(checklistName, "I"+itoa(i+1))
		switch n := len(docsOf[title]); {
		case n > 1:
			several++
			if want := "'" + evSheet + "'!A" + itoa(firstOf[title]); !ok || target != want {
				t.Errorf("%s: %d documents, checklist link %q, want %q", r[3], n, target, want)
			}
		case n == 1:
			if !ok || !strings.HasPrefix(target, base+"docs/") {
				t.Errorf("%s: link %q, want the document's address", r[3], target)
			}
		}
	}
	if several == 0 || len(ev) < 40 {
		t.Errorf("%d requirements with several documents, %d evidence rows: the test checks little", several, len(ev)-2)
	}
}

// TestRowHeights: every row of text in the register, fields and evidence
// sheets is tall enough for its wrapped lines, so that none prints over
// the next (LibreOffice does not grow rows another program wrote).
func TestRowHeights(t *testing.T) {
	_, cat, data := community(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"register", "fields", "evidence"} {
		sh := cat.T("excel.sheet." + key)
		rows, _ := f.GetRows(sh)
		cols, _ := f.GetCols(sh)
		tall := 0
		for i, r := range rows {
			if key == "evidence" && i == 0 {
				continue // the sheet's title, on one line
			}
			lines := 1
			for c, v := range r {
				wd, _ := f.GetColWidth(sh, string(rune('A'+c)))
				n := 0
				for _, line := range strings.Split(v, "\n") {
					width := 0.0
					for _, ch := range line {
						if ch > 0x2E80 {
							width += 2
						} else {
							width += 1.1
						}
					}
					n += int(width/wd) + 1
				}
				lines = max(lines, n)
			}
			h, _ := f.GetRowHeight(sh, i+1)
			if h < float64(lines)*13 {
				t.Errorf("%s row %d: height %v for %d lines", sh, i+1, h, lines)
			}
			if lines > 1 {
				tall++
			}
		}
		if tall == 0 && len(cols) > 0 {
			t.Errorf("%s: no row needs more than one line; the test checks nothing", sh)
		}
	}
}
