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
	// Each case rewrites annual-plan.toml's good rows_of (and, with from,
	// another line) and names the problem it must report: the code and
	// its first argument.
	for _, c := range []struct{ bad, from, to, code, arg string }{
		{bad: `rows_of = { ref = "year", table = "tasks", key = "id", name = "name" }`, code: "schema.bad-ref", arg: "rows_of.ref"},
		{bad: `rows_of = { ref = "projects.name", table = "tasks", key = "id", name = "name" }`, code: "schema.bad-ref", arg: "rows_of.ref"},
		{bad: `rows_of = { ref = "five_year_plan", table = "taskz", key = "id", name = "name" }`, code: "schema.bad-ref", arg: "rows_of.table"},
		{bad: `rows_of = { ref = "five_year_plan", table = "tasks", key = "code", name = "name" }`, code: "schema.bad-ref", arg: "rows_of.key"},
		{bad: `rows_of = { ref = "five_year_plan", table = "tasks", key = "id", name = "title" }`, code: "schema.bad-ref", arg: "rows_of.name"},
		// The revisions table's date column is a date, not a string.
		{bad: `rows_of = { ref = "five_year_plan", table = "revisions", key = "date", name = "approved_by" }`, code: "schema.bad-ref", arg: "rows_of.key"},
		// Only string and list columns; never a top-level field.
		{bad: "", from: `{ name = "budget", type = "money", min = 0,`, to: `{ name = "budget", type = "money", ` + good + `, min = 0,`, code: "schema.bad-param", arg: "rows_of"},
		{bad: "", from: `name = "medical_revenue"`, to: "name = \"medical_revenue\"\n" + good, code: "schema.bad-param", arg: "rows_of"},
	} {
		fsys := fstest.MapFS{}
		err := fs.WalkDir(schemas.FS, ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := schemas.FS.ReadFile(p)
			if p == "types/annual-plan.toml" {
				text := string(data)
				if c.bad != "" {
					text = strings.Replace(text, good, c.bad, 1)
				} else if !strings.Contains(text, c.from) {
					t.Fatalf("annual-plan.toml has no %s", c.from)
				}
				data = []byte(strings.Replace(text, c.from, c.to, 1))
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
			if d.Code == c.code && len(d.Args) > 0 && d.Args[0] == c.arg {
				found = true
				if !strings.HasSuffix(d.Pos.File, "types/annual-plan.toml") || c.bad != "" && d.Pos.Line != line || d.Pos.Line == 0 {
					t.Errorf("%s reported at %s:%d", c.arg, d.Pos.File, d.Pos.Line)
				}
			}
		}
		if !found {
			t.Errorf("%s%s: no %s for %s; got %v", c.bad, c.to, c.code, c.arg, diags)
		}
	}
}
