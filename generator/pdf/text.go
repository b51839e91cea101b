// Drawing text: the font for each character, widths, and text cut short to fit.

package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

func (w *writer) setFont(style int, size float64) {
	w.size = size
	w.useFont(w.chains[style][0], size)
}

// curFont is the font and size last selected in fpdf, when known (ok).
type curFont struct {
	font int
	size float64
	ok   bool
}

// useFont selects font i at size in fpdf unless it is selected already:
// fpdf writes a font change into the page at every SetFont, which was a
// tenth of a build's work. The selection is forgotten where the page's
// graphics state may differ from it: after the watermark's saved and
// restored state, and on going back to an earlier page (SetPage); the
// page header and footer leave it as they found it, as fpdf's AddPage
// restores the font after them.
func (w *writer) useFont(i int, size float64) {
	if w.cur.ok && w.cur.font == i && w.cur.size == size {
		return
	}
	w.f.SetFont(fontName(i), "", size)
	w.cur = curFont{font: i, size: size, ok: true}
}

// fontNames are the names fonts are registered under, by index: f0, f1, ...
var fontNames = [...]string{"f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"}

// fontName is the name the writer's font i is registered under.
func fontName(i int) string {
	if i < len(fontNames) {
		return fontNames[i]
	}
	return fmt.Sprintf("f%d", i)
}

// fontFor picks the first font of a style's chain that has r. Control
// characters count as missing: fonts map some of them to glyphs of odd
// widths (U+0000 was 35 em wide).
func (w *writer) fontFor(style int, r rune) (int, bool) {
	if unicode.IsControl(r) {
		return w.chains[style][0], false
	}
	for _, i := range w.chains[style] {
		if w.fonts[i].Has(r) {
			w.checkCut(i, r)
			return i, true
		}
	}
	for _, i := range w.chains[1-style] {
		if w.fonts[i].Has(r) {
			w.checkCut(i, r)
			return i, true
		}
	}
	return w.chains[style][0], false
}

// checkCut notes that the PDF must be written again with whole fonts when
// font i is cut and lacks r.
func (w *writer) checkCut(i int, r rune) {
	if !w.fonts[i].inCut(r) {
		w.uncut = true
	}
}

// substitute is shown for a character no font has.
const substitute = '□'

// outline prepares text for the PDF's bookmarks and document properties,
// which fpdf encodes as UTF-16 by hand: it panics on invalid UTF-8 and
// garbles characters above U+FFFF, so those become the substitute.
func outline(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r > 0xffff {
			return substitute
		}
		return r
	}, strings.ToValidUTF8(s, string(substitute)))
}

func (w *writer) runeWidth(style int, size float64, r rune) float64 {
	if w.probe != nil {
		w.probe.widthCalls++
	}
	font, ok := w.fontFor(style, r)
	if !ok {
		r = substitute
		font, _ = w.fontFor(style, r)
	}
	if t := w.units[font]; t != nil && r >= 0 && int(r) < len(t) {
		// What fpdf's GetStringWidth computes, from a table made once per
		// font instead of a lookup per PDF.
		return float64(t[r]) * (size / mmScale) / 1000
	}
	k := widthKey{font, size, r}
	if v, ok := w.widths[k]; ok {
		return v
	}
	w.useFont(font, size)
	v := w.f.GetStringWidth(string(r))
	w.widths[k] = v
	return v
}

// mmScale is fpdf's scale factor for millimetres, points per millimetre.
const mmScale = 72.0 / 25.4

// measure is the Measure of the line breaker at the current size.
func (w *writer) measure(size float64) Measure {
	return func(s string, style int) float64 {
		total := 0.0
		for _, r := range s {
			total += w.runeWidth(style%2, size, r)
		}
		return total
	}
}

// text draws s at (x, baseline y) in a style, character by character in
// the font that has it, and returns the width drawn.
func (w *writer) text(x, y float64, s string, style int, size float64) float64 {
	start := x
	var run []rune
	runFont := -1
	flush := func() {
		if len(run) > 0 {
			w.useFont(runFont, size)
			w.f.Text(x, y, string(run))
			x0 := x
			for _, r := range run {
				x += w.runeWidth(style, size, r)
			}
			if w.probe != nil {
				w.probe.drawn = append(w.probe.drawn, drawn{w.f.PageNo(), x0, y, x - x0, string(run), w.orient})
			}
			run = run[:0]
		}
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		font, ok := w.fontFor(style, r)
		if !ok {
			w.miss(r)
			r = substitute
			font, _ = w.fontFor(style, r)
		}
		if font != runFont {
			flush()
			runFont = font
		}
		run = append(run, r)
	}
	flush()
	return x - start
}

func (w *writer) miss(r rune) {
	id := ""
	if w.doc != nil {
		id = w.doc.ID
	}
	m := Missing{Doc: id, Rune: r}
	if !w.missing[m] {
		w.missing[m] = true
		w.order = append(w.order, m)
	}
}

func (w *writer) lineHeight(size float64) float64 { return size * leading * ptToMM }

// ellipsis ends a text cut short to fit.
const ellipsis = "…"

// fit returns s, or as much of it as fits in width followed by "…". It
// measures at most the characters that fit and one more, so its work does
// not grow with the length of s.
func (w *writer) fit(s string, style int, size, width float64) string {
	ell := w.measure(size)(ellipsis, style)
	used := 0.0
	cut := -1 // where s is cut when it does not fit: the prefix and "…" fit
	for i, r := range s {
		rw := w.runeWidth(style, size, r)
		if cut < 0 && used+rw+ell > width {
			cut = i
		}
		used += rw
		if used > width {
			return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + ellipsis
		}
	}
	return s
}

// wrapFit breaks s into at most n lines of width; when more would be
// needed, the last line ends with "…".
func (w *writer) wrapFit(s string, style int, size, width float64, n int) []string {
	lines := wrapSimple(w, s, style, size, width)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = w.fit(lines[n-1]+ellipsis, style, size, width)
	}
	return lines
}

// balanced breaks s like wrapFit, into at most n lines of width, but
// with lines of even length: the narrowest width that still needs no more
// lines, so that no line is left with a character or two (a centred
// title's last line). Widths are tried to a tenth of a millimetre.
func (w *writer) balanced(s string, style int, size, width float64, n int) []string {
	lines := w.wrapFit(s, style, size, width, n)
	if len(lines) < 2 || len(lines) >= n && len(wrapSimple(w, s, style, size, width)) > n {
		return lines
	}
	lo, hi := width/float64(len(lines)), width // hi always gives len(lines)
	for hi-lo > 0.1 {
		mid := (lo + hi) / 2
		if len(wrapSimple(w, s, style, size, mid)) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	out := wrapSimple(w, s, style, size, hi)
	// A bracketed tail ("（第 2 册，共 2 册）") goes whole on a line of its
	// own, rather than split in the middle, when that takes no more lines.
	if i := strings.LastIndexAny(s, "（("); i > 0 && out[len(out)-1] != s[i:] {
		head := wrapSimple(w, strings.TrimRight(s[:i], " "), style, size, width)
		tail := wrapSimple(w, s[i:], style, size, width)
		if len(tail) == 1 && len(head)+1 <= len(out) {
			return append(head, tail...)
		}
	}
	return out
}

// wrapSimple breaks a short text (a title) into lines.
func wrapSimple(w *writer, s string, style int, size, width float64) []string {
	lines := Break(Atoms(s, style, w.measure(size)), width, 0)
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, a := range l {
			b.WriteString(a.Text)
		}
		out = append(out, b.String())
	}
	return out
}
