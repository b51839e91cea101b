package pdf

import (
	"strconv"
	"strings"

	"guifan/generator/markdown"
)

// document typesets one document from a new page and returns that page.
func (w *writer) document(d *Doc, link int) int {
	f := w.f
	f.AddPage() // draws the previous page's footer with the previous document
	w.doc = d
	w.y = marginT
	page := f.PageNo()
	f.SetLink(link, 0, page)
	w.setFont(styleSans, 18)
	f.Bookmark(d.Title, 0, w.y)
	// Title, centred, in Hei.
	for _, l := range wrapSimple(w, d.Title, styleSans, 18, textW) {
		lh := w.lineHeight(18) * 0.85
		w.need(lh)
		tw := w.measure(18)(l, styleSans)
		w.text((pageW-tw)/2, w.y+lh*0.75, l, styleSans, 18)
		w.y += lh
	}
	w.y += 3
	w.controlBox(d.Control)
	for _, b := range d.Blocks {
		w.block(b, 0)
	}
	return page
}

// controlBox draws the document-control fields as a ruled table of two
// label/value pairs per row.
func (w *writer) controlBox(pairs [][2]string) {
	if len(pairs) == 0 {
		return
	}
	f := w.f
	size := 9.5
	lh := w.lineHeight(size) * 0.8
	labelW, valueW := 20.0, textW/2-20
	for i := 0; i < len(pairs); i += 2 {
		row := pairs[i:min(i+2, len(pairs))]
		// Wrap values to know the row height.
		var cells [][][]Atom
		lines := 1
		for _, p := range row {
			vw := valueW
			if len(row) == 1 {
				vw = textW - labelW
			}
			ls := Break(Atoms(p[1], styleSerif, w.measure(size)), vw-3, 0)
			cells = append(cells, ls)
			lines = max(lines, len(ls))
		}
		h := float64(lines)*lh + 2
		w.need(h)
		x := marginL
		for j, p := range row {
			vw := valueW
			if len(row) == 1 {
				vw = textW - labelW
			}
			f.SetFillColor(240, 243, 247)
			f.Rect(x, w.y, labelW, h, "FD")
			w.text(x+1.5, w.y+1+lh*0.75, p[0], styleSans, size)
			f.Rect(x+labelW, w.y, vw, h, "D")
			for k, l := range cells[j] {
				w.drawLine(l, x+labelW+1.5, w.y+1+lh*float64(k)+lh*0.75, size, 0)
			}
			x += labelW + vw
		}
		w.y += h
	}
	w.y += 5
}

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

func (w *writer) block(b markdown.Block, depth int) {
	x := marginL + float64(depth)*8
	width := textW - float64(depth)*8
	switch b.Kind {
	case "heading":
		size := map[int]float64{1: 15, 2: 14, 3: 12.5}[b.Level]
		if size == 0 {
			size = 11.5
		}
		lh := w.lineHeight(size)
		// Keep a heading with at least two lines of what follows.
		w.need(lh*1.4 + 2*w.lineHeight(bodyPt))
		w.y += lh * 0.4
		if b.Level <= 2 && w.doc != nil {
			w.setFont(styleSans, size)
			w.f.Bookmark(plain(b.Spans), 1, w.y)
		}
		bold := make([]markdown.Span, len(b.Spans))
		for i, s := range b.Spans {
			s.Bold = true
			bold[i] = s
		}
		w.paragraph(bold, x, width, size, 0)
		w.y += 1
	case "paragraph":
		indent := 0.0
		if depth == 0 {
			indent = 2 * bodyPt * ptToMM * 1.0
		}
		w.paragraph(b.Spans, x, width, bodyPt, indent)
		w.y += 1.5
	case "list":
		n := b.Start
		if n == 0 {
			n = 1
		}
		for i, item := range b.Items {
			marker := "•"
			if b.Ordered {
				marker = strconv.Itoa(n+i) + "."
			}
			if i < len(b.Task) && b.Task[i] > 0 {
				marker = map[int]string{1: "□", 2: "■"}[b.Task[i]]
			}
			lh := w.lineHeight(bodyPt)
			w.need(lh)
			w.text(x+1, w.y+lh*0.72, marker, styleSerif, bodyPt)
			for j, ib := range item {
				if j == 0 && ib.Kind == "paragraph" {
					w.paragraph(ib.Spans, x+7, width-7, bodyPt, 0)
					continue
				}
				w.block(ib, depth+1)
			}
		}
		w.y += 1.5
	case "table":
		w.table(b, x, width)
	case "code":
		w.code(b.Code, x, width)
	case "quote":
		top := w.y
		startPage := w.f.PageNo()
		w.f.SetTextColor(90, 90, 90)
		for _, q := range b.Quote {
			w.block(q, depth+1)
		}
		w.f.SetTextColor(0, 0, 0)
		if w.f.PageNo() == startPage {
			w.f.SetDrawColor(180, 180, 180)
			w.f.SetLineWidth(0.8)
			w.f.Line(x+2, top, x+2, w.y-1)
			w.f.SetLineWidth(0.2)
			w.f.SetDrawColor(0, 0, 0)
		}
	case "rule":
		w.need(6)
		w.f.SetDrawColor(160, 160, 160)
		w.f.Line(x, w.y+3, x+width, w.y+3)
		w.f.SetDrawColor(0, 0, 0)
		w.y += 6
	}
}

