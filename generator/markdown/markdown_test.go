package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestHeadings(t *testing.T) {
	src := []byte("# 数据备份制度\n\n正文。\n\n## 第一章 **总则**\n\n```\n# 不是标题\n```\n\n> # 引用里的也不算顶层\n\n职责分工\n--------\n")
	got := Headings(src)
	want := []Heading{
		{Level: 1, Text: "数据备份制度", Line: 1, Col: 1},
		{Level: 2, Text: "第一章 总则", Line: 5, Col: 1},
		{Level: 2, Text: "职责分工", Line: 13, Col: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestRender(t *testing.T) {
	src := []byte("# 制度\n\n## 第一章 总则\n\n**规定（重要）**必须执行。见[备份制度](doc:reg-backup#第二章-职责)和[网络](reg-network)、[旧](doc:nope)。\n\n## 第一章 总则\n\n| 项目 | 周期 |\n|---|---|\n| 日备份 | 每天 |\n\n<script>alert(1)</script>\n")
	r := Render(src, func(ref string) (string, bool) {
		if ref == "nope" {
			return "", false
		}
		id, anchor, _ := strings.Cut(ref, "#")
		href := "../" + id + "/index.html"
		if anchor != "" {
			href += "#" + anchor
		}
		return href, true
	})
	html := string(r.HTML)
	for _, want := range []string{
		`<h2 id="第一章-总则">`, `<h2 id="第一章-总则-2">`,
		`<strong>规定（重要）</strong>必须`,
		`href="../reg-backup/index.html#%E7%AC%AC%E4%BA%8C%E7%AB%A0-%E8%81%8C%E8%B4%A3"`, `、旧。`, `href="../reg-network/index.html"`,
		`<table>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Error("raw HTML passed through")
	}
	if len(r.Broken) != 1 || r.Broken[0].Ref != "nope" || r.Broken[0].Line != 5 {
		t.Errorf("broken links %+v, want nope on line 5", r.Broken)
	}
	if len(r.TOC) != 2 || r.TOC[1].ID != "第一章-总则-2" {
		t.Errorf("toc %+v", r.TOC)
	}
}
