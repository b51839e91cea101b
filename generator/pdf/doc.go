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
	if w.part != "" {
		f.Bookmark(outline(w.part), 0, w.y)
	}
	f.Bookmark(outline(d.Title), w.level, w.y)
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
	if d.Card != nil {
		w.card(d.Card, false) // card.go: an emergency plan's action card first
	}
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

// block typesets one block, nested depth deep in lists and quotes.
func (w *writer) block(b markdown.Block, depth int) {
	x := marginL + indent(depth)
	width := textW - indent(depth)
	switch b.Kind {
	case markdown.BlockHeading:
		w.heading(b, x, width)
	case markdown.BlockParagraph:
		indent := 0.0
		if depth == 0 {
			indent = 2 * bodyPt * ptToMM * 1.0
		}
		w.paragraph(b.Spans, x, width, bodyPt, indent)
		w.y += 1.5
	case markdown.BlockList:
		w.list(b, depth, x, width)
	case markdown.BlockTable:
		w.table(b, x, width)
	case markdown.BlockCode:
		w.code(b.Code, x, width)
	case markdown.BlockQuote:
		w.quote(b, depth, x)
	case markdown.BlockRule:
		w.rule(x, width)
	}
}

// heading sets a heading in bold, kept with what follows, and bookmarks
// the first two levels.
func (w *writer) heading(b markdown.Block, x, width float64) {
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
		w.f.Bookmark(outline(plain(b.Spans)), w.level+1, w.y)
	}
	bold := make([]markdown.Span, len(b.Spans))
	for i, s := range b.Spans {
		s.Bold = true
		bold[i] = s
	}
	w.paragraph(bold, x, width, size, 0)
	w.y += 1
}

// list sets each item after its marker (bullet, number or task box).
func (w *writer) list(b markdown.Block, depth int, x, width float64) {
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
			if j == 0 && ib.Kind == markdown.BlockParagraph {
				w.paragraph(ib.Spans, x+7, width-7, bodyPt, 0)
				continue
			}
			w.block(ib, depth+1)
		}
	}
	w.y += 1.5
}

// quote sets the quoted blocks in grey with a bar beside them (when they
// stay on one page).
func (w *writer) quote(b markdown.Block, depth int, x float64) {
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
}

// rule draws a thematic break.
func (w *writer) rule(x, width float64) {
	w.need(6)
	w.f.SetDrawColor(160, 160, 160)
	w.f.Line(x, w.y+3, x+width, w.y+3)
	w.f.SetDrawColor(0, 0, 0)
	w.y += 6
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
