// A ratio over the years against its thresholds, with its inputs.

package chart

import (
	"strconv"
)

// RatioChart is a number requirement's ratio for each year, and its
// thresholds.
type RatioChart struct {
	Article      int    // the article the requirement is of
	Title        string // what the ratio is (the requirement's title)
	Met, Partial float64
	Years        []RatioYear
}

// RatioYear is one year's ratio and its inputs.
type RatioYear struct {
	Year  int
	Doc   string // the document's title
	Href  string // its page, relative to where the picture is, or ""
	Items []Amount
	// Total is the numerator (the items' sum), Revenue the denominator,
	// both as the presenter prints money (package present): the picture
	// prints no amount of its own.
	Total, Revenue string
	Ratio          float64
	Status         string
}

// Amount is one budget item, its amount as the presenter prints it.
type Amount struct {
	Label, Value string
}

// Percent prints a ratio as a percentage with two decimals, as the
// assessment's gaps print it.
func Percent(x float64) string { return strconv.FormatFloat(x*100, 'f', 2, 64) + "%" }

// RatioHTML draws the ratio of each year as a column against the met and
// partial lines, and lists each year's inputs (items, their total, the
// revenue and the ratio) in a visible table.
func RatioHTML(id string, c RatioChart, w Words) string {
	const height, top, bottom, left = 230.0, 24.0, 36.0, 44.0
	plot := height - top - bottom
	scale := c.Met * 1.5
	for _, y := range c.Years {
		scale = max(scale, y.Ratio*1.15)
	}
	if scale <= 0 {
		scale = 1
	}
	yOf := func(r float64) float64 { return top + plot*(1-r/scale) }
	var s svg
	desc := w.T("chart.ratio-desc", Percent(c.Met), Percent(c.Partial))
	for _, y := range c.Years {
		desc += " " + w.T("chart.ratio-year", y.Year, Percent(y.Ratio), w.T("status."+y.Status))
	}
	s.open(id, "img", width, height, c.Title, desc)
	s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, num(left), num(top+plot), num(width), num(top+plot), muted)
	s.text(left-6, top+plot+4, 12, "end", muted, "", "0%")
	n := max(len(c.Years), 1)
	slot := (width - left) / float64(max(n, 3))
	for i, y := range c.Years {
		x := left + slot*float64(i) + slot*0.25
		col := colour(y.Status)
		s.printf(`<g class="mark year" data-year="%d">`, y.Year)
		s.printf(`<rect class="status-%s" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, y.Status, num(x), num(yOf(y.Ratio)), num(slot*0.5), num(top+plot-yOf(y.Ratio)), col.Ink)
		s.text(x+slot*0.25, yOf(y.Ratio)-6, 14, "middle", ink, "700", Percent(y.Ratio))
		s.text(x+slot*0.25, top+plot+20, 13, "middle", ink, "", w.T("chart.year", y.Year))
		s.printf(`</g>`)
	}
	for _, th := range []struct {
		v    float64
		key  string
		dash string
	}{{c.Met, "chart.threshold-met", ""}, {c.Partial, "chart.threshold-partial", "6 4"}} {
		if th.v <= 0 {
			continue
		}
		s.printf(`<line class="threshold" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5"`, num(left), num(yOf(th.v)), num(width), num(yOf(th.v)), ink)
		if th.dash != "" {
			s.printf(` stroke-dasharray="%s"`, th.dash)
		}
		s.printf(`/>`)
		s.text(left-6, yOf(th.v)+4, 12, "end", ink, "", Percent(th.v))
		s.text(width, yOf(th.v)-5, 12, "end", ink, "", w.T(th.key, Percent(th.v)))
	}
	markup := s.close()
	alt := ""
	for _, y := range c.Years {
		var rows [][]string
		for _, it := range y.Items {
			rows = append(rows, []string{it.Label, it.Value})
		}
		rows = append(rows, []string{w.T("chart.total"), y.Total})
		rows = append(rows, []string{w.T("chart.revenue"), y.Revenue})
		rows = append(rows, []string{w.T("chart.ratio"), w.T("chart.ratio-formula", Percent(y.Ratio), w.T("status."+y.Status))})
		alt += table(w.T("chart.ratio-inputs", y.Year, y.Doc), []string{w.T("chart.col.item"), w.T("chart.col.amount")}, rows, false)
	}
	return figure("chart-ratio", markup, c.Title, alt)
}
