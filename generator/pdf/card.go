// The action card of an emergency plan (package card): first in the plan's
// PDF, and printed on one A4 page of its own (Binder.CardOnly). A plan that
// is not in force carries a watermark on every page (Doc.Watermark).

package pdf

import (
	"strings"

	"guifan/generator/card"
)

// cardRed is the colour of the card's frame and headings.
var cardRed = [3]int{198, 40, 40}

// writeCard typesets b's first document's card alone, on one page (it
// shrinks its type until the card fits, down to a floor).
func (w *writer) writeCard(b Binder) {
	if len(b.Docs) == 0 || b.Docs[0].Card == nil {
		return
	}
	d := &b.Docs[0]
	f := w.f
	f.AddPage()
	w.doc = d
	w.y = marginT - 4
	w.setFont(styleSans, 18)
	f.Bookmark(outline(d.Title), 0, w.y)
	w.card(d.Card, true)
}

// card draws c from w.y across the text width. Alone (the card's own
// PDF) it starts with the plan's title and uses larger type.
func (w *writer) card(c *card.Card, alone bool) {
	f := w.f
	x, width := marginL, textW
	top := w.y
	size := 10.0
	if alone {
		size = 13
		w.cardLines(c.Labels.Card+" · "+c.Title, styleSans, 18, x, width, &cardRed)
		w.y += 1
	} else {
		w.cardLines(c.Labels.Card, styleSans, 13, x+2, width-4, &cardRed)
	}
	if c.Banner != "" {
		w.y += 1
		lines := Break(Atoms(c.Banner, styleSans, w.measure(size)), width-6, 0)
		h := float64(len(lines))*w.lineHeight(size)*0.85 + 3
		w.need(h)
		f.SetFillColor(255, 225, 222)
		f.SetDrawColor(cardRed[0], cardRed[1], cardRed[2])
		f.SetLineWidth(0.5)
		f.Rect(x, w.y, width, h, "FD")
		w.y += 1.5
		w.cardDraw(lines, styleSans, size, x+3, &cardRed)
		w.y += 2
	}
	if c.Scenario != "" {
		line := c.Labels.ScenarioLine
		if line == "" {
			line = c.Scenario
		}
		w.cardLines(line, styleSerif, size-1, x+2, width-4, nil)
	}
	heading := func(s string) {
		w.y += 1.5
		w.need(w.lineHeight(size+1.5) + 2*w.lineHeight(size))
		w.cardLines(s, styleSans, size+1.5, x+2, width-4, &cardRed)
	}
	if len(c.First) > 0 {
		heading(c.Labels.First)
		for i, a := range c.First {
			num := string(rune('1'+i)) + "."
			if i >= 9 {
				num = "•"
			}
			w.text(x+3, w.y+w.lineHeight(size)*0.85*0.72, num, styleSans, size)
			w.cardLines(a, styleSans, size, x+9, width-11, nil)
		}
	}
	lh := w.lineHeight(size-0.5) * 0.8
	st := rowStyle{size: size - 0.5, lh: lh, pad: 0.8, base: 0.75}
	cell := func(cx, cw float64, s string, style int, fill *[3]int) rowCell {
		return rowCell{x: cx, w: cw, fill: fill, lines: Break(Atoms(s, style, w.measure(size-0.5)), cw-2*st.pad-1, 0)}
	}
	shade := [3]int{248, 236, 234}
	if len(c.Calls) > 0 {
		heading(c.Labels.Calls)
		whoW, numW := 26.0, 50.0
		for _, k := range c.Calls {
			w.row([]rowCell{
				cell(x, whoW, k.Who, styleSans, &shade),
				cell(x+whoW, numW, strings.Join(k.Numbers, " / "), styleSans, nil),
				cell(x+whoW+numW, width-whoW-numW, k.Note, styleSerif, nil),
			}, st, nil)
		}
	}
	if len(c.Levels) > 0 {
		heading(c.Labels.Levels)
		nameW, inW := 50.0, 24.0
		for _, l := range c.Levels {
			w.row([]rowCell{
				cell(x, nameW, l.Name, styleSans, &shade),
				cell(x+nameW, inW, l.Within, styleSans, nil),
				cell(x+nameW+inW, width-nameW-inW, l.ReportTo, styleSerif, nil),
			}, st, nil)
		}
	}
	if len(c.Fallback) > 0 {
		heading(c.Labels.Fallback)
		// Two pairs of columns a row: the steps are short.
		half := width / 2
		pW := half - 22
		for i := 0; i < len(c.Fallback); i += 2 {
			cells := []rowCell{
				cell(x, pW, c.Fallback[i].Process, styleSans, &shade),
				cell(x+pW, 22, c.Fallback[i].After, styleSans, nil),
			}
			if i+1 < len(c.Fallback) {
				cells = append(cells,
					cell(x+half, pW, c.Fallback[i+1].Process, styleSans, &shade),
					cell(x+half+pW, 22, c.Fallback[i+1].After, styleSans, nil))
			}
			w.row(cells, st, nil)
		}
	}
	w.y += 2
	// The frame, on the page where the card ends (the whole card when it
	// fits on one, which the card's own PDF always should).
	if !alone && w.f.PageNo() > 0 && w.y > top {
		f.SetDrawColor(cardRed[0], cardRed[1], cardRed[2])
		f.SetLineWidth(0.6)
		f.Rect(x-2, top-1, width+4, w.y-top+1, "D")
		f.SetLineWidth(0.2)
	}
	f.SetDrawColor(0, 0, 0)
	w.y += 4
}

