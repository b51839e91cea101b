package schema_test

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/schema"
	"guifan/schemas"
)

func load(t *testing.T) *schema.Set {
	t.Helper()
	s, diags := schema.Load(schemas.FS)
	for _, d := range diags {
		t.Errorf("%s:%d:%d: %s %v", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Code, d.Args)
	}
	return s
}

func TestBuiltinSchemasLoadClean(t *testing.T) {
	s := load(t)
	if len(s.Types) < 15 {
		t.Errorf("got %d document types, want at least 15", len(s.Types))
	}
	if s.Frameworks["beijing-2008"] == nil {
		t.Fatalf("framework beijing-2008 missing; have %v", s.FrameworkIDs())
	}
}

// TestTypeDirStaysInContent: a document type's dir is a folder under
// content/ that guifan new writes into, so one that would leave content/
// (or is not a plain relative path) is refused where it is written, not
// met later as an internal error of guifan new.
func TestTypeDirStaysInContent(t *testing.T) {
	reg, err := schemas.FS.ReadFile("types/regulation.toml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := schemas.FS.ReadFile("document.toml")
	if err != nil {
		t.Fatal(err)
	}
	dirOf := regexp.MustCompile(`(?m)^dir = .*$`)
	for dir, bad := range map[string]bool{
		"regulations": false, "records/drills": false,
		"..": true, ".": true, "../../etc": true, "/tmp": true, "a//b": true,
		"a/": true, `a\\b`: true, "a/../b": true, "": false,
	} {
		data := dirOf.ReplaceAll(reg, []byte(fmt.Sprintf("dir = %q", dir)))
		_, diags := schema.Load(fstest.MapFS{
			"document.toml":         &fstest.MapFile{Data: doc},
			"types/regulation.toml": &fstest.MapFile{Data: data},
		})
		found := false
		for _, d := range diags {
			if d.Code == "schema.dir" {
				found = true
			}
		}
		if found != bad {
			t.Errorf("dir %q: schema.dir reported %v, want %v (%v)", dir, found, bad, diags)
		}
	}
}

// A column naming rows of another document's table (rows_of) is checked
// against the schemas: its ref field, the table and both columns must
// exist, each reported where it is written.
func TestRowsOfChecked(t *testing.T) {
	t.Parallel()
	if c := load(t).Types["annual-plan"].Field("projects"); c == nil || c.Columns[5].RowsOf == nil {
		t.Fatal("the annual plan's tasks column does not name the five-year plan's tasks")
	}
	annual, err := schemas.FS.ReadFile("types/annual-plan.toml")
	if err != nil {
		t.Fatal(err)
	}
	good := `rows_of = { ref = "five_year_plan", table = "tasks", key = "id", name = "name" }`
	if !strings.Contains(string(annual), good) {
		t.Fatal("annual-plan.toml no longer has the rows_of this test breaks")
	}
	line := strings.Count(string(annual[:strings.Index(string(annual), good)]), "\n") + 1
	for _, c := range []struct{ bad, arg string }{
		{`rows_of = { ref = "year", table = "tasks", key = "id", name = "name" }`, "rows_of.ref"},
		{`rows_of = { ref = "five_year_plan", table = "taskz", key = "id", name = "name" }`, "rows_of.table"},
		{`rows_of = { ref = "five_year_plan", table = "tasks", key = "code", name = "name" }`, "rows_of.key"},
		{`rows_of = { ref = "five_year_plan", table = "tasks", key = "id", name = "title" }`, "rows_of.name"},
	} {
		fsys := fstest.MapFS{}
		err := fs.WalkDir(schemas.FS, ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := schemas.FS.ReadFile(p)
			if p == "types/annual-plan.toml" {
				data = []byte(strings.Replace(string(data), good, c.bad, 1))
			}
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, diags := schema.Load(fsys)
		found := false
		for _, d := range diags {
			if d.Code == "schema.bad-ref" && len(d.Args) > 0 && d.Args[0] == c.arg {
				found = true
				if !strings.HasSuffix(d.Pos.File, "types/annual-plan.toml") || d.Pos.Line != line {
					t.Errorf("%s reported at %s:%d", c.arg, d.Pos.File, d.Pos.Line)
				}
			}
		}
		if !found {
			t.Errorf("%s: no schema.bad-ref for %s; got %v", c.bad, c.arg, diags)
		}
	}
}
