package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/site"
)

// TestPageKindsFromSchema: the FAQ and glossary pages come from the kind
// their schemas declare, not from their names: a hospital that adds its
// own type with an entries page gets that page (in the menu, each entry
// under its anchor), a type with home set is listed on the home page, and
// a site's own layout named after a type (faq.html) still replaces the
// kind's layout for that type only.
func TestPageKindsFromSchema(t *testing.T) {
	dir := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("schemas/types/lessons.toml", `name = "lessons"
label = { zh-CN = "经验教训", en = "Lessons" }
group = { zh-CN = "经验教训", en = "Lessons" }
dir = "lessons"
classification = "public"
order = 85
entries = "headings"
home = { zh-CN = "故障复盘（先读这里）", en = "Post-mortems" }

[page]
kind = "entries"
lede = { zh-CN = "每次故障之后我们学到的。", en = "What each outage taught us." }
`)
	write("content/lessons/outage.md", `+++
id = "lessons-outage"
title = "机房停电复盘"
status = "in_force"
effective = 2026-01-05
approved_by = "信息科科长"
approved_on = 2026-01-04
+++

# 机房停电复盘

## UPS 为什么没有撑住？

电池已过更换周期。

## 下次先做什么？

先切换到备用线路。
`)
	write("layouts/faq.html", `{{define "main"}}<p id="own-faq">{{.Title}}</p>{{end}}`)
	files, _ := siteOutputs(t, dir)
	page := string(files["site/lessons/index.html"])
	for _, want := range []string{
		`<h1 class="page-title">经验教训</h1>`, "每次故障之后我们学到的。",
		`id="` + site.EntryAnchor("lessons-outage", "下次先做什么？") + `">下次先做什么？</h3>`, "先切换到备用线路。",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("lessons/index.html lacks %q", want)
		}
	}
	if got := site.EntryURL("lessons", "lessons-outage", "下次先做什么？"); got != "lessons/index.html#lessons-outage--下次先做什么" {
		t.Errorf("EntryURL %q", got)
	}
	if _, listed := files["site/types/lessons/index.html"]; listed {
		// The list may be written, but the menu points at the page.
		if strings.Contains(page, `href="../types/lessons/index.html"`) {
			t.Error("the menu links the type's list, not its page")
		}
	}
	if !strings.Contains(page, `href="../lessons/index.html"`) {
		t.Error("the menu has no link to the lessons page")
	}
	home := string(files["site/index.html"])
	if !strings.Contains(home, "<h3>故障复盘（先读这里）</h3>") || !strings.Contains(home, `href="docs/lessons-outage.html"`) {
		t.Error("the home page does not list the lessons")
	}
	if faq := string(files["site/faq/index.html"]); !strings.Contains(faq, `<p id="own-faq">常见问题</p>`) {
		t.Error("the site's faq.html did not replace the entries layout for the FAQ")
	}
	if strings.Contains(page, "own-faq") {
		t.Error("faq.html was used for another type")
	}
	if gl := string(files["site/glossary/index.html"]); !strings.Contains(gl, `<dl class="glossary">`) {
		t.Error("the glossary page lost its terms layout")
	}
}
