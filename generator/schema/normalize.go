package schema

import (
	"sort"
	"strings"
	"unicode"
)

// Normalize folds text for matching words against headings and values:
// full-width ASCII becomes half-width, letters are lower-cased, and spaces
// and common punctuation around words are dropped, so "ＵＰＳ 操作规程",
// "UPS操作规程" and "ups 操作规程" compare equal.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		if unicode.IsSpace(r) || r == '\uFEFF' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// MatchAny reports whether text contains one of words after normalisation.
func MatchAny(text string, words []string) bool {
	n := Normalize(text)
	for _, w := range words {
		if w := Normalize(w); w != "" && strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
