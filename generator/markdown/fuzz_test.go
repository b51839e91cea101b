package markdown

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// unsafeHTML finds what must never reach a page from a document: a script
// element, an event handler attribute or a javascript: address.
var unsafeHTML = regexp.MustCompile(`(?i)<script|<[a-z][^>]*\son[a-z]+\s*=|(href|src)\s*=\s*"\s*(javascript:|vbscript:|data:text)`)

// FuzzMarkdownHTML: any body renders without panic to valid UTF-8 with no
// script, however the author (or an attacker) wrote it; Blocks, Links and
// Check agree to run on it too, and Read finds what Headings and Analyze
// find.
//
//	go test ./generator/markdown -run XXX -fuzz FuzzMarkdownHTML -fuzztime 20s
func FuzzMarkdownHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return // guifan reads only UTF-8: content refuses other files first
		}
		r := Render([]byte(src), func(ref string) (string, bool) {
			if strings.HasPrefix(ref, "a") {
				return "../" + ref + "/index.html", true
			}
			return "", false
		})
		html := string(r.HTML)
		if !utf8.ValidString(html) || !utf8.ValidString(r.Text) {
			t.Fatalf("not UTF-8: %q", html)
		}
		if m := unsafeHTML.FindString(html); m != "" {
			t.Fatalf("%q reached the page:\n%s", m, html)
		}
		for _, h := range append(r.Headings, r.TOC...) {
			if !utf8.ValidString(h.Text) || !utf8.ValidString(h.ID) {
				t.Fatalf("heading not UTF-8: %+v", h)
			}
		}
		Blocks([]byte(src))
		Links([]byte(src))
		Check([]byte(src))
		// The loader's one parse finds what the two parses find.
		if msg := readDiffers([]byte(src)); msg != "" {
			t.Fatal(msg)
		}
	})
}

// fuzzSeeds are FuzzMarkdownHTML's seed bodies.
var fuzzSeeds = []string{
	"# 制度\n\n## 第一章 总则\n\n**规定（重要）**必须执行。见[备份](doc:reg-backup#第二章)。\n",
	"<script>alert(1)</script>\n\n<SCRIPT src=x></SCRIPT>\n",
	"[x](javascript:alert(1)) ![y](javascript:alert(1)) <javascript:alert(1)>\n",
	"<img src=x onerror=alert(1)>\n\n<a href=\"javascript:x\">a</a>\n",
	"```html\n<script>alert(1)</script>\n```\n\n`<script>`\n",
	"| a | <script> |\n|---|---|\n| [x](doc:y) | **b** |\n\n- [ ] 任务\n- [x] 完成\n\n脚注[^1]\n\n[^1]: <script>\n",
	strings.Repeat("> ", 30) + "深\n" + strings.Repeat("- ", 30) + "深\n",
	"&lt;script&gt; &#60;script&#62; \\<script>\n",
}
