// Character classes for line breaking: which characters may start or end a line, and which stay together.

package pdf

import "unicode"

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
