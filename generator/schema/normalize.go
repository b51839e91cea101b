package schema

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds text for matching words against headings and values:
// full-width ASCII becomes half-width, letters are lower-cased, and spaces
// and common punctuation around words are dropped, so "ＵＰＳ 操作规程",
// "UPS操作规程" and "ups 操作规程" compare equal.
//
// Text that is already folded (most Chinese text, lower-case words) is
// returned as it is, without a copy.
func Normalize(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiChanges[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if foldChanges(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			case asciiSpace[c]:
			default:
				b.WriteByte(c)
			}
			continue
		}
		if r = fold(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold is what Normalize makes of the rune r: full-width ASCII made
// half-width, lower-cased; -1 for a space, which Normalize drops.
func Fold(r rune) rune { return fold(r) }

// fold is what Normalize makes of the rune r: full-width ASCII made
// half-width, lower-cased; -1 for a space (dropped).
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if unicode.IsSpace(r) || r == '\uFEFF' {
		return -1
	}
	return unicode.ToLower(r)
}

// foldChanges reports whether Normalize changes the rune r that took size
// bytes (an invalid byte, decoded as utf8.RuneError of size 1, becomes
// U+FFFD: a change).
func foldChanges(r rune, size int) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3001 && r <= 0x303F: // Chinese characters and punctuation
		return false
	case r == utf8.RuneError:
		return size == 1
	}
	return fold(r) != r
}

// asciiSpace marks the ASCII spaces (unicode.IsSpace); asciiChanges the
// ASCII bytes Normalize changes or drops: spaces and capital letters.
var asciiSpace, asciiChanges = func() (sp, ch [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		sp[c] = unicode.IsSpace(rune(c))
		ch[c] = sp[c] || 'A' <= c && c <= 'Z'
	}
	return sp, ch
}()

// MatchAny reports whether text contains one of words after normalisation.
func MatchAny(text string, words []string) bool {
	return ContainsAny(Normalize(text), words)
}

// ContainsAny is MatchAny for text already normalised (Normalize), so
// that one text tried against many word lists is folded once.
func ContainsAny(norm string, words []string) bool {
	for _, w := range words {
		if w := Normalize(w); w != "" && strings.Contains(norm, w) {
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
