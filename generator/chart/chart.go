// Package chart draws the report's pictures as SVG at build time: verdicts
// by chapter, the articles as a grid, a ratio over the years against its
// thresholds, and records against their due dates. No script, no external
// resource: the pictures work from file://, print, and carry their text
// alternative (a title, a description and a visually hidden table).
//
// The data of each picture (Chapters, Grid, RatioChart, TimelineChart) is
// exported too, so that other outputs (the PDF report) draw the same
// figures their own way. The same data give the same bytes.
package chart

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"guifan/generator/model"
	"guifan/generator/report"
)

// Verdicts lists the verdicts in the order bars stack and legends read.
var Verdicts = []string{"met", "partial", "missing", "manual", "not_applicable", "info"}

// Colour is how a verdict is drawn: Ink is the strong colour (bars, text,
// outlines), Fill the pale one (cells), as the theme's badges
// (themes/default/assets/style.css, --met and --met-bg ...).
type Colour struct{ Ink, Fill string }

// Colours gives each verdict its colours.
var Colours = map[string]Colour{
	"met":            {"#1a7f37", "#dafbe1"},
	"partial":        {"#8a5a00", "#fff1c2"},
	"missing":        {"#b3261e", "#ffe1de"},
	"manual":         {"#0b57a8", "#ddeeff"},
	"not_applicable": {"#57606a", "#eaeef2"},
	"info":           {"#57606a", "#eaeef2"},
}

// Glyphs mark a verdict besides its colour, for readers who do not tell
// the colours apart and for black-and-white prints.
var Glyphs = map[string]string{
	"met": "✓", "partial": "◐", "missing": "✗", "manual": "?", "not_applicable": "–", "info": "i",
}

// colour is a verdict's colours, grey for an unknown one.
func colour(status string) Colour {
	if c, ok := Colours[status]; ok {
		return c
	}
	return Colours["info"]
}

// Words are what the pictures say: T is the message catalog (keys
// chart.* and status.*). Amounts come printed (RatioYear, Amount).
type Words struct {
	T func(key string, args ...any) string
	// Date prints a date as every output does (present.Presenter.Date);
	// nil prints it as 2026-11-30.
	Date func(model.Date) string
}

// date prints d by w.Date.
func (w Words) date(d model.Date) string {
	if w.Date == nil {
		return d.String()
	}
	return w.Date(d)
}

// Count is how many articles have a verdict.
type Count struct {
	Status string
	N      int
}

// ChapterBar is one chapter's articles counted by verdict (in Verdicts'
// order, verdicts with none left out).
type ChapterBar struct {
	Number int
	Title  string
	Total  int
	Counts []Count
}

// Chapters counts each chapter's articles by verdict.
func Chapters(r *report.Report) []ChapterBar {
	var out []ChapterBar
	for _, ch := range r.Chapters {
		n := map[string]int{}
		b := ChapterBar{Number: ch.Number, Title: ch.Title}
		for _, a := range r.Articles {
			if a.Chapter == ch.Number {
				n[a.Status]++
				b.Total++
			}
		}
		for _, s := range Verdicts {
			if n[s] > 0 {
				b.Counts = append(b.Counts, Count{s, n[s]})
			}
		}
		out = append(out, b)
	}
	return out
}

// Cell is one article of the grid.
type Cell struct {
	Number, Chapter int
	Title, Status   string
}

// Grid lists the articles in order, each with its verdict.
func Grid(r *report.Report) []Cell {
	out := make([]Cell, 0, len(r.Articles))
	for _, a := range r.Articles {
		out = append(out, Cell{Number: a.Number, Chapter: a.Chapter, Title: a.Title, Status: a.Status})
	}
	return out
}

// svg builds the markup of a picture.
type svg struct {
	b strings.Builder
}

func (s *svg) printf(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

// num prints a coordinate with at most one decimal.
func num(x float64) string {
	return strconv.FormatFloat(float64(int64(x*10+0.5))/10, 'f', -1, 64)
}

// esc escapes text for XML and HTML alike.
func esc(s string) string { return html.EscapeString(s) }

// open starts an svg element with its accessible name and description.
func (s *svg) open(id, role string, width, height float64, title, desc string) {
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 %s %s" width="%s" height="%s" role="%s" aria-labelledby="%s-t %s-d">`,
		num(width), num(height), num(width), num(height), role, id, id)
	s.printf(`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
}

func (s *svg) close() string {
	s.b.WriteString(`</svg>`)
	return s.b.String()
}

// text writes a text element; anchor is start, middle or end.
func (s *svg) text(x, y float64, size float64, anchor, fill, weight, str string) {
	s.printf(`<text x="%s" y="%s" font-size="%s" text-anchor="%s" fill="%s"`, num(x), num(y), num(size), anchor, fill)
	if weight != "" {
		s.printf(` font-weight="%s"`, weight)
	}
	s.printf(`>%s</text>`, esc(str))
}

// legend draws the verdicts present, as swatches with glyphs, from (x, y).
func (s *svg) legend(w Words, statuses []string, x, y, width float64) float64 {
	cx := x
	for _, st := range statuses {
		label := Glyphs[st] + " " + w.T("status."+st)
		lw := 22 + textWidth(label, 13) + 14
		if cx+lw > x+width && cx > x {
			cx = x
			y += 22
		}
		c := colour(st)
		s.printf(`<rect class="status-%s" x="%s" y="%s" width="16" height="16" rx="3" fill="%s" stroke="%s"/>`, st, num(cx), num(y-12), c.Fill, c.Ink)
		s.text(cx+22, y+1, 13, "start", "#1f2328", "", label)
		cx += lw
	}
	return y
}

// textWidth estimates the width of text in a font of size px: a Chinese
// character is a square, other characters about half of one.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += size
		} else {
			w += size * 0.58
		}
	}
	return w
}

// present lists the verdicts that occur in counts, in Verdicts' order.
func present(has map[string]bool) []string {
	var out []string
	for _, s := range Verdicts {
		if has[s] {
			out = append(out, s)
		}
	}
	return out
}

// figure wraps a picture and its text alternative.
func figure(class, svgMarkup, caption, alt string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart %s">`, class)
	if caption != "" {
		fmt.Fprintf(&b, `<figcaption>%s</figcaption>`, esc(caption))
	}
	b.WriteString(svgMarkup)
	b.WriteString(alt)
	b.WriteString(`</figure>`)
	return b.String()
}

// table writes a visually hidden table (the text alternative) with a
// caption, a header row and rows of escaped cells.
func table(caption string, head []string, rows [][]string, hidden bool) string {
	var b strings.Builder
	class := "chart-data"
	if hidden {
		class += " sr-only"
	}
	fmt.Fprintf(&b, `<table class="%s"><caption>%s</caption><thead><tr>`, class, esc(caption))
	for _, h := range head {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, esc(h))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, r := range rows {
		b.WriteString(`<tr>`)
		for i, c := range r {
			if i == 0 {
				fmt.Fprintf(&b, `<th scope="row">%s</th>`, esc(c))
			} else {
				fmt.Fprintf(&b, `<td>%s</td>`, esc(c))
			}
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table>`)
	return b.String()
}
