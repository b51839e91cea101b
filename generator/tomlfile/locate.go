package tomlfile

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// locate scans TOML text that is already known to be valid and records the
// position of every key path: table headers, keys, array elements and keys of
// inline tables. Paths use dots between keys and [i] for array elements:
// "leadership[0].role", "items[2].match[0]".
func locate(src string) map[string]Loc {
	s := &scanner{src: src, locs: map[string]Loc{}, arrays: map[string]int{}, lines: []int{0}}
	for i := range len(src) {
		if src[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	s.run()
	return s.locs
}

type scanner struct {
	src    string
	i      int
	lines  []int // byte offset at which each line starts
	locs   map[string]Loc
	arrays map[string]int // array-of-tables path -> index of its last element
	prefix string         // current table path
	// The last column counted (col): the scanner moves forward, so the
	// next one on the same line counts on from there.
	colOff, colN int
}

// maxLocPath bounds the key paths located: a deeper or longer one (a
// key of megabytes) is not recorded, and Loc falls back to its nearest
// recorded ancestor. Paths are built from their parents' (a list's
// elements from the list's), so without the bound a long key over many
// elements would take time and memory of the square of the file.
const maxLocPath = 4096

func (s *scanner) col(off int) int {
	start := s.lines[s.lineAt(off)-1]
	if s.colOff < start || s.colOff > off {
		s.colOff, s.colN = start, 0
	}
	s.colN += utf8.RuneCountInString(s.src[s.colOff:off])
	s.colOff = off
	return s.colN + 1
}

// lineAt returns the 1-based line of a byte offset.
func (s *scanner) lineAt(off int) int {
	return sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off })
}

func (s *scanner) run() {
	for s.i < len(s.src) {
		s.skipSpaceAndComments(true)
		if s.i >= len(s.src) {
			return
		}
		if s.src[s.i] == '[' {
			s.header()
			continue
		}
		s.keyValue(s.prefix)
	}
}

func (s *scanner) skipSpaceAndComments(newlines bool) {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '\n':
			if !newlines {
				return
			}
			s.i++
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *scanner) header() {
	start := s.i
	double := strings.HasPrefix(s.src[s.i:], "[[")
	if double {
		s.i += 2
	} else {
		s.i++
	}
	keys := s.keyParts()
	// Resolve through arrays of tables already seen: [[a]] then [a.b] means a[last].b.
	path := ""
	for n, k := range keys {
		if len(path) > maxLocPath {
			break
		}
		path = join(path, k)
		last := n == len(keys)-1
		if idx, ok := s.arrays[path]; ok && !(last && double) {
			path += "[" + strconv.Itoa(idx) + "]"
		}
	}
	if double {
		idx := 0
		if v, ok := s.arrays[path]; ok {
			idx = v + 1
		}
		s.arrays[path] = idx
		// Arrays nested in the previous element stay recorded under its
		// index (a[0].b), which no later header resolves to: forgetting
		// them went through every array at every header, time of the
		// square of the headers.
		path += "[" + strconv.Itoa(idx) + "]"
	}
	l, c := s.lineAt(start), s.col(start)
	s.locs[path] = Loc{Line: l, Col: c, ValLine: l, ValCol: c}
	s.prefix = path
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// keyParts reads a dotted key and stops after it (before '=' or ']').
func (s *scanner) keyParts() []string {
	var parts []string
	for s.i < len(s.src) {
		s.skipSpaceAndComments(false)
		if s.i >= len(s.src) {
			break
		}
		c := s.src[s.i]
		switch c {
		case '"', '\'':
			str := s.stringValue()
			parts = append(parts, str)
		default:
			j := s.i
			for j < len(s.src) && isBare(s.src[j]) {
				j++
			}
			if j == s.i {
				return parts
			}
			parts = append(parts, s.src[s.i:j])
			s.i = j
		}
		s.skipSpaceAndComments(false)
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		if s.i < len(s.src) && s.src[s.i] == ']' {
			s.i++
			if s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
			}
		}
		return parts
	}
	return parts
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func (s *scanner) keyValue(prefix string) {
	kstart := s.i
	keys := s.keyParts()
	if len(keys) == 0 {
		// Not something we understand: skip the line.
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.i++
		}
		return
	}
	path := prefix
	kl, kc := s.lineAt(kstart), s.col(kstart)
	for n, k := range keys {
		if len(path) > maxLocPath {
			break // not recorded, nor is what is below it
		}
		path = join(path, k)
		if n < len(keys)-1 && len(path) <= maxLocPath {
			if _, ok := s.locs[path]; !ok {
				s.locs[path] = Loc{Line: kl, Col: kc, ValLine: kl, ValCol: kc}
			}
		}
	}
	s.skipSpaceAndComments(false)
	if s.i < len(s.src) && s.src[s.i] == '=' {
		s.i++
	}
	s.skipSpaceAndComments(false)
	if len(path) <= maxLocPath {
		vl, vc := s.lineAt(s.i), s.col(s.i)
		s.locs[path] = Loc{Line: kl, Col: kc, ValLine: vl, ValCol: vc}
	}
	s.value(path)
}

