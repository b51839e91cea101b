package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

// The public view seen from the site: a public page never links to or
// names a restricted document (the whole-output scan is TestNoLeak).

// editFile changes a file of a test site, failing when old is not in it.
func editFile(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// siteOutputs loads, checks and builds the site pages of dir; it returns
// the files and the diagnostics of check and build.
func siteOutputs(t *testing.T, dir string) (map[string][]byte, diag.List) {
	t.Helper()
	site, diags, err := build.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	diags.Append(site.Check(asOf))
	if diags.Errors() > 0 {
		t.Fatalf("content has errors: %+v", diags)
	}
	m, _ := site.Assess(asOf)
	cat, err := i18n.Load(site.ThemeFS, site.Project.Hospital.Lang())
	if err != nil {
		t.Fatal(err)
	}
	files, od, err := site.Outputs(m, asOf, cat, []string{"site"})
	if err != nil {
		t.Fatal(err)
	}
	diags.Append(od)
	return files, diags
}

// TestLinksToInternalDocument: a public document links to an internal one
// with a bare id in every spelling a browser would follow, and with doc:;
// a public record names it in a reference field. Check warns about every
// link alike (link.restricted, at the link's "["), and no page of the site
// links to the internal document or names its id; the record shows "an
// internal document" instead of its title. (The link's own words stay: the
// warning asks the author to check them.)
func TestLinksToInternalDocument(t *testing.T) {
	dir := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	const internal = "reg-backup"
	const title = "数据备份管理制度"
	editFile(t, dir, "content/regulations/reg-backup.md", "owner = \"信息科\"\n", "owner = \"信息科\"\nclassification = \"internal\"\n")
	editFile(t, dir, "content/records/inspections/inspection-2025-09.md", "owner = \"信息科\"\n", "owner = \"信息科\"\nclassification = \"public\"\n")
	body := "\n见[甲](reg-backup)、[乙](doc:reg-backup)、[丙](REG-Backup)、[丁](reg&#45;backup)、[戊](./reg-backup#第一章)、![己](reg-backup)，以及[庚](reg-duty)。\n"
	p := filepath.Join(dir, "content", "regulations", "reg-security.md")
	data, _ := os.ReadFile(p)
	lines := strings.Count(string(data), "\n")
	os.WriteFile(p, append(data, body...), 0o644)
	faq := filepath.Join(dir, "content", "faq", "faq-common.md")
	data, _ = os.ReadFile(faq)
	os.WriteFile(faq, append(data, "\n## 备份数据放在哪里？\n\n见[备份的规定](reg-backup)。\n"...), 0o644)

	files, diags := siteOutputs(t, dir)

	var cols []int
	faqWarned := false
	for _, d := range diags {
		if d.Code != "link.restricted" {
			continue
		}
		if d.Severity != diag.Warning || len(d.Args) != 1 || d.Args[0] != internal {
			t.Errorf("want a warning naming %s: %+v", internal, d)
		}
		switch d.Pos.File {
		case "content/regulations/reg-security.md":
			if d.Pos.Line != lines+2 {
				t.Errorf("warning on line %d, want %d", d.Pos.Line, lines+2)
			}
			cols = append(cols, d.Pos.Col)
		case "content/faq/faq-common.md":
			faqWarned = true
		default:
			t.Errorf("unexpected warning %+v", d)
		}
	}
	if want := []int{2, 18, 38, 54, 74, 96}; !equalInts(cols, want) {
		t.Errorf("warnings at columns %v, want %v (each link's \"[\" or \"!\")", cols, want)
	}
	if !faqWarned {
		t.Error("no warning for the FAQ's link")
	}

	if _, ok := files["site/docs/"+internal+".html"]; ok {
		t.Fatal("the internal document has a page")
	}
	idRE := regexp.MustCompile(`(?i)reg(-|&#45;|%2d)backup`)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".js") && !strings.HasSuffix(name, ".json") {
			continue
		}
		if loc := idRE.FindIndex(data); loc != nil {
			t.Errorf("%s names the internal document: …%s…", name, data[max(0, loc[0]-80):min(len(data), loc[1]+20)])
		}
	}
	page := string(files["site/docs/reg-security.html"])
	for _, w := range []string{"见甲、乙、丙、丁、戊、己，以及", `href="../docs/reg-duty.html"`} {
		if !strings.Contains(page, w) {
			t.Errorf("the public page lacks %s", w)
		}
	}
	if faqPage := string(files["site/faq/index.html"]); !strings.Contains(faqPage, "见备份的规定。") {
		t.Error("the FAQ answer lost its words")
	}
	record := string(files["site/docs/inspection-2025-09.html"])
	if !strings.Contains(record, "一份内部文件") || strings.Contains(record, title) {
		t.Error("the public record should show 一份内部文件 for the internal regulation, not its title")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
