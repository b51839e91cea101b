// Paragraphs: styled spans into atoms, broken into justified lines and drawn.

package pdf

import "guifan/generator/markdown"

// drawLine draws a broken line of atoms; extra spreads the space left over
// between the atoms (for justified lines), or is 0.
func (w *writer) drawLine(atoms []Atom, x, baseline, size, extra float64) {
	gap := 0.0
	if extra > 0 && len(atoms) > 1 {
		gap = extra / float64(len(atoms)-1)
	}
	for _, a := range atoms {
		style := a.Style
		if style >= styleLink {
			w.f.SetTextColor(11, 79, 138)
		}
		w.text(x, baseline, a.Text, style%2, size)
		if style >= styleLink {
			w.f.SetTextColor(0, 0, 0)
		}
		x += a.Width + gap
	}
}

// Styles of atoms: serif or sans, plus link colour.
const (
	styleLink = 2
)

func spanStyle(s markdown.Span) int {
	style := styleSerif
	if s.Bold || s.Code {
		style = styleSans
	}
	if s.Link != "" {
		style += styleLink
	}
	return style
}

func (w *writer) atoms(spans []markdown.Span, size float64) []Atom {
	var out []Atom
	m := w.measure(size)
	for _, s := range spans {
		style := spanStyle(s)
		out = append(out, Atoms(s.Text, style, func(t string, st int) float64 { return m(t, st%2) })...)
	}
	return out
}

// paragraph typesets styled text in a box of width at x, justified except
// the last line, with a first-line indent.
func (w *writer) paragraph(spans []markdown.Span, x, width, size, indent float64) {
	lines := Break(w.atoms(spans, size), width, indent)
	lh := w.lineHeight(size)
	for i, l := range lines {
		w.need(lh)
		lx, lw := x, width
		if i == 0 {
			lx += indent
			lw -= indent
		}
		extra := 0.0
		if i < len(lines)-1 {
			used := 0.0
			for _, a := range l {
				used += a.Width
			}
			// Justify only lines that are nearly full; never stretch a
			// line ended by a hard break.
			if slack := lw - used; slack > 0 && slack < lw*0.15 {
				extra = slack
			}
		}
		w.drawLine(l, lx, w.y+lh*0.72, size, extra)
		w.y += lh
	}
}