// value skips over one value, recording positions of array elements and
// inline-table keys under path.
func (s *scanner) value(path string) {
	if s.i >= len(s.src) {
		return
	}
	switch s.src[s.i] {
	case '"', '\'':
		s.stringValue()
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.skipSpaceAndComments(true)
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == ']' {
				s.i++
				return
			}
			before := s.i
			elem := path
			if len(path) <= maxLocPath {
				elem = path + "[" + strconv.Itoa(n) + "]"
				l, c := s.lineAt(s.i), s.col(s.i)
				s.locs[elem] = Loc{Line: l, Col: c, ValLine: l, ValCol: c}
			}
			s.value(elem)
			s.skipSpaceAndComments(true)
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
			}
			if s.i == before {
				s.i++ // never loop forever on text we do not understand
			}
		}
	case '{':
		s.i++
		for {
			s.skipSpaceAndComments(true)
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == '}' {
				s.i++
				return
			}
			before := s.i
			s.keyValue(path)
			s.skipSpaceAndComments(true)
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
			}
			if s.i == before {
				s.i++ // never loop forever on text we do not understand
			}
		}
	default:
		for s.i < len(s.src) {
			c := s.src[s.i]
			if c == ',' || c == ']' || c == '}' || c == '\n' || c == '#' {
				return
			}
			s.i++
		}
	}
}

// stringValue reads a basic, literal or multi-line string and returns its
// contents (escapes are left as written; keys rarely contain them). An
// unclosed string ends at its line's end (a multi-line one at the end of
// src). shape skips strings with it too.
func (s *scanner) stringValue() string {
	q := s.src[s.i]
	if qqq := string([]byte{q, q, q}); strings.HasPrefix(s.src[s.i:], qqq) {
		s.i += 3
		start := s.i
		for ; s.i < len(s.src); s.i++ {
			if q == '"' && s.src[s.i] == '\\' {
				s.i++ // an escaped character, \""" included
				continue
			}
			if strings.HasPrefix(s.src[s.i:], qqq) {
				body := s.src[start:s.i]
				s.i += 3
				// A multi-line string may end with up to two more quotes.
				for n := 0; n < 2 && s.i < len(s.src) && s.src[s.i] == q; n++ {
					s.i++
				}
				return body
			}
		}
		s.i = len(s.src)
		return ""
	}
	s.i++
	start := s.i
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c == '\\' && q == '"' {
			s.i += 2
			continue
		}
		if c == q {
			body := s.src[start:s.i]
			s.i++
			return body
		}
		if c == '\n' {
			return s.src[start:s.i]
		}
		s.i++
	}
	return s.src[start:]
}
