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

	"golang.org/x/text/unicode/norm"
)

// Normalize applies NFKC and lower-cases: full-width letters and digits
// become ASCII, compatibility characters their plain form.
func Normalize(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// cjk reports whether r is written without spaces between words.
func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func wordRune(r rune) bool {
	return !cjk(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Tokens splits normalised text into index tokens, in order, with repeats.
func Tokens(s string) []string {
	var out []string
	s = Normalize(s)
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case cjk(r):
			j := i
			for j < len(rs) && cjk(rs[j]) {
				j++
			}
			if j-i == 1 {
				out = append(out, string(rs[i]))
			}
			for k := i; k+1 < j; k++ {
				out = append(out, string(rs[k:k+2]))
			}
			i = j
		case wordRune(r):
			j := i
			digit := unicode.IsDigit(r)
			for j < len(rs) && wordRune(rs[j]) && unicode.IsDigit(rs[j]) == digit {
				j++
			}
			out = append(out, string(rs[i:j]))
			i = j
		default:
			i++
		}
	}
	return out
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
