package model

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// bodyWithoutTitleLines is BodyWithoutTitle as first written, by lines:
// the reference the one-copy version must match.
func bodyWithoutTitleLines(d *Document) []byte {
	if len(d.Headings) == 0 || d.Headings[0].Level != 1 {
		return d.Body
	}
	line := d.Headings[0].Line - d.BodyLine
	lines := strings.SplitAfter(string(d.Body), "\n")
	if line < 0 || line >= len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[line]), "#") {
		return d.Body
	}
	lines[line] = "\n"
	return []byte(strings.Join(lines, ""))
}

// BodyWithoutTitle blanks the title's line exactly as the line-by-line
// version did, over bodies of random lines (titles, text, blank lines,
// no final newline, \r\n) and every title line, in range or not.
func TestBodyWithoutTitleSameAsByLines(t *testing.T) {
	t.Parallel()
	parts := []string{"# 标题\n", "  # 缩进标题\r\n", "正文一行\n", "\n", "## 小节\n", "#", "末行无换行", "\r\n", "#\n", " \n"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 5000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		d := &Document{Body: []byte(b.String()), BodyLine: 3, Headings: []Heading{{Level: 1 + r.IntN(2), Line: 1 + r.IntN(10)}}}
		if n%7 == 0 {
			d.Headings = nil
		}
		got, want := string(d.BodyWithoutTitle()), string(bodyWithoutTitleLines(d))
		if got != want {
			t.Fatalf("body %q, headings %+v: got %q, want %q", d.Body, d.Headings, got, want)
		}
	}
}
