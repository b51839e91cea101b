package site

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"guifan/generator/report"
	"guifan/generator/schema"
)

type articleView struct {
	Number, Chapter int
	Title, Summary  string
	Status          string
	Notes           []string // remarks on the verdict (manual checks pending)
	Requirements    []reqView
}

type evidenceLink struct {
	Title, Detail, Href string
}

type reqView struct {
	ID, Title, Kind, Status, Computed, Gap, Hint string
	Notes                                        []string
	Evidence                                     []evidenceLink
	Hidden                                       int // internal documents not shown on the site
	InProgress                                   []evidenceLink
	Attestation                                  *report.Attestation
}

type chapterView struct {
	Number   int
	Title    string
	Articles []articleView
}

func (w *writer) reqView(from string, q report.Requirement) reqView {
	v := reqView{ID: q.ID, Title: q.Title, Kind: q.Kind, Status: q.Status, Computed: q.Computed, Gap: q.Gap, Hint: q.Hint, Notes: q.Notes, Attestation: q.Attestation}
	seen := map[string]int{}
	hidden := map[int]bool{}
	for _, e := range q.Evidence {
		if e.Hidden || w.byID[e.ID] == nil {
			if !hidden[e.Internal] {
				v.Hidden++
				hidden[e.Internal] = true
			}
			continue
		}
		detail := e.Section
		if e.How != "" && e.How != "keyword" {
			detail += w.t("how." + e.How) // found by its tag, its title's text, inference or a field
		}
		if e.Date != "" {
			detail = strings.TrimSpace(detail + " " + w.date(e.Date))
		}
		if i, ok := seen[e.ID]; ok && i >= 0 {
			if detail != "" && !strings.Contains(v.Evidence[i].Detail, detail) {
				if v.Evidence[i].Detail != "" {
					v.Evidence[i].Detail += w.t("site.list-sep")
				}
				v.Evidence[i].Detail += detail
			}
			continue
		}
		target := PagePath(e.ID)
		if e.Section != "" && e.Line > 0 {
			if anchor := w.anchor(e.ID, e.Line); anchor != "" {
				target += "#" + anchor
			}
		}
		seen[e.ID] = len(v.Evidence)
		v.Evidence = append(v.Evidence, evidenceLink{Title: e.Title, Detail: detail, Href: rel(from, target)})
	}
	for _, e := range q.InProgress {
		if w.byID[e.ID] != nil {
			v.InProgress = append(v.InProgress, evidenceLink{Title: e.Title, Href: rel(from, PagePath(e.ID))})
		}
	}
	return v
}

// anchor finds the heading id at a file line of a document, so evidence
// links land on the section that proves it.
func (w *writer) anchor(id string, line int) string {
	d := w.byID[id]
	r, ok := w.render[id]
	if d == nil || !ok {
		return ""
	}
	for _, h := range r.Headings {
		if h.Line+d.BodyLine-1 == line {
			return h.ID
		}
	}
	return ""
}

func (w *writer) articleViews(from string) []chapterView {
	var out []chapterView
	for _, ch := range w.in.Report.Chapters {
		cv := chapterView{Number: ch.Number, Title: ch.Title}
		for _, a := range w.in.Report.Articles {
			if a.Chapter != ch.Number {
				continue
			}
			av := articleView{Number: a.Number, Chapter: a.Chapter, Title: a.Title, Summary: a.Summary, Status: a.Status, Notes: a.Notes}
			for _, q := range a.Requirements {
				av.Requirements = append(av.Requirements, w.reqView(from, q))
			}
			cv.Articles = append(cv.Articles, av)
		}
		out = append(out, cv)
	}
	return out
}

