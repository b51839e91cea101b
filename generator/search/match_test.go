package search

import (
	"strings"
	"testing"
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
		got := m.count(text)
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
