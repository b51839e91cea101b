package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

// edit changes a file of a test site, failing when old is not in it.
func edit(t *testing.T, dir, file, old, new string) {
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