// cardLines breaks s into lines of width and draws them from w.y, in
// colour when one is given.
func (w *writer) cardLines(s string, style int, size, x, width float64, colour *[3]int) {
	w.cardDraw(Break(Atoms(s, style, w.measure(size)), width, 0), style, size, x, colour)
}

func (w *writer) cardDraw(lines [][]Atom, style int, size, x float64, colour *[3]int) {
	lh := w.lineHeight(size) * 0.85
	if colour != nil {
		w.f.SetTextColor(colour[0], colour[1], colour[2])
	}
	for _, l := range lines {
		w.need(lh)
		for i := range l {
			l[i].Style = style
		}
		w.drawLine(l, x, w.y+lh*0.72, size, 0)
		w.y += lh
	}
	w.f.SetTextColor(0, 0, 0)
}

// watermark draws the current document's watermark (a plan not in force)
// across the page, light and turned, over what is on it.
func (w *writer) watermark() {
	if w.doc == nil || w.doc.Watermark == "" {
		return
	}
	f := w.f
	size := 44.0
	tw := w.measure(size)(w.doc.Watermark, styleSans)
	f.SetAlpha(0.18, "Normal")
	f.SetTextColor(cardRed[0], cardRed[1], cardRed[2])
	f.TransformBegin()
	f.TransformRotate(35, pageW/2, pageH/2)
	w.text(pageW/2-tw/2, pageH/2+size*ptToMM/3, w.doc.Watermark, styleSans, size)
	f.TransformEnd()
	f.SetAlpha(1, "Normal")
	f.SetTextColor(0, 0, 0)
}

// addCard adds the characters a document's card and watermark draw.
func (c *Chars) addCard(d *Doc) {
	c.Add(d.Watermark)
	k := d.Card
	if k == nil {
		return
	}
	l := k.Labels
	for _, s := range []string{k.Title, k.Scenario, k.Labels.ScenarioLine, k.Banner, l.Card, l.Scenario, l.Levels, l.Calls, l.Fallback, l.First, "·•./ 0123456789"} {
		c.Add(s)
	}
	c.Add(strings.Join(k.First, ""))
	for _, x := range k.Calls {
		c.Add(x.Who + x.Note + strings.Join(x.Numbers, ""))
	}
	for _, x := range k.Levels {
		c.Add(x.Name + x.Within + x.ReportTo)
	}
	for _, x := range k.Fallback {
		c.Add(x.Process + x.After)
	}
}
