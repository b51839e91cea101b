package site

import (
	"fmt"
	"html/template"

	"guifan/generator/chart"
)

// chartWords are the pictures' words: the catalog, and dates as the
// site's presenter prints them.
func (w *writer) chartWords() chart.Words {
	return chart.Words{T: w.t, Date: w.in.Present.Date}
}

// chaptersChart draws the verdicts by chapter (home page, report page).
func (w *writer) chaptersChart(id string) template.HTML {
	return template.HTML(chart.ChaptersHTML(id, chart.Chapters(w.in.Report), w.chartWords())) // built by package chart, text escaped there
}

// gridChart draws the articles as a grid linking to each, from page from.
func (w *writer) gridChart(from string) template.HTML {
	href := func(n int) string { return rel(from, fmt.Sprintf("articles/%d/index.html", n)) }
	return template.HTML(chart.GridHTML("grid", chart.Grid(w.in.Report), href, w.chartWords()))
}

// articleCharts draws the pictures of one article (0: of every article),
// in the framework's order: its ratios, then its timelines.
func (w *writer) articleCharts(article int) []template.HTML {
	var out []template.HTML
	for i, c := range w.in.Figures.Ratios {
		if article == 0 || c.Article == article {
			out = append(out, template.HTML(chart.RatioHTML(fmt.Sprintf("ratio-%d", i), c, w.chartWords())))
		}
	}
	for i, c := range w.in.Figures.Timelines {
		if article == 0 || c.Article == article {
			out = append(out, template.HTML(chart.TimelineHTML(fmt.Sprintf("timeline-%d", i), c, w.chartWords())))
		}
	}
	return out
}
