// Substance: how much real text stands in a span of body lines.

package sections

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// filled counts the entries of a field value: rows of a table with a
// value in them, items of a list, 1 for a non-empty scalar.
func filled(v any) int {
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		if strings.TrimSpace(v) == "" {
			return 0
		}
		return 1
	case []any:
		n := 0
		for _, x := range v {
			n += min(1, filled(x))
		}
		return n
	case []map[string]any:
		n := 0
		for _, row := range v {
			for _, x := range row {
				if filled(x) > 0 {
					n++
					break
				}
			}
		}
		return n
	case map[string]any:
		for _, x := range v {
			if filled(x) > 0 {
				return 1
			}
		}
		return 0
	}
	return 1
}

// Measure returns the substance of a whole body (for a document with no
// section of its own, or to tell an empty document).
func Measure(d *model.Document, rules schema.SectionRules) Substance {
	// The lines of d.BodyWithoutTitle(), the title's
	// line left blank.
	lines := bodyLines(d)
	if len(d.Headings) > 0 && d.Headings[0].Level == 1 {
		if line := d.Headings[0].Line - d.BodyLine; line >= 0 && line < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[line]), "#") {
			lines[line] = ""
		}
	}
	return measure(lines, 0, len(lines), rules.MinCharsOf(nil), rules)
}

// bodyLines splits d's body into lines for measuring (one copy of the
// body; a document is measured once per build, Memo.Measure).
func bodyLines(d *model.Document) []string {
	return strings.Split(string(d.Body), "\n")
}

// measure looks at lines[from:to] of a body.
func measure(lines []string, from, to, minChars int, rules schema.SectionRules) Substance {
	var s Substance
	from = max(from, 0)
	to = min(to, len(lines))
	ph := normalizedList(rules.Placeholders)
	guide := normalizedList(rules.Guidance).words
	var scratch [1024]byte
	buf := scratch[:0] // a unit's letters and digits (appendLetters)
	guidance := false  // inside a block quote of drafting guidance
	fence := false
	tableHeader := false // the next table line is a header row
	prevTable := false
	for i := from; i < to; i++ {
		line := strings.TrimSpace(lines[i])
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fence = !fence
			continue
		}
		if fence {
			s.Chars += letters(line)
			continue
		}
		if quote, ok := strings.CutPrefix(line, ">"); ok {
			if !guidance {
				var g bool
				buf, g = isGuidance(buf, quote, guide)
				guidance = g
			}
			if guidance {
				s.Placeholder = true
				continue
			}
		} else {
			guidance = false
		}
		isTable := strings.HasPrefix(line, "|")
		if isTable && !prevTable {
			tableHeader = true
		}
		prevTable = isTable
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			// blank, or a subheading: its words are not content
		case isTable:
			if separatorRow(line) {
				continue
			}
			real := false
			for cell := range strings.SplitSeq(strings.Trim(line, "|"), "|") {
				var size int
				buf, size = appendLetters(buf[:0], cell)
				n, p := unit(buf, size, minChars, ph)
				if p {
					s.Placeholder = true
				} else if n > 0 {
					real = true
					s.Chars += n
				}
			}
			if tableHeader {
				tableHeader = false
				continue
			}
			if real {
				s.Rows++
			}
		default:
			text, item := listItem(line)
			var size int
			buf, size = appendLetters(buf[:0], text)
			n, p := unit(buf, size, minChars, ph)
			switch {
			case p:
				s.Placeholder = true
			case n > 0:
				s.Chars += n
				if item {
					s.Items++
				}
			}
		}
	}
	s.Real = s.Chars >= minChars || s.Items > 0 || s.Rows > 0
	if s.Real {
		s.Placeholder = false
	}
	return s
}

// unit measures one line, list item or cell, given as its letters and
// digits (appendLetters) and their number: how many there are, and
// whether they are placeholder words.
func unit(n []byte, size, minChars int, placeholders *normWords) (int, bool) {
	if len(n) == 0 {
		return 0, false
	}
	for i, p := range placeholders.words {
		if string(n) == p {
			return 0, true
		}
		// "请填写本节内容", "待补充具体措施": a placeholder with a few words
		// around it; "请填写《变更申请表》并经科长签字" is an instruction.
		if pn := placeholders.runes[i]; pn > 1 && size < minChars && size <= pn+placeholderSlack && (hasPrefix(n, p) || hasSuffix(n, p)) {
			return 0, true
		}
	}
	return size, false
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

func hasSuffix(b []byte, p string) bool { return len(b) >= len(p) && string(b[len(b)-len(p):]) == p }

// normalize keeps the letters and digits of s, lower-cased, with full-width
// ASCII folded.
func normalize(s string) string {
	var scratch [128]byte
	b, _ := appendLetters(scratch[:0], s)
	if string(b) == s {
		return s
	}
	return string(b)
}

// appendLetters appends to dst the letters and digits of
// schema.Normalize(s) (normalize without a string of its own), and says
// how many it appended.
func appendLetters(dst []byte, s string) ([]byte, int) {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
				n++
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x4E00 && r <= 0x9FFF { // a Chinese character: a letter, kept as it is
			dst = append(dst, s[i-size:i]...)
			n++
			continue
		}
		if r = schema.Fold(r); r >= 0 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			dst = utf8.AppendRune(dst, r)
			n++
		}
	}
	return dst, n
}

