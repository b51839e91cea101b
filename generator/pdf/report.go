// The auditor's report: a cover, a summary with a bar chart of the
// chapters, the per-article table at fixed widths, the attestation trail
// and a signature block. Its only entry is Binder.Report (write calls
// report when it is set); every word it prints comes in the Report.

package pdf

import "guifan/generator/markdown"

// plainSpans is s as one plain span.
func plainSpans(s string) []markdown.Span { return []markdown.Span{{Text: s}} }

// Report is the auditor's report, every word already in the reader's
// language: the writer only lays it out. It has no ids: whoever fills it
// gives readers words.
type Report struct {
	Footer string // printed on every page's footer (the assessment date)

	Summary   string   // the summary's heading
	Lede      []string // paragraphs under it
	Chart     string   // the chart's caption
	Legend    []Verdict
	Chapters  []ChartRow
	ChartAlt  string // the chart as text, under it
	Articles  string // the per-article table's heading
	Columns   [4]string
	Rows      []ReportArticle
	Trail     string // the attestation trail's heading
	TrailLede string
	TrailCols [5]string
	TrailRows [][5]string
	Stale     string // heading of the attestations to review; empty: none
	StaleRows []string
	Signature string // the signature block's heading
	SignLede  string
	Signers   []string // a box per role (审核员, 医院负责人, ...)
	SignName  string   // "签字："
	SignDate  string   // "日期："
	// Seal is the label of the box for the hospital's seal (医院盖章),
	// drawn under the last signer's box; empty: no seal box.
	Seal string
}

// Verdict is a verdict's word and its class (met, partial, missing,
// manual, not_applicable, info), which picks its colour.
type Verdict struct {
	Word  string
	Class string
}

// ChartRow is one bar of the chapter chart: its label and the number of
// articles of each verdict, in the order of Report.Legend.
type ChartRow struct {
	Label  string
	Counts []int
}

// ReportArticle is one article: a shaded row with its heading and
// verdict, then a row per requirement.
type ReportArticle struct {
	Heading      string
	Verdict      Verdict
	Requirements []ReportRequirement
}

// ReportRequirement is one requirement: its title, the verdict that
// stands, the verdict guifan computed from the documents when an auditor
// decided otherwise (else empty), and labelled notes (gap, evidence, the
// auditor's attestation and justification).
type ReportRequirement struct {
	Title    string
	Verdict  Verdict
	Computed *Verdict
	Notes    []Note
}

// Note is a labelled paragraph of a requirement's notes.
type Note struct {
	Label, Text string
}

// Colours of the verdict classes: ink and background, as on the site.
var verdictColours = map[string][2][3]int{
	"met":            {{26, 127, 55}, {218, 251, 225}},
	"partial":        {{138, 90, 0}, {255, 241, 194}},
	"missing":        {{179, 38, 30}, {255, 225, 222}},
	"manual":         {{11, 87, 168}, {221, 238, 255}},
	"not_applicable": {{87, 96, 106}, {234, 238, 242}},
	"info":           {{140, 149, 159}, {234, 238, 242}},
}

func colours(class string) [2][3]int {
	if c, ok := verdictColours[class]; ok {
		return c
	}
	return verdictColours["info"]
}

// Sizes of the report's tables.
const (
	reportPt  = 9.0
	reportPad = 1.5
)

// addReport adds the characters a report draws.
func (c *Chars) addReport(r *Report) {
	if r == nil {
		return
	}
	for _, s := range []string{r.Footer, r.Summary, r.Chart, r.ChartAlt, r.Articles, r.Trail, r.TrailLede, r.Stale, r.Signature, r.SignLede, r.SignName, r.SignDate, r.Seal} {
		c.Add(s)
	}
	c.Add("0123456789")
	for _, lists := range [][]string{r.Lede, r.Columns[:], r.TrailCols[:], r.StaleRows, r.Signers} {
		for _, s := range lists {
			c.Add(s)
		}
	}
	for _, v := range r.Legend {
		c.Add(v.Word)
	}
	for _, ch := range r.Chapters {
		c.Add(ch.Label)
	}
	for _, row := range r.TrailRows {
		for _, s := range row {
			c.Add(s)
		}
	}
	for _, a := range r.Rows {
		c.Add(a.Heading)
		c.Add(a.Verdict.Word)
		for _, q := range a.Requirements {
			c.Add(q.Title)
			c.Add(q.Verdict.Word)
			if q.Computed != nil {
				c.Add(q.Computed.Word)
			}
			for _, n := range q.Notes {
				c.Add(n.Label)
				c.Add(n.Text)
			}
		}
	}
}

