package markdown

import (
	"strings"
	"testing"
)

// A section tag names the section for guifan and never shows: not in the
// HTML, the table of contents, the plain text, the PDF's blocks; the
// heading keeps the anchor its words give.
func TestSectionTagHidden(t *testing.T) {
	src := []byte("# 预案\n\n## 处置步骤 {#activation}\n\n正文。\n\n## 处置步骤\n\n另一节。\n\n## **重要** 事项 {#rules}\n")
	r := Render(src, nil)
	html := string(r.HTML)
	if strings.Contains(html, "activation") || strings.Contains(html, "{#") || strings.Contains(r.Text, "{#") {
		t.Errorf("the tag shows:\n%s\n%s", html, r.Text)
	}
	plain := Render([]byte(strings.NewReplacer(" {#activation}", "", " {#rules}", "").Replace(string(src))), nil)
	if html != string(plain.HTML) {
		t.Errorf("tagged:\n%s\nuntagged:\n%s", html, plain.HTML)
	}
	if !strings.Contains(html, `<h2 id="处置步骤">处置步骤</h2>`) {
		t.Errorf("anchors:\n%s", html)
	}
	if len(r.TOC) != 3 || r.TOC[0].Text != "处置步骤" || r.TOC[0].ID != "处置步骤" || r.TOC[2].Text != "重要 事项" {
		t.Errorf("toc: %+v", r.TOC)
	}
	for _, b := range Blocks(src) {
		for _, s := range b.Spans {
			if strings.Contains(s.Text, "{#") {
				t.Errorf("PDF block shows the tag: %+v", b)
			}
		}
	}
	hs := Headings(src)
	if len(hs) != 4 || hs[1].Text != "处置步骤" || hs[1].Tag != "activation" || hs[2].Tag != "" || hs[3].Tag != "rules" || hs[3].Text != "重要 事项" {
		t.Errorf("headings: %+v", hs)
	}
}
