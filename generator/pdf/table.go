// Tables: ruled rows that break across pages, and column widths sized to their content.

package pdf

import "guifan/generator/markdown"

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
	widths := w.columnWidths(b.Rows, b.Header, cols, size, pad, width)
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

// columnWidths sizes columns as browsers size tables: each column gets at
// least its widest unbreakable piece (a number, a word, two characters)
// and, where the width allows, a column of short cells (a department, an
// amount, up to shortCell characters) and its header get the width of
// their widest on one line (负责部门 and 信息中心 never break one character
// a line beside a long column); the rest of the width goes to the columns
// whose text is longer.
func (w *writer) columnWidths(rows [][][]markdown.Span, header bool, cols int, size, pad, width float64) []float64 {
	natural := make([]float64, cols)
	least := make([]float64, cols)
	// short: the widest body cell of a column whose cells are all short,
	// and its header if that is short too; longCell characters for a
	// column with a long cell (it gets its share of the rest besides).
	short := make([]float64, cols)
	long := make([]bool, cols)
	head := make([]float64, cols)
	em := size * ptToMM
	for ri, r := range rows {
		for c, cell := range r {
			total := 0.0
			for _, a := range w.atoms(boldIf(cell, ri == 0 && header), size) {
				total += a.Width
				least[c] = max(least[c], a.Width)
			}
			natural[c] = max(natural[c], total+2*pad)
			switch {
			case ri == 0 && header:
				head[c] = total + 2*pad
			case total > shortCell*em:
				long[c] = true
			default:
				short[c] = max(short[c], total+2*pad)
			}
		}
	}
	for c := range short {
		switch {
		case long[c]:
			short[c] = longCell*em + 2*pad
		case head[c] <= shortCell*em+2*pad:
			short[c] = max(short[c], head[c])
		}
	}
	widths := make([]float64, cols)
	sumLeast, sumShort := 0.0, 0.0
	for c := range widths {
		// Room for the widest piece, and for two characters at least.
		least[c] = max(least[c]+2*pad, 2*em+2*pad)
		least[c] = min(least[c], width/float64(cols)*2)
		short[c] = max(short[c], least[c])
		sumLeast += least[c]
		sumShort += short[c]
	}
	// The short cells on one line as far as the width allows.
	if share := (width - sumLeast) / (sumShort - sumLeast); sumShort > sumLeast && share > 0 {
		for c := range least {
			least[c] += (short[c] - least[c]) * min(share, 1)
		}
		sumLeast = min(sumShort, width)
	}
	sumExtra := 0.0
	for c := range widths {
		natural[c] = max(natural[c], least[c])
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
	return widths
}

// longCell is the least a column of long text gets where the width
// allows: a line of that many characters.
const longCell = 4

// shortCell is the length (in em, Chinese characters) of a cell that a
// table keeps on one line where it can: a department, an amount, a date.
const shortCell = 6