// report typesets the auditor's report after the binder's cover.
func (w *writer) report(r *Report) {
	w.binder.Cover = true // page 1 is the cover: no header or footer
	w.cover()
	w.doc = &Doc{Title: w.binder.Title, Number: r.Footer}
	w.f.AddPage()
	w.y = marginT
	w.reportHeading(r.Summary)
	for _, p := range r.Lede {
		w.paragraph(plainSpans(p), marginL, textW, 10.5, 2*10.5*ptToMM)
		w.y += 1.5
	}
	if len(r.Chapters) > 0 {
		w.chart(r)
	}
	w.f.AddPage()
	w.y = marginT
	w.reportHeading(r.Articles)
	w.articleTable(r)
	w.reportHeading(r.Trail)
	if r.TrailLede != "" {
		w.paragraph(plainSpans(r.TrailLede), marginL, textW, 10.5, 0)
		w.y += 2
	}
	if len(r.TrailRows) > 0 {
		w.trailTable(r)
	}
	if r.Stale != "" {
		w.reportHeading(r.Stale)
		for _, s := range r.StaleRows {
			w.paragraph(plainSpans(s), marginL, textW, 10, 0)
			w.y += 1
		}
	}
	w.signature(r)
}

// reportHeading sets a section heading, bookmarked, kept with what follows.
func (w *writer) reportHeading(s string) {
	if s == "" {
		return
	}
	size := 14.0
	lh := w.lineHeight(size)
	w.need(lh*1.4 + 3*w.lineHeight(bodyPt))
	w.y += lh * 0.3
	w.setFont(styleSans, size)
	w.f.Bookmark(outline(s), 0, w.y)
	w.text(marginL, w.y+lh*0.72, s, styleSans, size)
	w.y += lh + 1
}

