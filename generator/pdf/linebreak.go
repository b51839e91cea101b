package pdf

import (
	"strings"
	"unicode"
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

// Punctuation that must not start a line (不可行首) and that must not end one
// (不可行尾). Besides the marks the house rules list, the sets hold the
// horizontal bar and two-em dash (also typed for "——") and the midline
// ellipsis (also typed for "……"), so that those are never split either.
const (
	lbClosing = "，。、；：？！）」』》】〕〗〉”’…—～·%‰°℃" + ",.;:?!)]}" + "，．：；？！）］｝" + "―⸺⋯"
	lbOpening = "（「『《【〔〖〈“‘" + "([{" + "（［｛"
)

const (
	lbZWSP    = '\u200b' // zero-width space: a break opportunity that prints nothing
	lbZWJ     = '\u200d' // zero-width joiner: binds the characters on both sides
	lbIdeoSp  = '\u3000' // ideographic (full-width) space
	lbEpsilon = 1e-6     // points; absorbs rounding when widths are summed
)

// lbClass is what a rune means to the breaker.
type lbClass uint8

const (
	lbNarrow lbClass = iota // Latin letters, digits, ASCII symbols: runs of them form words
	lbWide                  // CJK and other symbols: each one is a breaking unit of its own
	lbSpace                 // breakable white space
	lbOpen                  // opening punctuation: glued to what follows
	lbClose                 // closing punctuation: glued to what precedes
	lbExtend                // combining marks, joiners, variation selectors: part of the previous character
)

// lbPunct holds the class of every mark of lbOpening and lbClosing.
var lbPunct = func() map[rune]lbClass {
	m := map[rune]lbClass{}
	for _, r := range lbClosing {
		m[r] = lbClose
	}
	for _, r := range lbOpening {
		m[r] = lbOpen
	}
	return m
}()

// lbASCII is the class of each ASCII character, looked up without a map.
var lbASCII = func() (t [0x80]lbClass) {
	for r := range rune(0x80) {
		t[r] = lbClassSlow(r)
	}
	return t
}()

func lbClassOf(r rune) lbClass {
	if r < 0x80 && r >= 0 {
		return lbASCII[r]
	}
	return lbClassSlow(r)
}

func lbClassSlow(r rune) lbClass {
	if c, ok := lbPunct[r]; ok {
		return c
	}
	switch {
	case lbIsExtend(r):
		return lbExtend
	case r == '\u00a0' || r == '\u2007' || r == '\u202f':
		// No-break spaces are written precisely to keep "10 kg" together.
		return lbNarrow
	case r == lbZWSP || unicode.IsSpace(r):
		return lbSpace
	case lbIsCJK(r):
		return lbWide
	case r >= 0x2000 && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !lbIsNarrowSymbol(r):
		// Arrows, circled numbers, emoji and the like are set like CJK
		// characters in Chinese text: a break is fine on either side.
		return lbWide
	}
	return lbNarrow
}

func lbIsExtend(r rune) bool {
	switch {
	case r == lbZWJ, r == '\u200c', r == '\u2060', r == '\ufeff':
		return true
	case r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef: // variation selectors
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f: // emoji modifiers, tags
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

// lbIsNarrowSymbol lists the symbols above U+2000 that live inside Latin words
// and numbers ("2019–2020", "−5", "5′30″").
func lbIsNarrowSymbol(r rune) bool {
	return r >= 0x2010 && r <= 0x2013 || r >= 0x2032 && r <= 0x2034 || r == 0x2212
}

// lbIsCJK reports ideographs, kana, Hangul, CJK symbols and full-width forms:
// Chinese (and Japanese, Korean) text may break between any two of them.
func lbIsCJK(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0x2fff,   // radicals, Kangxi, description characters
		r >= 0x3000 && r <= 0x33ff,   // CJK symbols, kana, Bopomofo, Hangul compatibility, enclosed, compatibility
		r >= 0x3400 && r <= 0x4dbf,   // extension A
		r >= 0x4dc0 && r <= 0x9fff,   // Yijing symbols, unified ideographs
		r >= 0xa000 && r <= 0xa4cf,   // Yi
		r >= 0xa960 && r <= 0xa97f,   // Hangul Jamo extended A
		r >= 0xac00 && r <= 0xd7ff,   // Hangul syllables, Jamo extended B
		r >= 0xf900 && r <= 0xfaff,   // compatibility ideographs
		r >= 0xfe10 && r <= 0xfe1f,   // vertical forms
		r >= 0xfe30 && r <= 0xfe6f,   // compatibility and small forms
		r >= 0xff00 && r <= 0xffef,   // half-width and full-width forms
		r >= 0x1b000 && r <= 0x1b2ff, // kana supplement and extensions
		r >= 0x1f200 && r <= 0x1f2ff, // enclosed ideographic supplement
		r >= 0x20000 && r <= 0x3ffff: // extensions B and later
		return true
	}
	return false
}

// lbIsWordJoiner reports closing marks that stay inside a Latin word or number
// when a word character follows ("3.5", "10:30", "1,000", "don’t").
func lbIsWordJoiner(r rune) bool {
	return (r < 0x2000 || r == '’') && lbClassOf(r) == lbClose
}

// lbIsWordRune reports runes that belong to a Latin word or number, so that
// no break is taken between two of them unless the word is wider than a line.
func lbIsWordRune(r rune) bool {
	return lbClassOf(r) == lbNarrow || lbIsWordJoiner(r)
}

// lbIsBlank reports runes that print as white space: they never count as the
// first or last character of a line.
func lbIsBlank(r rune) bool {
	return r == lbZWSP || unicode.IsSpace(r)
}

// lbMustJoin reports whether no line may end after rune a and start with the
// following visible rune b; adjacent says nothing (not even a space) separates
// them.
func lbMustJoin(a, b rune, adjacent bool) bool {
	switch cb := lbClassOf(b); {
	case cb == lbClose || cb == lbExtend: // 不可行首, or the rest of a character
		return true
	case lbClassOf(a) == lbOpen || a == lbZWJ: // 不可行尾
		return true
	}
	return adjacent && lbIsWordRune(a) && lbIsWordRune(b)
}

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

// Break fills lines of at most width points (the first line may be shorter by
// indent, e.g. a 2-character paragraph indent) and returns the lines as slices of
// atoms. It never loses, duplicates or reorders a character: concatenating the
// Text of all atoms of all lines gives back every non-space character of the input in order.
//
// atoms may come from several calls of Atoms (one per styled run). Atoms that
// must stay on one line are first bound into groups: a closing mark with the
// visible atom before it and an opening mark with the one after it, even
// across runs and spaces, and the two halves of a word whose style changes
// mid-word. Lines are then filled with whole groups, so a group that does not
// fit takes the character before its closing mark to the next line with it.
// Space atoms are dropped at the start and end of lines; nothing else is.
//
// A group wider than a line is first moved to a line of its own and, if it
// still does not fit, cut between characters where the punctuation rules
// allow (between CJK characters first, inside Latin words only when that is
// not enough). Only when the rules leave no cut at all (a run of hundreds of
// "（" or "……") is it cut between any two characters, so that no text runs
// off the page: a line is wider than width only when it holds a single
// character (with its combining marks) wider than the line. The pieces of a
// cut atom keep its Style and get estimated widths (the atom's width shared
// out with full-width characters counting double), since Break has no
// Measure; re-measure them if exact widths matter. Break returns nil when
// there is nothing to print.
//
// Break's work is linear in the number of characters: each atom is grouped
// once and each character of a group too wide for a line is looked at a
// fixed number of times (once per kind of boundary).
func Break(atoms []Atom, width, indent float64) [][]Atom {
	lines, _ := lbBreak(atoms, width, indent)
	return lines
}

// lbBreak is Break, also returning a count of the steps it took (atoms and
// characters visited), which tests use to show that the work is linear.
func lbBreak(atoms []Atom, width, indent float64) ([][]Atom, int) {
	f := lbFiller{width: width, indent: indent}
	f.work = len(atoms)
	for _, g := range lbGroups(atoms) {
		f.place(atoms[g[0]:g[1]], 0)
	}
	f.flush()
	return f.lines, f.work
}

// lbGroups returns the index ranges of the groups of atoms that must stay on
// one line. It is the normalisation pass that repairs glue Atoms could not
// do: a run starting with "。", "（" before a space, a word split over two
// styles.
func lbGroups(atoms []Atom) [][2]int {
	joined := make([]bool, len(atoms)) // joined[i]: no break between atoms i-1 and i
	prev := -1                         // the last atom with visible text
	var prevLast rune
	for i, a := range atoms {
		first, last, ok := lbVisibleEnds(a.Text)
		if !ok {
			continue
		}
		if prev >= 0 && lbMustJoin(prevLast, first, i == prev+1) {
			for j := prev + 1; j <= i; j++ {
				joined[j] = true
			}
		}
		prev, prevLast = i, last
	}
	groups := make([][2]int, 0, len(atoms))
	for i := range atoms {
		if i > 0 && joined[i] {
			groups[len(groups)-1][1] = i + 1
			continue
		}
		groups = append(groups, [2]int{i, i + 1})
	}
	return groups
}

// lbVisibleEnds returns the first and last non-blank runes of s.
func lbVisibleEnds(s string) (first, last rune, ok bool) {
	for _, r := range s {
		if lbIsBlank(r) {
			continue
		}
		if !ok {
			first, ok = r, true
		}
		last = r
	}
	return first, last, ok
}

// lbDroppable reports a piece made only of spaces, which may vanish at the
// start or end of a line.
func lbDroppable(piece []Atom) bool {
	for _, a := range piece {
		if !a.Space || strings.TrimFunc(a.Text, lbIsBlank) != "" {
			return false
		}
	}
	return len(piece) > 0
}

func lbWidth(piece []Atom) float64 {
	w := 0.0
	for _, a := range piece {
		w += a.Width
	}
	return w
}

// lbFiller fills lines greedily.
type lbFiller struct {
	width, indent float64
	lines         [][]Atom
	cur           []Atom  // the line being filled
	used          float64 // width of cur up to its last non-space atom
	trail         float64 // width of the spaces after that, which count only if more follows
	ntrail        int     // number of those space atoms
	work          int     // steps taken, for tests
}

func (f *lbFiller) avail() float64 {
	if len(f.lines) == 0 {
		return f.width - f.indent
	}
	return f.width
}

func (f *lbFiller) fits(w float64) bool {
	return f.used+f.trail+w <= f.avail()+lbEpsilon
}

func (f *lbFiller) add(piece []Atom, w float64) {
	f.cur = append(f.cur, piece...)
	f.used += f.trail + w
	f.trail, f.ntrail = 0, 0
}

// flush ends the current line, dropping its trailing spaces.
func (f *lbFiller) flush() {
	if n := len(f.cur) - f.ntrail; n > 0 {
		f.lines = append(f.lines, f.cur[:n:n])
	}
	f.cur, f.used, f.trail, f.ntrail = nil, 0, 0, 0
}

// place puts a group (level 0) or a piece of a cut group (levels 1 and 2) on
// the lines.
func (f *lbFiller) place(piece []Atom, level int) {
	f.work += len(piece)
	w := lbWidth(piece)
	if lbDroppable(piece) {
		if len(f.cur) > 0 { // spaces at the start of a line are dropped
			f.cur = append(f.cur, piece...)
			f.trail += w
			f.ntrail += len(piece)
		}
		return
	}
	if !f.fits(w) && len(f.cur) > 0 {
		if level > lbRule && f.used <= f.avail()+lbEpsilon && lbHangs(piece) {
			// A closing mark cut off its group hangs in the margin
			// rather than start the next line.
			f.add(piece, w)
			return
		}
		f.flush()
	}
	if f.fits(w) {
		f.add(piece, w)
		return
	}
	// Wider than a whole line: cut it, first between CJK characters and
	// the like, then inside Latin words, and only then against the
	// punctuation rules; never inside a character.
	for ; level <= lbRule; level++ {
		if level == lbRule && w-lbHanging(piece) <= f.avail()+lbEpsilon {
			// It fits but for one or two closing marks at its end (a
			// narrow table column): let them hang (悬挂标点) rather than
			// start a line with them.
			f.add(piece, w)
			return
		}
		if parts := lbSplit(piece, level); len(parts) > 1 {
			f.work += len(parts)
			for _, p := range parts {
				// Spaces at either end of a part are placed on their own,
				// so that they are dropped at the edge of a line.
				lo, hi := 0, len(p)
				for lo < hi && lbDroppable(p[lo:lo+1]) {
					lo++
				}
				for hi > lo && lbDroppable(p[hi-1:hi]) {
					hi--
				}
				for _, q := range [][]Atom{p[:lo], p[lo:hi], p[hi:]} {
					if len(q) > 0 {
						f.place(q, level+1)
					}
				}
			}
			return
		}
		f.work += len(piece)
	}
	f.add(piece, w) // one character wider than a line: let it stick out rather than lose or loop
}

// lbHangs reports whether piece starts with a closing mark.
func lbHangs(piece []Atom) bool {
	first, _, ok := lbVisibleEnds(piece[0].Text)
	return ok && lbClassOf(first) == lbClose
}

// lbHanging is the width of the closing marks at the end of piece, if
// there are at most two of them (as in "。」" or "……"): so much may hang
// past the end of a line. It is 0 for more, which must not hang.
func lbHanging(piece []Atom) float64 {
	items := lbItems(piece)
	w, marks := 0.0, 0
	for k := len(items) - 1; k >= 0; k-- {
		switch c := lbClassOf(items[k].r); {
		case c == lbClose:
			marks++
		case c != lbExtend && !lbIsBlank(items[k].r):
			if marks > 2 {
				return 0
			}
			return w
		}
		w += items[k].width
	}
	return 0 // nothing but marks
}

// Boundaries between two characters inside a group, from the most to the
// least acceptable place for a line break.
const (
	lbFree      = iota // e.g. between two CJK characters of one caller-made atom
	lbSoft             // inside a Latin word or number
	lbRule             // against 避头尾: taken only when a group has no other cut
	lbForbidden        // inside a character (before a combining mark, after a joiner)
)

// lbItem is one character of a piece being cut.
type lbItem struct {
	atom       int // index in the piece
	start, end int // byte range in the atom's Text
	r          rune
	width      float64 // estimated
}

// lbSplit cuts piece at every boundary no worse than level (lbFree, lbSoft
// or lbRule) and returns the parts.
func lbSplit(piece []Atom, level int) [][]Atom {
	items := lbItems(piece)
	n := len(items)
	// Visible neighbours decide the punctuation rules: "（ 中" may not be cut
	// after the space either.
	prevVis, nextVis := make([]rune, n), make([]rune, n)
	last := rune(-1)
	for k, it := range items {
		if !lbIsBlank(it.r) {
			last = it.r
		}
		prevVis[k] = last
	}
	last = -1
	for k := n - 1; k >= 0; k-- {
		if !lbIsBlank(items[k].r) {
			last = items[k].r
		}
		nextVis[k] = last
	}
	var parts [][]Atom
	from := 0
	for k := 1; k < n; k++ {
		p, q := prevVis[k-1], nextVis[k]
		kind := lbFree
		switch {
		case lbInsideCharacter(items[k-1].r, items[k].r):
			kind = lbForbidden
		case p < 0 || q < 0:
			// Only blanks on one side: the piece's edge spaces stay with it.
			kind = lbForbidden
		case lbMustJoin(p, q, false):
			kind = lbRule
		case lbIsWordRune(items[k-1].r) && lbIsWordRune(items[k].r):
			kind = lbSoft
		}
		if kind <= level {
			parts = append(parts, lbPieceAtoms(piece, items[from:k]))
			from = k
		}
	}
	return append(parts, lbPieceAtoms(piece, items[from:]))
}

// lbInsideCharacter reports whether a and b, adjacent, are parts of one
// character as printed: b is a combining mark, a joiner or a variation
// selector, or a is a zero-width joiner.
func lbInsideCharacter(a, b rune) bool {
	return lbClassOf(b) == lbExtend || a == lbZWJ
}

// lbItems lists the characters of piece with estimated widths: each atom's
// width is shared out among its characters, full-width ones counting double
// and combining marks nothing.
func lbItems(piece []Atom) []lbItem {
	var items []lbItem
	for ai, a := range piece {
		first, total := len(items), 0.0
		for i := 0; i < len(a.Text); {
			r, n := utf8.DecodeRuneInString(a.Text[i:])
			wt := 1.0
			switch c := lbClassOf(r); {
			case c == lbExtend || r == lbZWSP:
				wt = 0
			case c != lbNarrow && r >= 0x1100:
				wt = 2
			}
			items = append(items, lbItem{atom: ai, start: i, end: i + n, r: r, width: wt})
			total += wt
			i += n
		}
		for k := first; k < len(items); k++ {
			if total > 0 {
				items[k].width = a.Width * items[k].width / total
			} else {
				items[k].width = a.Width / float64(len(items)-first)
			}
		}
	}
	return items
}

// lbPieceAtoms turns consecutive items back into atoms; an atom that is not
// cut is returned unchanged, with its measured width.
func lbPieceAtoms(piece []Atom, items []lbItem) []Atom {
	var out []Atom
	for lo := 0; lo < len(items); {
		hi, w := lo, 0.0
		for hi < len(items) && items[hi].atom == items[lo].atom {
			w += items[hi].width
			hi++
		}
		a := piece[items[lo].atom]
		if s, e := items[lo].start, items[hi-1].end; s > 0 || e < len(a.Text) {
			a.Text, a.Width = a.Text[s:e], w
		}
		out = append(out, a)
		lo = hi
	}
	return out
}
