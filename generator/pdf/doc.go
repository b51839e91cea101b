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
	f.Bookmark(outline(d.Title), 0, w.y)
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
	size := 9.5
	lh := w.lineHeight(size) * 0.8
	labelW, valueW := 20.0, textW/2-20
	label := [3]int{240, 243, 247}
	for i := 0; i < len(pairs); i += 2 {
		row := pairs[i:min(i+2, len(pairs))]
		var cells []rowCell
		x := marginL
		for _, p := range row {
			vw := valueW
			if len(row) == 1 {
				vw = textW - labelW
			}
			cells = append(cells,
				rowCell{x: x, w: labelW, fill: &label, lines: Break(Atoms(p[0], styleSans, w.measure(size)), labelW-3, 0)},
				rowCell{x: x + labelW, w: vw, lines: Break(Atoms(p[1], styleSerif, w.measure(size)), vw-3, 0)})
			x += labelW + vw
		}
		w.row(cells, rowStyle{size: size, lh: lh, pad: 1, base: 0.75}, nil)
	}
	w.y += 5
}

// rowCell is a cell of a ruled row: its box and its broken lines.
type rowCell struct {
	x, w  float64
	lines [][]Atom
	fill  *[3]int // background, or nil
}

// rowStyle is how a ruled row is set: font size, line height, padding,
// and where the baseline is within a line (a fraction of lh).
type rowStyle struct {
	size, lh, pad, base float64
}

// row draws cells side by side, as tall as the cell with the most lines. A
// row that does not fit in the rest of the page goes to the next one; a row
// taller than a whole page is split between lines and continues on as many
// pages as it needs, so no line is ever drawn below the page. After each
// page break, repeat (a table's header row) is drawn first, if given.
func (w *writer) row(cells []rowCell, st rowStyle, repeat func()) {
	n := 1
	for _, c := range cells {
		n = max(n, len(c.lines))
	}
	bottom := pageH - marginB
	newPage := func() {
		w.f.AddPage()
		w.y = marginT
		if repeat != nil {
			repeat()
		}
	}
	fresh := false // on a page just started for this row
	for k := 0; k < n; {
		fit := int((bottom - w.y - 2*st.pad + lbEpsilon) / st.lh)
		rest := n - k
		if fit < rest && !fresh {
			// Move to a new page rather than split a row that fits on one,
			// or start a long one with less than two lines here.
			room := int((bottom - marginT - 2*st.pad) / st.lh)
			if fit < min(2, rest) || rest <= room {
				newPage()
				fresh = true
				continue
			}
		}
		m := max(1, min(fit, rest)) // at least one line, even if it overflows
		h := float64(m)*st.lh + 2*st.pad
		for _, c := range cells {
			style := "D"
			if c.fill != nil {
				w.f.SetFillColor(c.fill[0], c.fill[1], c.fill[2])
				style = "FD"
			}
			w.f.Rect(c.x, w.y, c.w, h, style)
			for j := k; j < k+m && j < len(c.lines); j++ {
				w.drawLine(c.lines[j], c.x+1.5, w.y+st.pad+st.lh*float64(j-k)+st.lh*st.base, st.size, 0)
			}
		}
		w.y += h
		k += m
		if k < n {
			newPage()
			fresh = true
		}
	}
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

// indent is how far blocks nested depth deep (in lists and quotes) are
// indented: 8 mm a level for the first levels, then 2 mm a level, and never
// more than 64 mm, so that text nested however deep still has most of the
// line (the Markdown parser already caps nesting at model.MaxNesting, but
// blocks may come from elsewhere).
func indent(depth int) float64 {
	const steep, step, wide, most = 6, 8.0, 2.0, 64.0
	d := max(depth, 0)
	return min(float64(min(d, steep))*step+float64(max(d-steep, 0))*wide, most)
}

func (w *writer) block(b markdown.Block, depth int) {
	x := marginL + indent(depth)
	width := textW - indent(depth)
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
			w.f.Bookmark(outline(plain(b.Spans)), 1, w.y)
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
	st := rowStyle{size: size, lh: lh, pad: pad, base: 0.72}
	shade := [3]int{234, 239, 245}
	layout := func(r [][]markdown.Span, header bool) []rowCell {
		cells := make([]rowCell, cols)
		cx := x
		for c := 0; c < cols; c++ {
			var spans []markdown.Span
			if c < len(r) {
				spans = r[c]
			}
			cells[c] = rowCell{x: cx, w: widths[c], lines: Break(w.atoms(boldIf(spans, header), size), widths[c]-2*pad, 0)}
			if header {
				cells[c].fill = &shade
			}
			cx += widths[c]
		}
		return cells
	}
	start := 0
	var repeat func()
	if b.Header {
		head := layout(b.Rows[0], true)
		lines := 1
		for _, c := range head {
			lines = max(lines, len(c.lines))
		}
		headH := float64(lines)*lh + 2*pad
		w.need(headH + lh*2)
		w.row(head, st, nil)
		start = 1
		// The header is repeated on each new page, unless it is itself so
		// tall that it would leave little room for the rows.
		if headH < (pageH-marginT-marginB)/4 {
			repeat = func() { w.row(head, st, nil) }
		}
	}
	w.f.SetDrawColor(150, 150, 150)
	for _, r := range b.Rows[start:] {
		w.row(layout(r, false), st, repeat)
	}
	w.f.SetDrawColor(0, 0, 0)
	w.y += 3
}