// chart draws the chapters as horizontal bars, one segment per verdict,
// with the counts written in the segments, a legend and a caption.
func (w *writer) chart(r *Report) {
	labelW, totalW := 46.0, 10.0
	barX := marginL + labelW
	barW := textW - labelW - totalW
	rowH, barH := 7.5, 4.6
	most := 1
	for _, ch := range r.Chapters {
		n := 0
		for _, c := range ch.Counts {
			n += c
		}
		most = max(most, n)
	}
	height := float64(len(r.Chapters))*rowH + 22
	w.need(height)
	w.y += 2
	w.text(marginL, w.y+4, r.Chart, styleSans, 10.5)
	w.y += 8
	top := w.y
	for _, ch := range r.Chapters {
		base := w.y + rowH*0.68
		w.text(marginL, base, w.fit(ch.Label, styleSerif, reportPt, labelW-3), styleSerif, reportPt)
		x, n := barX, 0
		for i, c := range ch.Counts {
			if c == 0 || i >= len(r.Legend) {
				continue
			}
			n += c
			segW := barW * float64(c) / float64(most)
			col := colours(r.Legend[i].Class)
			w.f.SetFillColor(col[0][0], col[0][1], col[0][2])
			w.f.Rect(x, w.y+(rowH-barH)/2, segW, barH, "F")
			num := itoa(c)
			if nw := w.measure(8)(num, styleSans); nw+1.5 < segW {
				w.f.SetTextColor(255, 255, 255)
				w.text(x+(segW-nw)/2, w.y+rowH/2+1.1, num, styleSans, 8)
				w.f.SetTextColor(0, 0, 0)
			}
			x += segW
		}
		w.text(x+1.5, base, itoa(n), styleSans, reportPt)
		w.y += rowH
	}
	// The axis.
	w.f.SetDrawColor(120, 120, 120)
	w.f.Line(barX, top, barX, w.y)
	w.f.SetDrawColor(0, 0, 0)
	// The legend: a swatch and the word of each verdict.
	w.y += 2
	x := barX
	for _, v := range r.Legend {
		ww := w.measure(reportPt)(v.Word, styleSerif)
		if x+4+ww > marginL+textW {
			x = barX
			w.y += 5.5
		}
		col := colours(v.Class)
		w.f.SetFillColor(col[0][0], col[0][1], col[0][2])
		w.f.Rect(x, w.y+0.8, 3.2, 3.2, "F")
		w.text(x+4.4, w.y+3.6, v.Word, styleSerif, reportPt)
		x += 4.4 + ww + 5
	}
	w.y += 7
	if r.ChartAlt != "" {
		w.f.SetTextColor(90, 90, 90)
		w.paragraph(plainSpans(r.ChartAlt), marginL, textW, reportPt, 0)
		w.f.SetTextColor(0, 0, 0)
	}
	w.y += 3
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// verdictWidth is the width of a verdict column: the widest verdict word,
// in bold, and its padding, never less than min. A verdict is drawn as
// one unbreakable atom, so it never splits across lines.
func (w *writer) verdictWidth(words []string, least float64) float64 {
	most := least
	for _, s := range words {
		most = max(most, w.measure(reportPt)(s, styleSans)+2*reportPad+1)
	}
	return most
}

// verdictAtom is a verdict word as one atom: it is never broken.
func (w *writer) verdictAtom(v Verdict) [][]Atom {
	if v.Word == "" {
		return nil
	}
	return [][]Atom{{{Text: v.Word, Width: w.measure(reportPt)(v.Word, styleSans), Style: styleSans}}}
}

// noteLines breaks a cell's notes, each paragraph starting with its label
// in bold.
func (w *writer) noteLines(notes []Note, width float64) [][]Atom {
	var lines [][]Atom
	m := w.measure(reportPt)
	for _, n := range notes {
		var atoms []Atom
		if n.Label != "" {
			atoms = append(atoms, Atoms(n.Label, styleSans, m)...)
		}
		atoms = append(atoms, Atoms(n.Text, styleSerif, m)...)
		lines = append(lines, Break(atoms, width, 0)...)
	}
	return lines
}

// articleTable sets the per-article table: a shaded row per article
// (heading and verdict), then a row per requirement with its title, the
// verdict, the computed verdict where an auditor decided otherwise, and
// the notes. The widths are the same for every chapter.
func (w *writer) articleTable(r *Report) {
	var words []string // the header may wrap; a verdict never does
	for _, v := range r.Legend {
		words = append(words, v.Word)
	}
	vw := w.verdictWidth(words, 18)
	reqW := 40.0
	notesW := textW - reqW - 2*vw
	xs := [4]float64{marginL, marginL + reqW, marginL + reqW + vw, marginL + reqW + 2*vw}
	ws := [4]float64{reqW, vw, vw, notesW}
	lh := w.lineHeight(reportPt) * 0.82
	st := rowStyle{size: reportPt, lh: lh, pad: reportPad, base: 0.72}
	m := w.measure(reportPt)
	shade := [3]int{234, 239, 245}
	head := make([]rowCell, 4)
	for i, c := range r.Columns {
		head[i] = rowCell{x: xs[i], w: ws[i], fill: &shade, lines: Break(Atoms(c, styleSans, m), ws[i]-2*reportPad, 0)}
	}
	repeat := func() { w.row(head, st, nil) }
	w.need(3 * lh * 3)
	w.f.SetDrawColor(150, 150, 150)
	w.row(head, st, nil)
	for _, a := range r.Rows {
		ac := colours(a.Verdict.Class)
		fill := ac[1]
		title := Break(Atoms(a.Heading, styleSans, m), reqW+vw*2-2*reportPad-vw, 0)
		cells := []rowCell{
			{x: xs[0], w: textW - vw, fill: &fill, lines: title},
			{x: marginL + textW - vw, w: vw, fill: &fill, lines: w.verdictAtom(a.Verdict)},
		}
		// Keep an article's heading with its first requirement.
		need := float64(len(title))*lh + 2*reportPad
		if len(a.Requirements) > 0 {
			q := a.Requirements[0]
			n := max(len(Break(Atoms(q.Title, styleSerif, m), reqW-2*reportPad, 0)), len(w.noteLines(q.Notes, notesW-2*reportPad)), 1)
			// w.row moves a row that fits on a page to the next page
			// whole, so the heading needs all of it beside it; a longer
			// row starts here with at least two lines.
			if room := int((pageH - marginB - marginT - 2*reportPad) / lh); n > room {
				n = 2
			}
			need += float64(n)*lh + 2*reportPad
		}
		if w.y+need > pageH-marginB {
			w.f.AddPage()
			w.y = marginT
			repeat()
		}
		w.row(cells, st, repeat)
		for _, q := range a.Requirements {
			cells := []rowCell{
				{x: xs[0], w: ws[0], lines: Break(Atoms(q.Title, styleSerif, m), ws[0]-2*reportPad, 0)},
				{x: xs[1], w: ws[1], lines: w.verdictAtom(q.Verdict)},
				{x: xs[2], w: ws[2]},
				{x: xs[3], w: ws[3], lines: w.noteLines(q.Notes, ws[3]-2*reportPad)},
			}
			if q.Computed != nil {
				cells[2].lines = w.verdictAtom(*q.Computed)
				c := colours("manual")[1]
				cells[1].fill = &c
			}
			w.row(cells, st, repeat)
		}
	}
	w.f.SetDrawColor(0, 0, 0)
	w.y += 5
}

// trailTable lists every attestation: article and requirement, auditor,
// date and verdict.
func (w *writer) trailTable(r *Report) {
	m := w.measure(reportPt)
	words := []string{r.TrailCols[4]}
	for _, v := range r.Legend {
		words = append(words, v.Word)
	}
	vw := w.verdictWidth(words, 18)
	dateW := m(r.TrailCols[3], styleSans)
	for _, row := range r.TrailRows {
		dateW = max(dateW, m(row[3], styleSerif)) // a date is never broken
	}
	dateW += 2*reportPad + 1
	whoW := 40.0
	reqW := textW - vw - dateW - whoW
	ws := []float64{reqW, whoW, dateW, vw}
	cols := []string{r.TrailCols[0] + " / " + r.TrailCols[1], r.TrailCols[2], r.TrailCols[3], r.TrailCols[4]}
	lh := w.lineHeight(reportPt) * 0.82
	st := rowStyle{size: reportPt, lh: lh, pad: reportPad, base: 0.72}
	shade := [3]int{234, 239, 245}
	layout := func(texts []string, header bool) []rowCell {
		cells := make([]rowCell, len(ws))
		x := marginL
		for i, t := range texts {
			style := styleSerif
			if header {
				style = styleSans
			}
			cells[i] = rowCell{x: x, w: ws[i], lines: Break(Atoms(t, style, m), ws[i]-2*reportPad, 0)}
			if header {
				cells[i].fill = &shade
			}
			x += ws[i]
		}
		return cells
	}
	head := layout(cols, true)
	w.need(lh * 6)
	w.f.SetDrawColor(150, 150, 150)
	w.row(head, st, nil)
	for _, row := range r.TrailRows {
		cells := layout([]string{row[0] + " " + row[1], row[2], row[3], ""}, false)
		cells[3].lines = w.verdictAtom(Verdict{Word: row[4]})
		w.row(cells, st, func() { w.row(head, st, nil) })
	}
	w.f.SetDrawColor(0, 0, 0)
	w.y += 5
}

// signature draws a box per signer with lines to sign and date on, two to
// a row, and under the last signer (the hospital's) a box for its seal: a
// dashed circle where the seal goes and a line for the date.
func (w *writer) signature(r *Report) {
	if r.Signature == "" {
		return
	}
	boxH, sealH := 26.0, 48.0
	rows := float64(len(r.Signers)+1) / 2
	need := w.lineHeight(14)*2 + rows*(boxH+4) + 12
	if r.Seal != "" {
		need += sealH + 4
	}
	w.need(need)
	w.reportHeading(r.Signature)
	if r.SignLede != "" {
		w.paragraph(plainSpans(r.SignLede), marginL, textW, 10.5, 0)
		w.y += 3
	}
	gap := 6.0
	boxW := (textW - gap) / 2
	lastX := marginL
	for i, s := range r.Signers {
		x := marginL + float64(i%2)*(boxW+gap)
		lastX = x
		if i%2 == 0 && i > 0 {
			w.y += boxH + 4
		}
		w.f.SetDrawColor(150, 150, 150)
		w.f.Rect(x, w.y, boxW, boxH, "D")
		w.text(x+3, w.y+6, s, styleSans, 10.5)
		for j, label := range []string{r.SignName, r.SignDate} {
			base := w.y + 14 + float64(j)*8
			lw := w.text(x+3, base, label, styleSerif, 10)
			w.f.Line(x+3+lw+1, base+0.8, x+boxW-4, base+0.8)
		}
		w.f.SetDrawColor(0, 0, 0)
	}
	if r.Seal != "" {
		w.y += boxH + 4
		x, y := lastX, w.y
		w.f.SetDrawColor(150, 150, 150)
		w.f.Rect(x, y, boxW, sealH, "D")
		w.text(x+3, y+6, r.Seal, styleSans, 10.5)
		// Where the seal goes: a round seal is about 40 mm across.
		w.f.SetDrawColor(190, 190, 190)
		w.f.SetDashPattern([]float64{1.2, 1.2}, 0)
		w.f.Circle(x+boxW/2, y+8+(sealH-18)/2, 15, "D")
		w.f.SetDashPattern(nil, 0)
		w.f.SetDrawColor(150, 150, 150)
		base := y + sealH - 4
		lw := w.text(x+3, base, r.SignDate, styleSerif, 10)
		w.f.Line(x+3+lw+1, base+0.8, x+boxW-4, base+0.8)
		w.f.SetDrawColor(0, 0, 0)
		boxH = sealH
	}
	w.y += boxH + 6
}
