package content

import (
	"testing"

	"guifan/generator/diag"
)

func TestMisfiled(t *testing.T) {
	set := builtin(t)
	cases := []struct {
		path, front, body string
		want              string // the type it looks like; "" when nothing is said
		key               string
	}{
		{"content/faq/reg.md", "title = \"数据备份制度\"\nkind = \"backup\"\nstatus = \"in_force\"", "# 数据备份制度\n\n## 备份策略\n", "regulation", "kind"},
		{"content/regulations/proc.md", "title = \"数据库操作规程\"\nkind = \"database\"\nobjects = [\"HIS\"]\ntime_limit = \"30 分钟\"", "", "procedure", "kind"},
		{"content/procedures/reg.md", "title = \"网络管理制度\"\nkind = \"network\"", "", "regulation", "kind"},
		{"content/records/reviews/t.md", "title = \"培训\"\ndate = 2026-01-01\ntopic = \"x\"\ntrainer = \"y\"\nattendees = 3", "", "training-record", "attendees"},
		// A typo is a typo: no other type knows the key.
		{"content/faq/a.md", "title = \"常见问题\"\ncategroy = \"终端\"", "", "", ""},
		// A regulation with a kind it does not have: no type fits better.
		{"content/regulations/r.md", "title = \"制度\"\nkind = \"backups\"", "", "", ""},
		// Common fields only: nothing to go by.
		{"content/faq/b.md", "title = \"常见问题\"\nstatus = \"draft\"", "", "", ""},
		// The right folder.
		{"content/regulations/ok.md", "title = \"数据备份制度\"\nkind = \"backup\"", "", "", ""},
	}
	for _, c := range cases {
		doc, _, ds := Parse(c.path, "markdown", []byte("+++\n"+c.front+"\n+++\n"+c.body))
		if doc == nil {
			t.Fatalf("%s: %v", c.path, ds)
		}
		var diags diag.List
		resolveType(doc, set, &diags)
		var got, key string
		for _, d := range diags {
			if d.Code == "type.misfiled" {
				got = d.Args[1].(string)
				key = doc.Source.Line(d.Pos.Line)
			}
		}
		if got != c.want {
			t.Errorf("%s: looks like %q, want %q (%v)", c.path, got, c.want, diags)
			continue
		}
		if c.want == "" {
			if doc.Type == "" {
				t.Errorf("%s: type cleared although nothing was said", c.path)
			}
			continue
		}
		if doc.Type != "" {
			t.Errorf("%s: still typed %q; a misfiled document is not assessed as its folder's type", c.path, doc.Type)
		}
		if want := c.key + " = "; len(key) < len(want) || key[:len(want)] != want {
			t.Errorf("%s: reported at %q, want the line of %s", c.path, key, c.key)
		}
	}
}