func normalizeAll(words []string) []string {
	var out []string
	for _, w := range words {
		if n := normalize(w); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// normWords are a list of words normalised (normalizeAll), with the
// length of each in runes.
type normWords struct {
	orig  []string // the words as given
	words []string
	runes []int
}

// normalized remembers the lists normalizedList made, by their first
// word's address: the rules' placeholder and guidance words, normalised
// once rather than for every span measured.
var normalized sync.Map // *string → *normWords

// normalizedList is normalizeAll(words) with each word's length, made once
// per list (a list changed since is normalised again).
func normalizedList(words []string) *normWords {
	if len(words) == 0 {
		return &normWords{}
	}
	k := unsafe.SliceData(words)
	if v, ok := normalized.Load(k); ok {
		if nw := v.(*normWords); slices.Equal(nw.orig, words) {
			return nw
		}
	}
	nw := &normWords{orig: slices.Clone(words), words: normalizeAll(words)}
	for _, w := range nw.words {
		nw.runes = append(nw.runes, utf8.RuneCountInString(w))
	}
	if n := normalizedCount.Add(1); n%256 == 0 { // schemas loaded again and again (a long preview): forget the old ones
		normalized.Clear()
	}
	normalized.Store(k, nw)
	return nw
}

var normalizedCount atomic.Int64

// letters counts letters and digits.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// listItem strips a list marker ("- ", "1. ", "1．", "（一）") and says
// whether there was one.
func listItem(line string) (string, bool) {
	for _, m := range []string{"- [ ] ", "- [x] ", "- ", "* ", "+ "} {
		if strings.HasPrefix(line, m) {
			return line[len(m):], true
		}
	}
	if line == "-" || line == "*" || line == "+" {
		return "", true
	}
	rest := strings.TrimLeftFunc(line, func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' })
	if rest != line {
		for _, m := range []string{". ", ".", ") ", ")", "．", "、", "）"} {
			if strings.HasPrefix(rest, m) {
				return rest[len(m):], true
			}
		}
	}
	for _, open := range []string{"（", "("} {
		if strings.HasPrefix(line, open) {
			if close := strings.IndexAny(line, "）)"); close > 0 && utf8.RuneCountInString(line[:close]) <= 4 {
				inner := line[len(open):close]
				if inner != "" && strings.Trim(inner, "0123456789一二三四五六七八九十") == "" {
					return strings.TrimLeft(line[close:], "）) "), true
				}
			}
		}
	}
	return line, false
}

func separatorRow(line string) bool {
	return strings.Trim(line, "|-: \t") == "" && strings.Contains(line, "-")
}

// placeholderSlack is how many characters may stand around a placeholder
// word in a line that is still only a placeholder.
const placeholderSlack = 6

// Placeholders returns the headings of d below its title whose text, up
// to the next heading, is only placeholder words — whether or not the
// heading names a section of the type (check warns about each).
func Placeholders(d *model.Document, rules schema.SectionRules) []model.Heading {
	if d.Format != "markdown" {
		return nil
	}
	lines := bodyLines(d)
	var out []model.Heading
	for i, h := range d.Headings {
		if h.Level < 2 {
			continue
		}
		end := d.BodyLine + len(lines)
		if i+1 < len(d.Headings) {
			end = d.Headings[i+1].Line
		}
		s := measure(lines, h.Line+1-d.BodyLine, end-d.BodyLine, rules.MinCharsOf(nil), rules)
		if s.Placeholder {
			out = append(out, h)
		}
	}
	return out
}

// IsGuidance reports whether the first line of a block quote (without its
// ">") opens drafting guidance: it begins with one of the guidance words
// (schemas/sections.toml, guidance), given normalised (see normalize).
// The whole block quote is then guidance, never content.
func IsGuidance(line string, words []string) bool {
	var scratch [128]byte
	_, g := isGuidance(scratch[:0], line, words)
	return g
}

// isGuidance is IsGuidance with a buffer for the line's letters (given
// back, perhaps grown).
func isGuidance(buf []byte, line string, words []string) ([]byte, bool) {
	buf, _ = appendLetters(buf[:0], line)
	for _, w := range words {
		if w != "" && hasPrefix(buf, w) {
			return buf, true
		}
	}
	return buf, false
}

// GuidanceWords are the guidance words of rules, normalised for IsGuidance.
func GuidanceWords(rules schema.SectionRules) []string { return normalizeAll(rules.Guidance) }
