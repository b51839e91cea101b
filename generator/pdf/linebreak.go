package pdf

import (
	"strings"
	"unicode/utf8"
)

// Line breaking for Chinese text set in a proportional font.
//
// fpdf's MultiCell only knows how to break at spaces and, when it is forced to
// break inside a run of CJK text, drops the character at the break. The
// breaker below replaces it and follows Chinese typesetting practice (in the
// spirit of GB/T 9704, 避头尾): every CJK character is a break opportunity,
// Latin words and numbers stay whole, closing punctuation never starts a line
// and opening punctuation never ends one.
//
// It works in two steps. Atoms cuts one styled run of text into unbreakable
// atoms, already gluing punctuation to the character it belongs to. Break then
// binds atoms that must not be separated even across runs or spaces (a "。" in
// the next styled run, "（" followed by a space, a word whose styling changes
// half-way) into groups, and fills lines greedily with whole groups. Because
// a group is always moved to the next line as a whole, the character in front
// of a closing mark goes along with it ("pull-back") instead of the mark
// starting the next line. Only a group wider than a whole line is cut, and then
// at the gentlest points it has.
//
// Unexported names start with "lb" because other files of this package are
// written independently.

// Atom is an unbreakable piece of a paragraph: one CJK character (with any
// punctuation glued to it), one Latin word or number, or one space.
type Atom struct {
	Text  string
	Width float64 // in points, measured with the atom's style
	Space bool    // a breakable space: dropped at the start and end of a line
	Style int     // opaque to the breaker: which font/style the text uses
}

// Measure returns the width in points of s in style.
//
// Break has no Measure of its own, so widths are taken once, in Atoms; only
// the pieces of an atom wider than a whole line get estimated widths.
type Measure func(s string, style int) float64

// lbUnit is a piece of a styled run: a byte range of its text.
type lbUnit struct {
	start, end int
	kind       lbClass // lbSpace, lbOpen, lbClose, or lbNarrow/lbWide for content
	text       string  // for spaces only: what the space prints as
}

// Atoms splits text of one style into atoms and measures them.
//
// Every CJK character is an atom; a run of Latin letters and digits together
// with the marks inside it ("GB/T", "22239-2019", "99.95%", "10:30") is one
// atom; a run of white space (tabs and newlines included) is one Space atom
// printing as a single space. Closing punctuation is glued to the atom before
// it and opening punctuation to the atom after it, so that "（中", "文。」" and
// "说——" are single atoms and can never be separated by a line break. Glue
// that crosses a space or the end of the run is left to Break. measure must
// not be nil.
func Atoms(text string, style int, measure Measure) []Atom {
	units := lbGlue(lbSplitUnits(text), len(text))
	if len(units) == 0 {
		return nil
	}
	atoms := make([]Atom, 0, len(units))
	for _, u := range units {
		t := text[u.start:u.end]
		if u.kind == lbSpace {
			t = u.text
		}
		atoms = append(atoms, Atom{Text: t, Width: measure(t, style), Space: u.kind == lbSpace, Style: style})
	}
	return atoms
}

// lbSplitUnits cuts text into spaces, words, single CJK characters and single
// punctuation marks, each with the combining marks that follow it.
func lbSplitUnits(s string) []lbUnit {
	var units []lbUnit
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		start, kind := i, lbClassOf(r)
		switch kind {
		case lbSpace:
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				if lbClassOf(r) != lbSpace {
					break
				}
				i += n
			}
			units = append(units, lbUnit{start: start, end: i, kind: lbSpace, text: lbSpaceText(s[start:i])})
			continue
		case lbNarrow, lbExtend:
			kind = lbNarrow
			i = lbEndOfWord(s, i)
		default:
			i = lbEndOfCluster(s, i+n)
		}
		units = append(units, lbUnit{start: start, end: i, kind: kind})
	}
	return units
}

// lbSpaceText is what a run of white space prints as: one space, or one
// full-width space if the author typed one (it is wider on purpose), or
// nothing for zero-width spaces, which only mark a break opportunity.
func lbSpaceText(run string) string {
	switch {
	case strings.ContainsRune(run, lbIdeoSp):
		return string(lbIdeoSp)
	case strings.Trim(run, string(lbZWSP)) == "":
		return ""
	}
	return " "
}

// lbEndOfWord returns the end of the Latin word or number starting at i.
func lbEndOfWord(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch lbClassOf(r) {
		case lbNarrow:
			i += n
		case lbExtend:
			i = lbEndOfCluster(s, i)
		case lbClose:
			// "3.5" is one number but "end." ends a word: the mark stays
			// inside only when another word character follows.
			if !lbIsWordJoiner(r) || i+n >= len(s) {
				return i
			}
			if next, _ := utf8.DecodeRuneInString(s[i+n:]); lbClassOf(next) != lbNarrow {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return i
}

// lbEndOfCluster skips the combining marks (and joiner sequences) at i, which
// belong to the character before them.
func lbEndOfCluster(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if lbClassOf(r) != lbExtend {
			return i
		}
		i += n
		if r == lbZWJ && i < len(s) {
			if r2, n2 := utf8.DecodeRuneInString(s[i:]); lbClassOf(r2) != lbSpace {
				i += n2
			}
		}
	}
	return i
}

// lbGlue attaches closing marks to the unit before them and opening marks to
// the unit after them. A run of closing marks ("。」", "——", "……") keeps
// gluing to the same unit. Marks with nothing to attach to inside the run
// (at its edges or next to a space) stay units of their own for Break to bind.
func lbGlue(units []lbUnit, end int) []lbUnit {
	out := make([]lbUnit, 0, len(units))
	pending := -1 // start of opening marks still waiting for what they open
	for _, u := range units {
		switch {
		case u.kind == lbSpace:
			if pending >= 0 {
				out = append(out, lbUnit{start: pending, end: u.start, kind: lbOpen})
				pending = -1
			}
			out = append(out, u)
		case u.kind == lbClose && pending < 0 && len(out) > 0 && out[len(out)-1].kind != lbSpace:
			out[len(out)-1].end = u.end
		case u.kind == lbOpen:
			if pending < 0 {
				pending = u.start
			}
		default: // content, or a closing mark right after opening ones ("（）")
			if pending >= 0 {
				u.start, pending = pending, -1
			}
			out = append(out, u)
		}
	}
	if pending >= 0 {
		out = append(out, lbUnit{start: pending, end: end, kind: lbOpen})
	}
	return out
}