func (w *writer) articles() error {
	idx := "articles/index.html"
	home := []navItem{{w.t("site.nav.home"), "index.html"}}
	if err := w.emit("articles", idx, w.t("site.nav.articles"), home, idx, w.articleViews(idx)); err != nil {
		return err
	}
	for _, ch := range w.articleViews("articles/0/index.html") {
		for _, a := range ch.Articles {
			p := fmt.Sprintf("articles/%d/index.html", a.Number)
			// Evidence links are relative to the article page.
			for i, q := range w.in.Report.Articles {
				if q.Number == a.Number {
					a.Requirements = nil
					for _, r := range w.in.Report.Articles[i].Requirements {
						a.Requirements = append(a.Requirements, w.reqView(p, r))
					}
				}
			}
			data := struct {
				Article      articleView
				ChapterTitle string
				Prev, Next   int
				Charts       []template.HTML // the article's pictures (package chart)
			}{a, ch.Title, a.Number - 1, a.Number + 1, w.articleCharts(a.Number)}
			if data.Next > len(w.in.Report.Articles) {
				data.Next = 0
			}
			crumbs := append(home, navItem{w.t("site.nav.articles"), idx})
			if err := w.emit("article", p, w.t("site.article-title", a.Number, a.Title), crumbs, idx, data); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) reportPage() error {
	p := "report/index.html"
	type gapArticle struct {
		articleView
		Gaps []reqView
	}
	var gaps []gapArticle
	for _, ch := range w.articleViews(p) {
		for _, a := range ch.Articles {
			ga := gapArticle{articleView: a}
			for _, q := range a.Requirements {
				if q.Status != "met" && q.Status != "info" && q.Status != "not_applicable" {
					ga.Gaps = append(ga.Gaps, q)
				}
			}
			if len(ga.Gaps) > 0 {
				gaps = append(gaps, ga)
			}
		}
	}
	data := struct {
		Summary  report.Summary
		Chapters []chapterView
		Gaps     []gapArticle
		Stale    []report.StaleNote
		// The pictures (package chart): verdicts by chapter, the articles
		// as a grid, the ratios and the timelines.
		ChapterChart, GridChart template.HTML
		Charts                  []template.HTML
		Next                    []nextView // what to write next (report.Report.Next)
	}{w.in.Report.Summary, w.articleViews(p), gaps, w.in.Report.Stale, w.chaptersChart("report-chapters"), w.gridChart(p), w.articleCharts(0), w.nextViews(p)}
	return w.emit("report", p, w.t("site.nav.report"), []navItem{{w.t("site.nav.home"), "index.html"}}, p, data)
}

// nextView is a draft to write next, as the report ranks them: its
// title, its page, and the articles it unlocks once filled in and
// approved.
type nextView struct {
	Title, Href string
	Articles    string
	Count       int
}

// nextViews are the report's drafts to write next, linked to their pages.
func (w *writer) nextViews(p string) []nextView {
	var out []nextView
	for _, d := range w.in.Report.Next {
		v := nextView{Title: d.Title, Count: len(d.Articles)}
		parts := make([]string, len(d.Articles))
		for i, n := range d.Articles {
			parts[i] = strconv.Itoa(n)
		}
		v.Articles = strings.Join(parts, w.t("list.sep"))
		for _, doc := range w.in.Docs {
			if doc.ID == d.ID {
				v.Href = rel(p, PagePath(d.ID))
			}
		}
		out = append(out, v)
	}
	return out
}

type formView struct {
	ID, Title, Number, Purpose string
	Articles                   []int
	Page, PDF, XLSX            string // links, relative to the forms index
	Landscape                  bool
	Rows                       []formRowView
	Footer                     string
}

type formRowView struct {
	Header bool
	Cells  []formCellView
}

type formCellView struct {
	Colspan int
	Kind    string
	Label   string
	Options []string
	Lines   []int // one entry per writing line of an area
}

// formGrid is the number of columns a printable form is laid out on.
const formGrid = 24

func (w *writer) formView(f *schema.Form, from string) formView {
	v := formView{ID: f.ID, Title: f.Title.In(w.lang), Number: f.Number, Purpose: f.Purpose.In(w.lang), Articles: f.Articles,
		Page: rel(from, FormPath(f.ID)), Landscape: f.Orientation == "landscape", Footer: f.Footer.In(w.lang)}
	if files, ok := w.in.FormFiles[f.ID]; ok {
		if files.PDF != "" {
			v.PDF = rel(from, files.PDF)
		}
		if files.XLSX != "" {
			v.XLSX = rel(from, files.XLSX)
		}
	}
	for _, r := range f.Rows {
		total := 0
		for _, c := range r.Cells {
			total += max(1, c.Span)
		}
		rv := formRowView{Header: r.Header}
		acc, prev := 0, 0
		for _, c := range r.Cells {
			acc += max(1, c.Span)
			end := acc * formGrid / total
			cv := formCellView{Colspan: max(1, end-prev), Kind: c.Kind, Label: c.Label.In(w.lang)}
			prev = end
			for _, o := range c.Options {
				cv.Options = append(cv.Options, o.In(w.lang))
			}
			if c.Kind == "area" {
				n := c.Lines
				if n == 0 {
					n = 3
				}
				cv.Lines = make([]int, n)
			}
			rv.Cells = append(rv.Cells, cv)
		}
		for range max(1, r.Repeat) {
			v.Rows = append(v.Rows, rv)
		}
	}
	return v
}

func (w *writer) forms() error {
	p := "forms/index.html"
	var forms []formView
	for _, f := range w.in.Forms {
		forms = append(forms, w.formView(f, p))
	}
	sortForms(forms)
	if err := w.emit("forms", p, w.t("site.nav.forms"), []navItem{{w.t("site.nav.home"), "index.html"}}, p, forms); err != nil {
		return err
	}
	for _, f := range w.in.Forms {
		fp := FormPath(f.ID)
		v := w.formView(f, fp)
		crumbs := []navItem{{w.t("site.nav.home"), "index.html"}, {w.t("site.nav.forms"), p}}
		if err := w.emit("form", fp, v.Title, crumbs, p, v); err != nil {
			return err
		}
	}
	return nil
}

func sortForms(f []formView) {
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && (f[j].Number < f[j-1].Number || f[j].Number == f[j-1].Number && f[j].ID < f[j-1].ID); j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

func (w *writer) downloads() error {
	p := "downloads/index.html"
	type dl struct {
		Title, Href, Kind, Size string
	}
	var list []dl
	for _, d := range w.in.Downloads {
		list = append(list, dl{Title: d.Title, Href: rel(p, d.Path), Kind: strings.ToUpper(d.Kind), Size: w.t("value.size-kb", float64(d.Size)/1024+0.5)})
	}
	return w.emit("downloads", p, w.t("site.nav.downloads"), []navItem{{w.t("site.nav.home"), "index.html"}}, p, list)
}

// search writes the search page; the index it loads (search/*.js) is
// written by package search.
func (w *writer) search() error {
	p := "search/index.html"
	return w.emit("search", p, w.t("site.search.title"), []navItem{{w.t("site.nav.home"), "index.html"}}, p, nil)
}
