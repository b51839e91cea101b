package site

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"guifan/generator/markdown"
)

// TestFastPartsSameAsTemplates: the control box, the field list and the
// data tables that fast.go writes are byte for byte what doc.html's
// templates write, for text that html/template escapes (quotes, +, <, &,
// NUL, invalid bytes), dates, hints, links plain and not.
func TestFastPartsSameAsTemplates(t *testing.T) {
	t.Parallel()
	w := &writer{in: Input{Theme: os.DirFS("../../themes/default")}}
	w.t = func(key string, _ ...any) string { return key }
	if err := w.loadTemplates(); err != nil {
		t.Fatal(err)
	}
	odd := []string{"", "纯文本", `a "引号" & <b>粗</b> 'x' 1+1`, "空\x00字节", "\xff\xfe无效", "2026-03-01 至 2026年3月1日", "“全角”＋＜＞", "\u2028 \t\n换行"}
	var view docView
	for i, s := range odd {
		view.Control = append(view.Control, kv{Label: s + "标签", Value: s})
		f := kv{Label: s, Value: s, Hint: odd[(i+1)%len(odd)]}
		switch i % 3 {
		case 1:
			f.Href = "../docs/" + "%E6%95%B0-a_b.c~.html#x"
		case 2:
			f.Href = "../docs/a&b+c.html?q='1'"
		}
		if i == 4 {
			f.Href = "../x%4"
		}
		if i == 7 {
			f.Href = "../x%zz/%41"
		}
		view.Fields = append(view.Fields, f)
		view.Tables = append(view.Tables, table{Title: s, Columns: odd[:i+1], Hints: odd[i:], Rows: [][]string{odd, {s}, nil}})
	}
	view.Tables = append(view.Tables, table{Title: "无提示", Columns: []string{"a", "b"}, Rows: [][]string{{"1", "2"}}})
	view.Contents = []tocItem{{Heading: markdown.Heading{Level: 2, Text: "一、总则", ID: "一总则"}}}
	for i, s := range odd {
		it := tocItem{Heading: markdown.Heading{Level: 2 + i%2, Text: s, ID: s + "#%41 /?&=+!'()" + odd[(i+3)%len(odd)]}, Own: i%2 == 0}
		it.Children = []tocItem{{Heading: markdown.Heading{Level: 3, Text: s + "子", ID: "a-b_c.d~e"}, Children: []tocItem{{Heading: markdown.Heading{Level: 4, ID: s}}}}}
		view.Contents = append(view.Contents, it)
	}
	render := func(v docView, slow bool) string {
		w.slowParts = slow
		var b bytes.Buffer
		pg := page{Site: &siteData{}, Path: "docs/x.html", Title: "T", Data: v, layout: "doc"}
		if err := w.tmpl["doc"].ExecuteTemplate(&b, "main", pg); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, v := range []docView{view, {}, {Control: view.Control[:1]}, {Fields: view.Fields[:1], TablesFirst: true, Tables: view.Tables[2:3]}, {Fields: view.Fields[4:5]}, {Contents: view.Contents[3:]}} {
		fast, slow := render(v, false), render(v, true)
		if fast != slow {
			t.Errorf("fast parts differ from the templates:\n%s\n----- want\n%s", fast, slow)
		}
		if len(v.Tables) > 0 && !strings.Contains(slow, `<section class="data-table">`) {
			t.Fatalf("no table written:\n%s", slow)
		}
		if len(v.Contents) > 0 && strings.Count(slow, `<li class="toc-`) < 2*len(v.Contents) {
			t.Fatalf("no contents written:\n%s", slow)
		}
	}
	if !strings.Contains(render(view, false), "&#34;引号&#34; &amp; &lt;b&gt;") {
		t.Fatal("the odd text was not escaped")
	}
}
