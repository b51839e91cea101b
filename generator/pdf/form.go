package pdf

import (
	"strings"

	"guifan/generator/schema"
)

// Form geometry: forms use the page more fully than binders.
const (
	formMargin = 15.0
	formPt     = 10.5
)

// WriteForm typesets a blank form: a title, the form's number, and a ruled
// table of its rows, with □ boxes for choices, ruled writing space for
// areas and signature and date lines. A log sheet that does not fit one
// page continues with its header rows repeated.
func WriteForm(form *schema.Form, opt Options, lang string) ([]byte, error) {
	data, uncut, err := writeForm(form, opt, lang)
	if uncut {
		rewrites.Add(1)
		opt = wholeFonts(opt)
		if opt.probe != nil {
			*opt.probe = probe{}
		}
		data, _, err = writeForm(form, opt, lang)
	}
	return data, err
}

func writeForm(form *schema.Form, opt Options, lang string) ([]byte, bool, error) {
	orient := "P"
	pw, ph := pageW, pageH
	if form.Orientation == "landscape" {
		orient = "L"
		pw, ph = pageH, pageW
	}
	w, err := newWriter(opt, orient, form.Title.In(lang))
	if err != nil {
		return nil, false, err
	}
	f := w.f
	f.SetMargins(formMargin, formMargin, formMargin)
	f.SetAutoPageBreak(false, formMargin)
	fw := &formWriter{writer: w, form: form, lang: lang, pw: pw, ph: ph, width: pw - 2*formMargin}
	fw.page()
	var header []*schema.FormRow
	for _, r := range form.Rows {
		if r.Header {
			header = append(header, r)
		}
		n := max(1, r.Repeat)
		for i := 0; i < n; i++ {
			h := fw.rowHeight(r)
			if fw.y+h > ph-formMargin-fw.footerHeight() && fw.y > fw.top {
				fw.page()
				for _, hr := range header {
					fw.row(hr, fw.rowHeight(hr))
				}
			}
			fw.row(r, h)
		}
	}
	if note := form.Footer.In(lang); note != "" {
		fw.y += 2
		for _, l := range Break(Atoms(note, styleSerif, w.measure(9)), fw.width, 0) {
			fw.y += w.lineHeight(9) * 0.8
			w.drawLine(l, formMargin, fw.y, 9, 0)
		}
	}
	if err := f.Error(); err != nil {
		return nil, false, err
	}
	if w.uncut {
		return nil, true, nil
	}
	data, err := f.OutputBytes()
	if err != nil {
		return nil, false, err
	}
	return data, false, nil
}

type formWriter struct {
	*writer
	form   *schema.Form
	lang   string
	pw, ph float64
	width  float64
	top    float64
}

func (w *formWriter) footerHeight() float64 {
	if w.form.Footer.In(w.lang) == "" {
		return 0
	}
	n := len(Break(Atoms(w.form.Footer.In(w.lang), styleSerif, w.measure(9)), w.width, 0))
	return float64(n)*w.lineHeight(9)*0.8 + 3
}

// page starts a page with the hospital, the title and the form's number.
func (w *formWriter) page() {
	f := w.f
	f.AddPage()
	f.SetTextColor(70, 70, 70)
	// The hospital on the left and the form's number on the right share
	// one line, each cut short with "…" if need be.
	number := ""
	if w.form.Number != "" {
		number = w.fit(w.opt.T("pdf.form-number", w.form.Number), styleSans, 9, w.width*0.45)
	}
	nw := w.measure(9)(number, styleSans)
	w.text(formMargin, formMargin+3, w.fit(w.opt.Hospital, styleSans, 9, w.width-nw-6), styleSans, 9)
	w.text(w.pw-formMargin-nw, formMargin+3, number, styleSans, 9)
	f.SetTextColor(0, 0, 0)
	// The title, centred, on as many lines as it needs (titles are at most
	// model.MaxTitleRunes long).
	y := formMargin + 13.0
	for i, l := range wrapSimple(w.writer, w.form.Title.In(w.lang), styleSans, 17, w.width) {
		if i > 0 {
			y += w.lineHeight(17) * 0.8
		}
		tw := w.measure(17)(l, styleSans)
		w.text((w.pw-tw)/2, y, l, styleSans, 17)
	}
	no := w.opt.T("pdf.form-serial")
	sw := w.measure(10)(no, styleSerif)
	w.text(w.pw-formMargin-sw, y+8, no, styleSerif, 10)
	w.y = y + 11
	w.top = w.y
}

