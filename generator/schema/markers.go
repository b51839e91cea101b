package schema

import (
	"strings"
	"unicode/utf8"
)

// ListMarkers say how a list item is written besides Markdown's own
// markers ("- ", "* ", "+ ", "1. ", "1) "): after a number ("1、"), in
// brackets ("（1）"), after a numeral word ("一、"). They are data, in
// schemas/sections.toml [list_items].
type ListMarkers struct {
	// AfterNumber are what may follow a number ("、", "）", "．").
	AfterNumber []string `toml:"after_number"`
	// Open and Close are brackets around a short number ("（1）", "(一)"):
	// an item starts with any of Open and has any of Close within its
	// first six bytes.
	Open  []string `toml:"open"`
	Close []string `toml:"close"`
	// Numerals are the characters of numeral words ("一二三"); one
	// followed by one of AfterNumeral within three characters starts an
	// item ("三、").
	Numerals     string   `toml:"numerals"`
	AfterNumeral []string `toml:"after_numeral"`
}

// Item returns the text of a list item written on line, and whether the
// line is one.
func (m ListMarkers) Item(line string) (string, bool) {
	s := strings.TrimSpace(line)
	for _, p := range []string{"- ", "* ", "+ "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 {
		rest := s[i:]
		for _, p := range append([]string{". ", ")"}, m.AfterNumber...) {
			if r, ok := strings.CutPrefix(rest, p); ok && p != "" {
				return strings.TrimSpace(r), true
			}
		}
		return "", false
	}
	for _, p := range m.Open {
		if rest, ok := strings.CutPrefix(s, p); ok && p != "" {
			for _, q := range m.Close {
				if j := strings.Index(rest, q); j > 0 && j <= 6 && q != "" {
					return strings.TrimSpace(rest[j+len(q):]), true
				}
			}
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	if size > 0 && strings.ContainsRune(m.Numerals, r) {
		for _, q := range m.AfterNumeral {
			if j := strings.Index(s, q); j > 0 && j <= 3*size && q != "" {
				return strings.TrimSpace(s[j+len(q):]), true
			}
		}
	}
	return "", false
}

// Versions say how a version number is written around its digits ("V1.0",
// "第1版"), so that a first version can be told from a revision. They are
// data, in schemas/sections.toml [versions].
type Versions struct {
	// Prefixes and Suffixes are dropped, each list in order, each word at
	// most once ("v", "第"; "版").
	Prefixes []string `toml:"prefixes"`
	Suffixes []string `toml:"suffixes"`
	// First are the words that say first version on their own ("一").
	First []string `toml:"first"`
}

// IsFirst reports whether a version is a first one: none given, or 1,
// 1.0, 1.0.0 with the prefixes and suffixes around it, or one of First.
func (vs Versions) IsFirst(v string) bool {
	v = Normalize(v)
	if v == "" {
		return true
	}
	for _, p := range vs.Prefixes {
		v = strings.TrimPrefix(v, Normalize(p))
	}
	for _, s := range vs.Suffixes {
		v = strings.TrimSuffix(v, Normalize(s))
	}
	for _, f := range vs.First {
		if v == Normalize(f) {
			return true
		}
	}
	major, rest, _ := strings.Cut(v, ".")
	return major == "1" && strings.Trim(rest, "0.") == ""
}
