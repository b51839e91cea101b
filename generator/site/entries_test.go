package site_test

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guifan/generator/site"
)

// TestEntryAnchorsStable: an FAQ question's anchor comes from its words
// and its document, not its place: it stays when questions are added,
// removed or moved; a question asked twice gets its own; two documents'
// anchors never meet; anchors hold no space, quote or markup.
func TestEntryAnchorsStable(t *testing.T) {
	t.Parallel()
	qs := []string{"忘记 HIS 密码怎么办？", "账号被锁定了怎么办？", "密码有什么要求，多久要改一次？"}
	before := site.EntryAnchors("faq-accounts", qs)
	moved := site.EntryAnchors("faq-accounts", []string{"新问题：UKey 丢了？", qs[2], qs[0]})
	if moved[1] != before[2] || moved[2] != before[0] {
		t.Errorf("anchors moved with their questions: %v then %v", before, moved)
	}
	if before[0] != "faq-accounts--忘记-his-密码怎么办" {
		t.Errorf("anchor %q", before[0])
	}
	dup := site.EntryAnchors("faq", []string{"其他？", "其他？", "其他"})
	if dup[0] == dup[1] || dup[1] == dup[2] || dup[0] == dup[2] {
		t.Errorf("repeated questions share an anchor: %v", dup)
	}
	// doc "a-b" asking "c" and doc "a" asking "b-c".
	if site.EntryAnchor("a-b", "c") == site.EntryAnchor("a", "b-c") {
		t.Error("two documents' anchors meet")
	}
	safe := regexp.MustCompile(`^[\p{L}\p{N}-]+$`)
	for _, q := range []string{`<script>"x" & 'y'</script>`, "  ", "#?/", "1. 一、总则"} {
		if a := site.EntryAnchor("faq-x", q); !safe.MatchString(a) {
			t.Errorf("anchor of %q is %q", q, a)
		}
	}
}

// TestFAQQuestionList: the FAQ page lists every question at the top,
// linking the question's anchor, and the anchor is the question's own.
func TestFAQQuestionList(t *testing.T) {
	out := buildDemo(t)
	b, err := os.ReadFile(filepath.Join(out, "site", "faq", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	toc, _, ok := strings.Cut(page, `<section class="faq-category"`)
	if !ok {
		t.Fatal("faq/index.html has no category")
	}
	heads := regexp.MustCompile(`<h3 id="([^"]+)">([^<]+)</h3>`).FindAllStringSubmatch(page, -1)
	if len(heads) < 30 {
		t.Fatalf("only %d questions", len(heads))
	}
	listed := map[string]string{} // anchor -> question, as the list links them
	for _, m := range regexp.MustCompile(`<li><a href="#([^"]+)">([^<]+)</a></li>`).FindAllStringSubmatch(toc, -1) {
		a, err := url.PathUnescape(m[1])
		if err != nil {
			t.Fatal(err)
		}
		listed[a] = m[2]
	}
	for _, h := range heads {
		if listed[h[1]] != h[2] {
			t.Errorf("the question list does not link %q to #%s (%q)", h[2], h[1], listed[h[1]])
		}
		if !strings.Contains(h[1], "--") {
			t.Errorf("anchor %q is not made from its question", h[1])
		}
	}
}
