// Verdicts by chapter, and the articles as a grid.

package chart

import (
	"strconv"
	"strings"
)

const (
	width = 360.0 // the drawing width of every picture, in px: about a phone's width, so that its text is read at its size
	ink   = "#1f2328"
	muted = "#57606a"
	line  = "#d0d7de"
)

// ChaptersHTML draws each chapter as a bar of its articles stacked by
// verdict, with the bars on one scale (a longer chapter, a longer bar). id
// makes the element ids unique in a page.
func ChaptersHTML(id string, bars []ChapterBar, w Words) string {
	most := 1
	has := map[string]bool{}
	total := map[string]int{}
	articles := 0
	for _, b := range bars {
		most = max(most, b.Total)
		articles += b.Total
		for _, c := range b.Counts {
			has[c.Status] = true
			total[c.Status] += c.N
		}
	}
	const rowH, barH = 44.0, 18.0
	height := 12 + rowH*float64(len(bars)) + 34
	var s svg
	s.open(id, "img", width, height, w.T("chart.chapters-title"), w.T("chart.chapters-desc", len(bars), articles, total["met"], total["partial"], total["missing"], total["manual"]))
	y := 12.0
	for _, b := range bars {
		s.printf(`<g class="mark chapter" data-chapter="%d">`, b.Number)
		met, scored := 0, 0
		for _, c := range b.Counts {
			if c.Status == "met" {
				met = c.N
			}
			if c.Status != "info" && c.Status != "not_applicable" {
				scored += c.N
			}
		}
		s.text(0, y+14, 13, "start", ink, "", w.T("site.chapter", b.Number, b.Title))
		if scored > 0 {
			s.text(width, y+14, 13, "end", muted, "", w.T("chart.chapter-met", met, scored))
		} else {
			s.text(width, y+14, 13, "end", muted, "", w.T("chart.chapter-unscored"))
		}
		x := 0.0
		for _, c := range b.Counts {
			seg := width * float64(c.N) / float64(most)
			fill, stroke, label := barColours(c.Status)
			s.printf(`<rect class="status-%s" data-n="%d" x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="%s"><title>%s</title></rect>`,
				c.Status, c.N, num(x+.5), num(y+20.5), num(max(seg-2, 1)), num(barH-1), fill, stroke, esc(w.T("status."+c.Status)+" "+strconv.Itoa(c.N)))
			if seg >= 18 {
				s.text(x+seg/2, y+20+13.5, 12, "middle", label, "600", strconv.Itoa(c.N))
			}
			x += seg
		}
		if b.Total == 0 {
			s.printf(`<rect x="0" y="%s" width="%s" height="%s" fill="none" stroke="%s"/>`, num(y+20), num(width), num(barH), line)
		}
		s.printf(`</g>`)
		y += rowH
	}
	s.legend(w, present(has), 0, y+16, width)
	var rows [][]string
	for _, b := range bars {
		row := []string{w.T("site.chapter", b.Number, b.Title), strconv.Itoa(b.Total)}
		var parts []string
		for _, c := range b.Counts {
			parts = append(parts, w.T("status."+c.Status)+" "+strconv.Itoa(c.N))
		}
		rows = append(rows, append(row, strings.Join(parts, w.T("chart.sep"))))
	}
	alt := table(w.T("chart.chapters-title"), []string{w.T("chart.col.chapter"), w.T("chart.col.articles"), w.T("chart.col.verdicts")}, rows, true)
	return figure("chart-chapters", s.close(), "", alt)
}

// barColours are a bar's fill, outline and label colours: the verdict's
// strong colour, except for articles that are not scored (info, not
// applicable), drawn pale so that they recede.
func barColours(status string) (fill, stroke, label string) {
	c := colour(status)
	if status == "info" || status == "not_applicable" {
		return c.Fill, c.Ink, c.Ink
	}
	return c.Ink, c.Ink, "#ffffff"
}

// GridHTML draws the articles as a grid of cells, ten to a row, each
// coloured and marked by its verdict and linking to href(article).
func GridHTML(id string, cells []Cell, href func(article int) string, w Words) string {
	const cols, size, gap = 10, 32.0, 4.0
	rows := (len(cells) + cols - 1) / cols
	has := map[string]bool{}
	for _, c := range cells {
		has[c.Status] = true
	}
	height := float64(rows)*(size+gap) + 46
	var s svg
	s.open(id, "group", width, height, w.T("chart.grid-title", len(cells)), w.T("chart.grid-desc"))
	for i, c := range cells {
		x := float64(i%cols) * (size + gap)
		y := float64(i/cols) * (size + gap)
		col := colour(c.Status)
		label := w.T("chart.cell", c.Number, c.Title, w.T("status."+c.Status))
		// The link's name is its title (SVG's own way, also shown on
		// hover); an aria-label would not contain the number it shows.
		s.printf(`<a class="mark article" data-article="%d" href="%s"><title>%s</title>`, c.Number, esc(href(c.Number)), esc(label))
		s.printf(`<rect class="status-%s" x="%s" y="%s" width="%s" height="%s" rx="4" fill="%s" stroke="%s" stroke-width="1.5"/>`,
			c.Status, num(x+1), num(y+1), num(size-2), num(size-2), col.Fill, col.Ink)
		s.text(x+size/2, y+15, 13, "middle", col.Ink, "700", strconv.Itoa(c.Number))
		// The glyph repeats the verdict the link's name says.
		s.printf(`<text aria-hidden="true" x="%s" y="%s" font-size="10" text-anchor="middle" fill="%s">%s</text>`, num(x+size/2), num(y+27.5), col.Ink, Glyphs[c.Status])
		s.printf(`</a>`)
	}
	s.legend(w, present(has), 0, float64(rows)*(size+gap)+18, width)
	var data [][]string
	for _, c := range cells {
		data = append(data, []string{w.T("site.article-title", c.Number, c.Title), w.T("status." + c.Status)})
	}
	alt := table(w.T("chart.grid-title", len(cells)), []string{w.T("chart.col.article"), w.T("chart.col.verdict")}, data, true)
	return figure("chart-grid", s.close(), "", alt)
}
