package search

import (
	"strings"
	"testing"
	"unicode"
)

// TestMatcherCountsAsStringsCount: the one-pass count of the synonyms'
// words is strings.Count of each, overlapping repeats, words that start
// another, short words, invalid bytes and the text's edges included.
func TestMatcherCountsAsStringsCount(t *testing.T) {
	t.Parallel()
	groups := []group{
		{words: []string{"ups", "不间断电源", "电源"}},
		{words: []string{"aa", "a", "aaa", "电源"}},
		{words: []string{"\xff\xfe", "断电", ""}},
	}
	m := newMatcher(groups)
	texts := []string{"", "a", "aaaaa", "ups不间断电源ups", "不间断电源电源 断电 aaa\xff\xfe\xff", "电源", "xups"}
	checked := 0
	for _, text := range texts {
		got := m.count([]byte(text))
		for wi, w := range m.words {
			if want := strings.Count(text, w); got[wi] != want {
				t.Errorf("count(%q) of %q = %d, want %d", text, w, got[wi], want)
			}
			checked++
		}
	}
	if checked != len(texts)*10 {
		t.Fatalf("checked %d counts", checked)
	}
}

// TestCaseless: no character lower's fast path skips has a lower case,
// and lower is strings.ToLower on text of every kind.
func TestCaseless(t *testing.T) {
	t.Parallel()
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if caseless(r) {
			n++
			if unicode.ToLower(r) != r {
				t.Fatalf("%U has a lower case", r)
			}
		}
	}
	if n < 0x7000 {
		t.Fatalf("only %d caseless characters", n)
	}
	for _, s := range []string{"", "abc", "ABC", "数据备份", "数据UPS备份", "ÄÖÜ 数据", "数据 \xff\xfe", "数据\ufffd", "ǅ", "Ｕｐｓ", "ΣΑΣ"} {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
	}
}
