package schema_test

import (
	"fmt"
	"regexp"
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
