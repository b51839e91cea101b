package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/model"
)

var asOf = model.Date{Year: 2026, Month: 11, Day: 25}

func check(t *testing.T, dir string) (*build.Site, diag.List) {
	t.Helper()
	site, diags, err := build.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	diags.Append(site.Check(asOf))
	return site, diags
}

// TestDemoHospital checks the demo hospital at the repository root: no
// errors or warnings, at least 70 documents, every document type used.
func TestDemoHospital(t *testing.T) {
	site, diags := check(t, filepath.Join("..", ".."))
	for _, d := range diags {
		t.Errorf("%s:%d:%d: %s %v", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Code, d.Args)
	}
	if n := len(site.Project.Docs); n < 70 {
		t.Errorf("the demo hospital has %d documents, want at least 70", n)
	}
	used := map[string]int{}
	for _, d := range site.Project.Docs {
		used[d.Type]++
	}
	for _, name := range site.Schemas.TypeNames() {
		if used[name] == 0 {
			t.Errorf("no document of type %s in the demo hospital", name)
		}
	}
}

// TestExamples checks every example site: no errors.
func TestExamples(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*", "hospital.toml"))
	if len(dirs) == 0 {
		t.Fatal("no example sites")
	}
	for _, h := range dirs {
		dir := filepath.Dir(h)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, diags := check(t, dir)
			for _, d := range diags {
				if d.Severity == diag.Error {
					t.Errorf("%s:%d:%d: %s %v", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Code, d.Args)
				}
			}
		})
	}
}
