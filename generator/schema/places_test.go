package schema_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/schema"
	"guifan/schemas"
)

// TestCheckPlaces: the schema self-check verifies a requirement's also
// list like its own type and filter.
func TestCheckPlaces(t *testing.T) {
	base := fstest.MapFS{}
	for _, p := range []string{"document.toml", "types/regulation.toml", "types/procedure.toml", "types/training-record.toml"} {
		data, err := schemas.FS.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		base[p] = &fstest.MapFile{Data: data}
	}
	head := `id = "x"
title = { en = "X" }
[[chapters]]
number = 1
title = { en = "One" }
[[articles]]
number = 1
chapter = 1
title = { en = "A" }
summary = { en = "A." }
[[articles.requirements]]
id = "1.a"
title = { en = "A" }
`
	sections := "kind = \"sections\"\ntype = \"regulation\"\nwhere = { kind = \"change\" }\nsections = [\"change-window\"]\n"
	cases := map[string]string{
		"":                       sections + `also = [{ type = "regulation", where = { kind = "network" } }, { type = "procedure" }, { type = "training-record", where = { kind = "induction" }, provides = ["change-window"] }]`,
		"schema.unknown-type":    sections + `also = [{ type = "procedures" }]`,
		"schema.bad-value":       sections + `also = [{ type = "regulation", where = { kind = "netwrk" } }]`,
		"schema.unknown-field":   sections + `also = [{ type = "procedure", where = { colour = "red" } }]`,
		"schema.unknown-section": sections + `also = [{ type = "training-record", provides = ["induction"] }]`,
		"schema.missing":         sections + `also = [{ where = { kind = "network" } }]`,
		"schema.bad-param":       "kind = \"doc\"\ntype = \"regulation\"\nalso = [{ type = \"procedure\" }]",
	}
	for code, req := range cases {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["frameworks/x.toml"] = &fstest.MapFile{Data: []byte(head + req + "\n")}
		_, diags := schema.Load(fsys)
		var got []string
		found := false
		for _, d := range diags {
			got = append(got, d.Code)
			found = found || d.Code == code
		}
		if code == "" {
			if len(diags) > 0 {
				t.Errorf("a valid also list is refused: %s", strings.Join(got, ", "))
			}
			continue
		}
		if !found {
			t.Errorf("%s: not reported; got %s", code, strings.Join(got, ", "))
		}
	}
}
