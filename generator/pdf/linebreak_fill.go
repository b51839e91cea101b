// Break: binding atoms into groups and filling lines with them.

package pdf

import (
	"strings"
	"unicode/utf8"
)

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
			if marks == 0 || marks > 2 {
				return 0 // nothing hangs: combining marks or spaces alone do not
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
