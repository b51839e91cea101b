// Page furniture: the cover, the contents, and each page's header and footer.

package pdf

import (
	"fmt"
	"strings"
)

// need starts a new page when h millimetres do not fit.
func (w *writer) need(h float64) {
	if w.y+h > pageH-marginB {
		w.f.AddPage()
		w.y = marginT
	}
}

// onCoverPage reports whether the current page is a binder's cover,
// which has no header or footer.
func (w *writer) onCoverPage() bool {
	return w.onCover || w.binder.Cover && w.f.PageNo() == 1
}

func (w *writer) header() {
	defer w.keepFont(w.cur)
	if w.onCoverPage() {
		return
	}
	f := w.f
	f.SetDrawColor(120, 120, 120)
	f.SetLineWidth(0.2)
	f.Line(marginL, 20, pageW-marginR, 20)
	f.SetTextColor(80, 80, 80)
	// One line: the hospital on the left, the binder's title (a single
	// document's own title) on the right, each cut short with "…" when
	// they do not fit together. Only what fits is measured, so a long
	// title costs nothing per page.
	hospital := w.fit(w.opt.Hospital, styleSans, 9, textW*0.45)
	hw := w.text(marginL, 18, hospital, styleSans, 9)
	title := w.fit(w.binder.Title, styleSans, 9, textW-hw-6)
	tw := w.measure(9)(title, styleSans)
	w.text(pageW-marginR-tw, 18, title, styleSans, 9)
	f.SetTextColor(0, 0, 0)
	w.mark()
}

// mark prints the binder's Mark ("内部资料") in red in a box at the top
// right of the page, above the header.
func (w *writer) mark() {
	if w.binder.Mark == "" {
		return
	}
	f := w.f
	const size = 10.0
	m := w.fit(w.binder.Mark, styleSans, size, textW/2)
	mw := w.measure(size)(m, styleSans)
	x, y := pageW-marginR-mw-2, 8.0
	f.SetDrawColor(198, 40, 40)
	f.SetLineWidth(0.4)
	f.Rect(x-2, y, mw+4, 6.5, "D")
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	f.SetTextColor(198, 40, 40)
	w.text(x, y+4.8, m, styleSans, size)
	f.SetTextColor(0, 0, 0)
}

func (w *writer) footer() {
	defer w.keepFont(w.cur)
	if w.onCoverPage() {
		return
	}
	w.watermark()    // card.go: a plan not in force
	w.cur.ok = false // the watermark's font was set within a saved state
	f := w.f
	f.SetDrawColor(120, 120, 120)
	f.Line(marginL, pageH-18, pageW-marginR, pageH-18)
	f.SetTextColor(80, 80, 80)
	page := w.opt.T("pdf.page", f.PageNo(), "{nb}")
	pw := w.measure(9)(strings.Replace(page, "{nb}", "00", 1), styleSans)
	if w.doc != nil {
		left := strings.TrimSpace(w.doc.Number + "  " + w.versionText(w.doc.Version))
		w.text(marginL, pageH-13, w.fit(left, styleSans, 9, textW-pw-6), styleSans, 9)
	}
	w.text(pageW-marginR-pw, pageH-13, page, styleSans, 9)
	f.SetTextColor(0, 0, 0)
}

// keepFont puts back the font selection the header or footer found:
// fpdf's AddPage selects it again after them (useFont).
func (w *writer) keepFont(c curFont) { w.cur = c }

func (w *writer) versionText(v string) string {
	if v == "" {
		return ""
	}
	return w.opt.T("pdf.version", v)
}

func (w *writer) cover() {
	f := w.f
	w.onCover = true
	f.AddPage()
	center := func(y float64, s string, style int, size float64) {
		tw := w.measure(size)(s, style)
		w.text((pageW-tw)/2, y, s, style, size)
	}
	// The cover has room for two lines of the hospital's name above the
	// top rule and four of the title between the rules.
	for i, l := range w.wrapFit(w.opt.Hospital, styleSans, 20, textW, 2) {
		center(80+float64(i)*10, l, styleSans, 20)
	}
	lines := w.balanced(w.binder.Title, styleSans, 30, textW, 4)
	y := 120.0
	for _, l := range lines {
		center(y, l, styleSans, 30)
		y += 16
	}
	if w.binder.Subtitle != "" {
		center(y+6, w.fit(w.binder.Subtitle, styleSerif, 14, textW), styleSerif, 14)
	}
	center(230, w.opt.T("pdf.cover-date", w.opt.Date.Year(), int(w.opt.Date.Month()), w.opt.Date.Day()), styleSerif, 14)
	f.SetDrawColor(11, 79, 138)
	f.SetLineWidth(0.8)
	f.Line(marginL+20, 100, pageW-marginR-20, 100)
	f.Line(marginL+20, 200, pageW-marginR-20, 200)
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	w.mark()
	w.onCover = false
}

// contents fills the reserved contents pages: each document's title, a
// dotted leader and its first page, linked to it; under parts, each
// part's heading in Hei before its documents, which are indented.
func (w *writer) contents(first, pages int, starts, links []int) {
	f := w.f
	lh := 8.0
	// The lines: a document's index, or -1-k for part k.
	rows := make([]int, 0, w.binder.tocRows())
	for i := range w.binder.Docs {
		for k, p := range w.binder.Parts {
			if p.First == i {
				rows = append(rows, -1-k)
			}
		}
		rows = append(rows, i)
	}
	in := 0.0
	if len(w.binder.Parts) > 0 {
		in = 2 * bodyPt * ptToMM
	}
	for p := 0; p < pages; p++ {
		f.SetPage(first + p)
		w.cur.ok = false
		y := marginT + 6
		if p == 0 {
			title := w.opt.T("pdf.contents")
			w.setFont(styleSans, 16)
			f.Bookmark(outline(title), 0, marginT)
			tw := w.measure(16)(title, styleSans)
			w.text((pageW-tw)/2, y, title, styleSans, 16)
			y += 14
		}
		for r := p * tocLines; r < len(rows) && r < (p+1)*tocLines; r++ {
			i, x, style := rows[r], marginL+in, styleSerif
			var title string
			if i < 0 {
				part := w.binder.Parts[-1-i]
				i, x, style, title = part.First, marginL, styleSans, part.Title
			} else {
				title = w.binder.Docs[i].Title
			}
			num := fmt.Sprint(starts[i])
			nw := w.measure(bodyPt)(num, style)
			title = w.fit(title, style, bodyPt, textW-(x-marginL)-nw-12)
			tw := w.text(x, y, title, style, bodyPt)
			w.text(pageW-marginR-nw, y, num, style, bodyPt)
			// dotted leader
			f.SetDrawColor(150, 150, 150)
			f.SetDashPattern([]float64{0.3, 1.2}, 0)
			f.Line(x+tw+2, y-0.6, pageW-marginR-nw-2, y-0.6)
			f.SetDashPattern(nil, 0)
			f.SetDrawColor(0, 0, 0)
			f.Link(marginL, y-lh+2, textW, lh, links[i])
			y += lh
		}
	}
}
