package site_test

import (
	"os"
	"testing"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

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