// boldIf returns the spans in bold when on is set (header cells).
func boldIf(spans []markdown.Span, on bool) []markdown.Span {
	if !on {
		return spans
	}
	out := make([]markdown.Span, len(spans))
	for i, s := range spans {
		s.Bold = true
		out[i] = s
	}
	return out
}

func plain(spans []markdown.Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

func (w *writer) code(src string, x, width float64) {
	size := 9.0
	lh := w.lineHeight(size) * 0.85
	for _, line := range strings.Split(src, "\n") {
		lines := Break(Atoms(line, styleSans, w.measure(size)), width-6, 0)
		if len(lines) == 0 {
			lines = [][]Atom{nil}
		}
		for _, l := range lines {
			w.need(lh)
			w.f.SetFillColor(244, 246, 248)
			w.f.Rect(x, w.y, width, lh, "F")
			w.drawLine(l, x+3, w.y+lh*0.72, size, 0)
			w.y += lh
		}
	}
	w.y += 2
}

// table typesets a table: columns sized to their content, cells wrapped,
// the header row repeated at the top of each new page.
func (w *writer) table(b markdown.Block, x, width float64) {
	if len(b.Rows) == 0 {
		return
	}
	size := 9.5
	lh := w.lineHeight(size) * 0.82
	pad := 1.5
	cols := 0
	for _, r := range b.Rows {
		cols = max(cols, len(r))
	}
	// Column widths as browsers size tables: each column gets at least its
	// widest unbreakable piece (a number, a word, two characters), and the
	// rest of the width goes to the columns whose text is longer.
	natural := make([]float64, cols)
	least := make([]float64, cols)
	for ri, r := range b.Rows {
		for c, cell := range r {
			total := 0.0
			for _, a := range w.atoms(boldIf(cell, ri == 0 && b.Header), size) {
				total += a.Width
				least[c] = max(least[c], a.Width)
			}
			natural[c] = max(natural[c], total+2*pad)
		}
	}
	widths := make([]float64, cols)
	sumLeast, sumExtra := 0.0, 0.0
	for c := range widths {
		least[c] = max(least[c]*2+2*pad, 10) // room for two characters at least
		least[c] = min(least[c], width/float64(cols)*2)
		natural[c] = max(natural[c], least[c])
		sumLeast += least[c]
		sumExtra += natural[c] - least[c]
	}
	free := width - sumLeast
	for c := range widths {
		widths[c] = least[c]
		switch {
		case free <= 0:
			widths[c] = least[c] / sumLeast * width
		case sumExtra > 0:
			widths[c] += free * (natural[c] - least[c]) / sumExtra
		default:
			widths[c] += free / float64(cols)
		}
	}
	layout := func(r [][]markdown.Span, header bool) ([][][]Atom, float64) {
		cells := make([][][]Atom, cols)
		lines := 1
		for c := 0; c < cols; c++ {
			var spans []markdown.Span
			if c < len(r) {
				spans = r[c]
			}
			cells[c] = Break(w.atoms(boldIf(spans, header), size), widths[c]-2*pad, 0)
			lines = max(lines, len(cells[c]))
		}
		return cells, float64(lines)*lh + 2*pad
	}
	draw := func(cells [][][]Atom, h float64, header bool) {
		cx := x
		for c := 0; c < cols; c++ {
			style := "D"
			if header {
				w.f.SetFillColor(234, 239, 245)
				style = "FD"
			}
			w.f.Rect(cx, w.y, widths[c], h, style)
			for k, l := range cells[c] {
				w.drawLine(l, cx+pad, w.y+pad+lh*float64(k)+lh*0.72, size, 0)
			}
			cx += widths[c]
		}
		w.y += h
	}
	start := 0
	var head [][][]Atom
	var headH float64
	if b.Header {
		head, headH = layout(b.Rows[0], true)
		w.need(headH + lh*2)
		draw(head, headH, true)
		start = 1
	}
	w.f.SetDrawColor(150, 150, 150)
	for _, r := range b.Rows[start:] {
		cells, h := layout(r, false)
		if w.y+h > pageH-marginB {
			w.f.AddPage()
			w.y = marginT
			if b.Header {
				draw(head, headH, true)
			}
		}
		if h > pageH-marginB-marginT-headH {
			// A row taller than a page: draw it anyway, it will overflow
			// rather than loop; such rows do not occur in documents.
			h = pageH - marginB - w.y
		}
		draw(cells, h, false)
	}
	w.f.SetDrawColor(0, 0, 0)
	w.y += 3
}
