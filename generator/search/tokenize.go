// Package search builds the full-text index of the intranet site at build
// time, in Go, for a search page that runs in the browser from file:// as
// well as from a web server.
//
// Text is NFKC-normalised and lower-cased. Runs of Chinese characters are
// indexed as overlapping bigrams (a run of one character as itself), so a
// query for 备份 or 数据备 finds 数据备份 without a dictionary; runs of Latin
// letters and of digits are whole tokens (UPS, his, 22239, 2026). The page's
// script (themes/default/assets/search.js) tokenises queries with the same
// rules; TestTokenizerMatchesScript keeps the two in step.
//
// The index is split into shards by token hash, each a small script that
// registers itself when loaded with a <script> tag: nothing is fetched,
// so it works where fetch and modules are refused (file://).
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize applies NFKC and lower-cases: full-width letters and digits
// become ASCII, compatibility characters their plain form.
func Normalize(s string) string {
	return lower(norm.NFKC.String(s))
}

// lower is strings.ToLower(s), which looks up every character's case; a
// text that has no upper case (Chinese, mostly) is returned as it is
// after a scan that skips the characters that have none (caseless).
func lower(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !caseless(r) && unicode.ToLower(r) != r {
			return strings.ToLower(s)
		}
		i += n
	}
	return s
}

// caseless reports whether r is in the blocks from CJK punctuation to the
// end of the unified ideographs (U+3000–U+9FFF), none of which has a
// lower case (TestCaseless).
func caseless(r rune) bool { return 0x3000 <= r && r <= 0x9fff }

// cjk reports whether r is written without spaces between words.
func cjk(r rune) bool {
	if r < 0x80 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func wordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return !cjk(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isDigit(r rune) bool {
	if r < 0x80 {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// Tokens splits normalised text into index tokens, in order, with repeats.
func Tokens(s string) []string {
	var out []string
	eachToken(Normalize(s), func(t string) { out = append(out, t) })
	return out
}

// eachToken calls f with each token of s, already normalised, in order,
// with repeats: the rules of Tokens. The tokens are substrings of s.
func eachToken(s string, f func(string)) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case cjk(r):
			// Overlapping bigrams; a run of one character as itself.
			prev, j, n := i, i+size, 1
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !cjk(r2) {
					break
				}
				f(s[prev : j+size2])
				prev, j, n = j, j+size2, n+1
			}
			if n == 1 {
				f(s[i:j])
			}
			i = j
		case wordRune(r):
			digit := isDigit(r)
			j := i + size
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !wordRune(r2) || isDigit(r2) != digit {
					break
				}
				j += size2
			}
			f(s[i:j])
			i = j
		default:
			i += size
		}
	}
}

// countTokens is len(Tokens(s)) for s already normalised, without making
// the tokens.
func countTokens(s string) int {
	n := 0
	eachToken(s, func(string) { n++ })
	return n
}

// shardOf hashes a token to a shard (FNV-1a over its UTF-8 bytes, the same
// in the script).
func shardOf(token string, shards int) int {
	var h uint32 = 2166136261
	for i := 0; i < len(token); i++ {
		h ^= uint32(token[i])
		h *= 16777619
	}
	return int(h % uint32(shards))
}