// cellWidths shares the table width among a row's cells by their spans.
func (w *formWriter) cellWidths(r *schema.FormRow) []float64 {
	total := 0
	for _, c := range r.Cells {
		total += max(1, c.Span)
	}
	out := make([]float64, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = w.width * float64(max(1, c.Span)) / float64(total)
	}
	return out
}

// content returns what a cell prints: its label and, for a choice, its
// options behind □ boxes.
func (w *formWriter) content(c *schema.FormCell) string {
	label := c.Label.In(w.lang)
	switch c.Kind {
	case "field", "area", "sign":
		if label != "" {
			label += w.opt.T("pdf.form-colon")
		}
	case "check":
		var opts []string
		for _, o := range c.Options {
			opts = append(opts, "□"+o.In(w.lang))
		}
		if label != "" {
			label += w.opt.T("pdf.form-colon")
		}
		label += strings.Join(opts, "  ")
	}
	return label
}

func (w *formWriter) lines(c *schema.FormCell, width float64) [][]Atom {
	style := styleSerif
	if c.Kind == "label" {
		style = styleSans
	}
	return Break(Atoms(w.content(c), style, w.measure(formPt)), width-3, 0)
}

func (w *formWriter) rowHeight(r *schema.FormRow) float64 {
	lh := w.lineHeight(formPt) * 0.8
	h := 9.0
	for i, c := range r.Cells {
		width := w.cellWidths(r)[i]
		text := float64(len(w.lines(c, width)))*lh + 3
		switch c.Kind {
		case "area":
			n := c.Lines
			if n == 0 {
				n = 3
			}
			h = max(h, text+float64(n)*7.5+2)
		case "sign":
			h = max(h, text+9)
		case "field":
			h = max(h, text+2, 10)
		default:
			h = max(h, text)
		}
	}
	return h
}

func (w *formWriter) row(r *schema.FormRow, h float64) {
	f := w.f
	lh := w.lineHeight(formPt) * 0.8
	x := formMargin
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.25)
	for i, c := range r.Cells {
		width := w.cellWidths(r)[i]
		if r.Header || c.Kind == "label" {
			f.SetFillColor(238, 241, 245)
			f.Rect(x, w.y, width, h, "FD")
		} else {
			f.Rect(x, w.y, width, h, "D")
		}
		lines := w.lines(c, width)
		textH := float64(len(lines)) * lh
		ty := w.y + 1.5 + lh*0.78
		if r.Header || c.Kind == "label" {
			ty = w.y + (h-textH)/2 + lh*0.78 // centred in the cell
		}
		for k, l := range lines {
			lx := x + 1.5
			if r.Header || c.Kind == "label" {
				used := 0.0
				for _, a := range l {
					used += a.Width
				}
				lx = x + (width-used)/2
			}
			w.drawLine(l, lx, ty+lh*float64(k), formPt, 0)
		}
		switch c.Kind {
		case "area":
			// ruled writing lines
			f.SetDrawColor(200, 200, 200)
			for y := w.y + textH + 8.5; y < w.y+h-2; y += 7.5 {
				f.Line(x+2, y, x+width-2, y)
			}
			f.SetDrawColor(60, 60, 60)
		case "sign":
			date := w.opt.T("pdf.form-date")
			dw := w.measure(formPt)(date, styleSerif)
			w.text(x+width-dw-2, w.y+h-2.5, date, styleSerif, formPt)
		}
		x += width
	}
	w.y += h
}
