package validate_test

import (
	"strings"
	"testing"

	"guifan/generator/content"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/validate"
	"guifan/schemas"
)

func parse(t *testing.T, set *schema.Set, files [][2]string) []*model.Document {
	t.Helper()
	var out []*model.Document
	for _, f := range files {
		d, _, diags := content.Parse(f[0], "markdown", []byte(f[1]))
		if d == nil || diags.Errors() > 0 {
			t.Fatalf("%s: %v", f[0], diags)
		}
		d.Type = d.String("type")
		d.Control = content.Control(set, d) // as content.Load fills it
		out = append(out, d)
	}
	return out
}

const answer = "请先重启电脑再试一次，仍然不能解决的请拨打服务台电话 8000，说明科室、电脑编号和故障现象。"

func TestDuplicates(t *testing.T) {
	set, diags := schema.Load(schemas.FS)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	front := func(id, number, status string) string {
		return "+++\ntype = \"faq\"\nid = \"" + id + "\"\ntitle = \"" + id + "\"\nnumber = \"" + number + "\"\nstatus = \"" + status + "\"\n+++\n\n# " + id + "\n\n"
	}
	q := func(text string) string { return "## " + text + "\n\n" + answer + "\n\n" }
	docs := parse(t, set, [][2]string{
		{"content/faq/a.md", front("a", "F-1", "in_force") + q("打印机卡纸怎么办？") + q("密码忘了怎么办？")},
		{"content/faq/b.md", front("b", "F-1", "in_force") + q("网络不通怎么办？")},                   // same number
		{"content/faq/c.md", front("c", "F-3", "in_force") + q("打印机卡纸怎么办?") + q("显示器不亮怎么办？")}, // a question again
		{"content/faq/d.md", front("d", "F-1", "retired") + q("旧问题？")},                        // an old version: not a copy
		{"content/faq/e.md", front("e", "F-5", "draft") + q("密码忘了怎么办？")},                      // a draft: not counted
	})
	got := validate.Check(validate.Input{Schemas: set, Docs: docs})
	var codes []string
	for _, d := range got {
		if strings.HasPrefix(d.Code, "dup.") {
			codes = append(codes, d.Code+" "+d.Pos.File)
		}
	}
	want := []string{"dup.number content/faq/b.md", "dup.question content/faq/c.md"}
	if strings.Join(codes, "; ") != strings.Join(want, "; ") {
		t.Errorf("got %v, want %v", codes, want)
	}
}
