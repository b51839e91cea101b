// Records against their due dates.

package chart

import (
	"strconv"
	"strings"

	"guifan/generator/model"
)

// TimelineChart is a record requirement's records, one row per target
// (each emergency plan's drills), against the period they are due in.
type TimelineChart struct {
	Article int    // the article the requirement is of
	Title   string // the requirement's title
	Period  string // the period, in words ("12 个月")
	AsOf    model.Date
	Rows    []TimelineRow
}

// Figures are the pictures drawn from the documents rather than from the
// report's verdicts, in the framework's order.
type Figures struct {
	Ratios    []RatioChart
	Timelines []TimelineChart
}

// TimelineRow is one target's records and when the next is due.
type TimelineRow struct {
	Label string
	Dates []model.Date // oldest first
	// Due is when the next record is due (zero with no record); Overdue
	// reports whether it has passed.
	Due     model.Date
	Overdue bool
}

// Status is the row's verdict: met when the next record is not yet due,
// missing when it is overdue or there is no record.
func (r TimelineRow) Status() string {
	if r.Due.IsZero() || r.Overdue {
		return "missing"
	}
	return "met"
}

// span is the months the axis shows: from January of the year before the
// first record (at least two years back) to three months past the latest
// due date or the as-of date.
func (c TimelineChart) span() (from, to model.Date) {
	from = model.Date{Year: c.AsOf.Year - 1, Month: 1, Day: 1}
	to = model.DateOf(c.AsOf.Time().AddDate(0, 3, 0))
	for _, r := range c.Rows {
		if len(r.Dates) > 0 && r.Dates[0].Before(from) {
			from = model.Date{Year: r.Dates[0].Year, Month: 1, Day: 1}
		}
		if !r.Due.IsZero() {
			if end := model.DateOf(r.Due.Time().AddDate(0, 3, 0)); to.Before(end) {
				to = end
			}
		}
	}
	return from, to
}

// TimelineHTML draws each row as a line through time: a dot for each
// record, a diamond at the next due date (red when passed), and a vertical
// line at the as-of date.
func TimelineHTML(id string, c TimelineChart, w Words) string {
	const rowH, left = 52.0, 0.0
	from, to := c.span()
	days := to.Time().Sub(from.Time()).Hours() / 24
	xOf := func(d model.Date) float64 {
		return left + (width-left)*d.Time().Sub(from.Time()).Hours()/24/days
	}
	height := 8 + rowH*float64(len(c.Rows)) + 44
	var s svg
	s.open(id, "img", width, height, c.Title, w.T("chart.timeline-desc", c.Period, w.date(c.AsOf)))
	axis := 8 + rowH*float64(len(c.Rows))
	for y := from.Year; y <= to.Year; y++ {
		d := model.Date{Year: y, Month: 1, Day: 1}
		if d.Before(from) || to.Before(d) {
			continue
		}
		x := xOf(d)
		s.printf(`<line x1="%s" y1="8" x2="%s" y2="%s" stroke="%s"/>`, num(x), num(x), num(axis), line)
		// A year's label starts at its line, or ends there when it would
		// run past the right edge (four digits at 12 px are about 28 px).
		if x+3+28 <= width {
			s.text(x+3, axis+16, 12, "start", muted, "", strconv.Itoa(y))
		} else {
			s.text(x-3, axis+16, 12, "end", muted, "", strconv.Itoa(y))
		}
	}
	y := 8.0
	for i, r := range c.Rows {
		st := r.Status()
		col := colour(st)
		s.printf(`<g class="mark timeline-row status-%s" data-row="%d">`, st, i)
		s.text(0, y+15, 13, "start", ink, "", r.Label)
		track := y + 34
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>`, num(xOf(from)), num(track), num(width), num(track), line)
		for _, d := range r.Dates {
			s.printf(`<circle class="record" cx="%s" cy="%s" r="6" fill="%s" stroke="#ffffff" stroke-width="1.5"><title>%s</title></circle>`, num(xOf(d)), num(track), Colours["met"].Ink, esc(w.date(d)))
		}
		if !r.Due.IsZero() {
			x := xOf(r.Due)
			if n := len(r.Dates); n > 0 {
				s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="3 3"/>`, num(xOf(r.Dates[n-1])), num(track), num(x), num(track), col.Ink)
			}
			s.printf(`<path class="due status-%s" d="M%s %sl7 7-7 7-7-7z" fill="%s" stroke="%s"><title>%s</title></path>`, st, num(x), num(track-7), col.Fill, col.Ink, esc(dueWords(r, w)))
		} else {
			s.text(width, y+15, 12, "end", col.Ink, "", w.T("chart.none"))
		}
		s.printf(`</g>`)
		y += rowH
	}
	x := xOf(c.AsOf)
	s.printf(`<line class="as-of" x1="%s" y1="4" x2="%s" y2="%s" stroke="%s" stroke-width="1.5"/>`, num(x), num(x), num(axis), ink)
	s.text(min(x, width-60), axis+34, 12, "middle", ink, "700", w.T("chart.as-of", w.date(c.AsOf)))
	var rows [][]string
	for _, r := range c.Rows {
		var ds []string
		for _, d := range r.Dates {
			ds = append(ds, w.date(d))
		}
		rows = append(rows, []string{r.Label, strings.Join(ds, w.T("chart.sep")), dueWords(r, w)})
	}
	alt := table(c.Title, []string{w.T("chart.col.target"), w.T("chart.col.dates"), w.T("chart.col.due")}, rows, true)
	return figure("chart-timeline", s.close(), c.Title, alt)
}

// dueWords says when a row's next record is due.
func dueWords(r TimelineRow, w Words) string {
	switch {
	case r.Due.IsZero():
		return w.T("chart.none")
	case r.Overdue:
		return w.T("chart.overdue", w.date(r.Due))
	}
	return w.T("chart.due", w.date(r.Due))
}
