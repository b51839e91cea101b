package validate_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"guifan/generator/content"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/validate"
	"guifan/schemas"
)

// TestControl: validate reads the document control the loader filled,
// aliases resolved (a draft written 草稿 is a draft), and the one
// lifecycle rule (a document whose retired_on has come is retired).
func TestControl(t *testing.T) {
	t.Parallel()
	set, diags := schema.Load(schemas.FS)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		// An empty draft, its status an alias: no "body.empty".
		"content/regulations/a.md": file("+++\ntitle = \"甲\"\nkind = \"backup\"\nstatus = \"草稿\"\n+++\n"),
		// In force (alias) without approval or effective date.
		"content/regulations/b.md": file("+++\ntitle = \"乙\"\nkind = \"backup\"\nstatus = \"现行\"\n+++\n# 乙\n\n## 总则\n\n待补充\n"),
		// In force, approved, effective later, review overdue.
		"content/regulations/c.md": file("+++\ntitle = \"丙\"\nkind = \"backup\"\nstatus = \"in_force\"\napproved_by = \"院长办公会\"\napproved_on = 2026-01-01\n" +
			"effective = 2027-01-01\nreview_by = 2026-06-01\n+++\n# 丙\n"),
		// Retired by date: its placeholders are not worth a warning.
		"content/regulations/d.md": file("+++\ntitle = \"丁\"\nkind = \"backup\"\nstatus = \"in_force\"\napproved_by = \"院长办公会\"\napproved_on = 2020-01-01\n" +
			"effective = 2020-02-01\nretired_on = 2026-01-01\n+++\n# 丁\n\n## 总则\n\n待补充\n"),
	}
	docs, _, _ := content.Load(fsys, set)
	asOf, _ := model.ParseDate("2026-11-25")
	got := map[string][]string{}
	for _, d := range validate.Check(validate.Input{Schemas: set, Docs: docs, AsOf: asOf}) {
		got[d.Pos.File] = append(got[d.Pos.File], d.Code)
	}
	has := func(file, code string) bool { return slices.Contains(got["content/regulations/"+file], code) }
	for _, c := range []struct {
		file, code string
		want       bool
	}{
		{"a.md", "body.empty", false},
		{"b.md", "approval.missing", true},
		{"b.md", "effective.missing", true},
		{"b.md", "section.placeholder", true},
		{"c.md", "effective.future", true},
		{"c.md", "review.overdue", true},
		{"c.md", "approval.missing", false},
		{"d.md", "section.placeholder", false},
	} {
		if has(c.file, c.code) != c.want {
			t.Errorf("%s: %s reported %v, want %v (all: %v)", c.file, c.code, !c.want, c.want, got["content/regulations/"+c.file])
		}
	}
}
