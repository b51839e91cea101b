package schema_test

import (
	"testing"

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
