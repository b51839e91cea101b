package audit

// Where things are in the text of an attestations file, and how edits made
// against its LF form are applied to the file as written.

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// edit replaces the bytes start:end of the normalised (LF) text.
type edit struct {
	start, end int
	text       string
}

// applyEdits applies edits made against the LF form of body to body
// itself, which may have CRLF or CR line ends (a lone CR stands where its
// LF does; a CRLF is one byte longer); new text gets eol line ends.
func applyEdits(body string, edits []edit, eol string) string {
	// crs[k] is the LF offset of the k-th line end that is CRLF in body.
	var crs []int
	n := 0
	for i := 0; i < len(body); i++ {
		if body[i] == '\r' && i+1 < len(body) && body[i+1] == '\n' {
			crs = append(crs, n)
			continue
		}
		n++
	}
	raw := func(off int) int { return off + sort.SearchInts(crs, off) }
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		s, end := raw(e.start), raw(e.end)
		if s < pos {
			s = pos // overlapping edits cannot happen; never go back
		}
		b.WriteString(body[pos:s])
		b.WriteString(strings.ReplaceAll(e.text, "\n", eol))
		pos = max(end, s)
	}
	b.WriteString(body[pos:])
	return b.String()
}

// text is LF-normalised file text with the offsets at which lines start.
type text struct {
	s      string
	starts []int
}

func lineStarts(s string) []int {
	starts := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func (t text) line(n int) string {
	if n < 1 || n > len(t.starts) {
		return ""
	}
	s := t.s[t.starts[n-1]:]
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// offset turns a 1-based line and rune column into a byte offset.
func (t text) offset(line, col int) int {
	if line < 1 || line > len(t.starts) {
		return len(t.s)
	}
	off := t.starts[line-1]
	for c := 1; c < col && off < len(t.s) && t.s[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(t.s[off:])
		off += size
	}
	return off
}

// nextLine returns the offset of the start of the line after the one
// holding off, or the end of the text.
func (t text) nextLine(off int) int {
	if i := strings.IndexByte(t.s[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(t.s)
}

// valueEnd returns the offset just after the TOML value that starts at i:
// a string of any of the four kinds, or a date, number or boolean (which
// ends at a comment or the end of the line). The text is known to be valid.
func valueEnd(s string, i int) int {
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		q := rest[0]
		for j := i + 3; j < len(s); j++ {
			if q == '"' && s[j] == '\\' {
				j++
				continue
			}
			if strings.HasPrefix(s[j:], rest[:3]) {
				// Up to two more quotes belong to the string.
				k := j + 3
				for k < len(s) && s[k] == q && k < j+5 {
					k++
				}
				return k
			}
		}
		return len(s)
	case strings.HasPrefix(rest, `"`), strings.HasPrefix(rest, `'`):
		q := rest[0]
		for j := i + 1; j < len(s) && s[j] != '\n'; j++ {
			if q == '"' && s[j] == '\\' {
				j++
				continue
			}
			if s[j] == q {
				return j + 1
			}
		}
		return len(s)
	}
	j := i
	for j < len(s) && s[j] != '#' && s[j] != '\n' {
		j++
	}
	return i + len(strings.TrimRight(s[i:j], " \t"))
}
