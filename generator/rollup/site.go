package rollup

import (
	"bufio"
	"embed"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"guifan/generator/site"
)

//go:embed templates/*.html assets/*
var files embed.FS

// HeatRows is how many hospitals one page of the heat map shows.
const HeatRows = 200

// siteWriter writes the roll-up's offline site under Out/site: every page
// links to the others by relative paths and loads only the site's own
// files, so it works from file:// as from a web server.
type siteWriter struct {
	s    *state
	dir  string
	tmpl *template.Template
	nav  []navItem
}

type navItem struct{ Path, Title string }

type pageLink struct {
	N       int
	Path    string
	Current bool
}

type groupTable struct {
	Heading, Column string
	Level           bool
	Stats           []*GroupStat
}

// page is what a template is given.
type page struct {
	Lang, Title, Root, Current string
	Nav                        []navItem
	Sum                        *Summary
	Script                     bool
	SVG                        template.HTML
	Legend                     []string
	Pages                      int
	PageLinks                  []pageLink
	Groups                     []groupTable
	Hospital                   *Hospital
	Parts                      []reportPart
}

// reportPart is one report on its hospital's page: the latest first,
// then the older ones, newest first, each with its anchor.
type reportPart struct {
	Report *Report
	Anchor string
	Older  bool
	HTML   template.HTML
}

func newSiteWriter(s *state) (*siteWriter, error) {
	cat := s.opt.Catalog
	w := &siteWriter{s: s, dir: filepath.Join(s.opt.Out, "site")}
	w.nav = []navItem{
		{"index.html", cat.T("rollup.nav.hospitals")},
		{"heatmap.html", cat.T("rollup.nav.heatmap")},
		{"articles.html", cat.T("rollup.nav.articles")},
		{"groups.html", cat.T("rollup.nav.groups")},
		{"problems.html", cat.T("rollup.nav.problems")},
	}
	funcs := template.FuncMap{
		"T":        func(key string, args ...any) string { return cat.T(key, args...) },
		"csp":      func() template.HTML { return template.HTML(site.CSPMeta) },
		"pct":      func(x float64) string { return cat.T("value.score", x*100) },
		"level":    func(c string) string { return cat.T(levelKeyPrefix + levelKey(c)) },
		"district": func(d string) string { return districtName(cat.T("rollup.unknown-district"), d) },
		"status":   safeStatus,
		"name":     w.name,
		"bar":      bar,
		"mix":      mix,
	}
	var err error
	if w.tmpl, err = template.New("").Funcs(funcs).ParseFS(files, "templates/*.html"); err != nil {
		return nil, err
	}
	for _, d := range []string{"assets", "r"} {
		if err := os.MkdirAll(filepath.Join(w.dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	style, err := fs.ReadFile(s.opt.Theme, "assets/style.css")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(w.dir, "assets", "style.css"), style, 0o644); err != nil {
		return nil, err
	}
	for _, name := range []string{"rollup.css", "rollup.js"} {
		data, _ := files.ReadFile("assets/" + name)
		if err := os.WriteFile(filepath.Join(w.dir, "assets", name), data, 0o644); err != nil {
			return nil, err
		}
	}
	return w, nil
}

func levelKey(c string) string {
	switch c {
	case Level3, Level2, Level1, LevelCommunity:
		return c
	}
	return LevelOther
}

func districtName(unknown, d string) string {
	if d == "" {
		return unknown
	}
	return d
}

// safeStatus keeps a verdict to the codes the CSS and catalog know: a
// hand-edited file may say anything.
func safeStatus(s string) string {
	if statusCode(s) != 0 {
		return s
	}
	return "info"
}

// bar is a small horizontal bar for a share between 0 and 1.
func bar(x float64) template.HTML {
	if x < 0 {
		x = 0
	}
	if x > 1 {
		x = 1
	}
	return template.HTML(fmt.Sprintf(`<svg class="bar" width="120" height="12" aria-hidden="true"><rect class="bar-bg" width="120" height="12"/><rect class="bar-fg" width="%.1f" height="12"/></svg>`, x*120))
}

// mix is a stacked bar of met, partial and missing articles.
func mix(met, partial, missing int) template.HTML {
	total := met + partial + missing
	if total == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<svg class="bar" width="160" height="12" aria-hidden="true">`)
	x := 0.0
	for _, p := range []struct {
		n     int
		class string
	}{{met, "met"}, {partial, "partial"}, {missing, "missing"}} {
		w := 160 * float64(p.n) / float64(total)
		fmt.Fprintf(&b, `<rect class="status-%s" x="%.1f" width="%.1f" height="12"/>`, p.class, x, w)
		x += w
	}
	b.WriteString(`</svg> `)
	fmt.Fprintf(&b, "%d / %d / %d", met, partial, missing)
	return template.HTML(b.String())
}

func (w *siteWriter) page(title, current, root string) *page {
	return &page{Lang: w.s.opt.Catalog.Lang, Title: title, Root: root, Current: current, Nav: w.nav, Sum: w.s.sum}
}

// write executes template name into the site's file rel.
func (w *siteWriter) write(rel, name string, p *page) error {
	f, err := os.Create(filepath.Join(w.dir, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := w.tmpl.ExecuteTemplate(bw, name, p); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// name is a hospital's name in the site's language: its English name,
// when it gives one, on an English site.
func (w *siteWriter) name(h *Hospital) string {
	return displayName(h, w.s.opt.Catalog.Lang)
}

func displayName(h *Hospital, lang string) string {
	if h.NameEn != "" && !strings.HasPrefix(lang, "zh") {
		return h.NameEn
	}
	return h.Name
}

// hospitalPage writes a hospital's page: its header, score and trend,
// then each of its reports, read back from the spool.
func (w *siteWriter) hospitalPage(h *Hospital) error {
	cat := w.s.opt.Catalog
	p := w.page(w.name(h), "", "../")
	p.Hospital = h
	if len(h.History) > 1 {
		p.SVG = trend(h.History, cat.T("rollup.site.trend"))
	}
	for i := len(h.History) - 1; i >= 0; i-- {
		r := h.History[i]
		data, err := w.s.spool.read(r.html)
		if err != nil {
			return err
		}
		part := reportPart{Report: r, Anchor: "latest"}
		if r != h.Latest {
			part.Older, part.Anchor = true, "r"+strconv.Itoa(i+1)
			data = olderIDs(data, i+1)
		}
		part.HTML = template.HTML(data)
		p.Parts = append(p.Parts, part)
	}
	return w.write("r/"+strconv.Itoa(h.Page)+".html", "hospital", p)
}

// finish writes the pages made from the summary.
func (w *siteWriter) finish() error {
	cat := w.s.opt.Catalog
	sum := w.s.sum
	p := w.page(cat.T("rollup.nav.hospitals"), "index.html", "")
	p.Script = true
	if err := w.write("index.html", "index", p); err != nil {
		return err
	}
	pages := (len(sum.Hospitals) + HeatRows - 1) / HeatRows
	if pages == 0 {
		pages = 1
	}
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*HeatRows, n*HeatRows
		if hi > len(sum.Hospitals) {
			hi = len(sum.Hospitals)
		}
		p := w.page(cat.T("rollup.nav.heatmap"), "heatmap.html", "")
		p.Legend = []string{"met", "partial", "missing", "manual", "not_applicable"}
		p.Pages = pages
		for k := 1; k <= pages; k++ {
			p.PageLinks = append(p.PageLinks, pageLink{N: k, Path: heatPath(k), Current: k == n})
		}
		if pages > 1 {
			p.Title = cat.T("rollup.site.heatmap-page", n, pages)
		}
		p.SVG = w.heatmap(sum.Hospitals[lo:hi])
		if err := w.write(heatPath(n), "heatmap", p); err != nil {
			return err
		}
	}
	if err := w.write("articles.html", "articles", w.page(cat.T("rollup.nav.articles"), "articles.html", "")); err != nil {
		return err
	}
	p = w.page(cat.T("rollup.nav.groups"), "groups.html", "")
	p.Groups = []groupTable{
		{Heading: cat.T("rollup.site.by-district"), Column: cat.T("rollup.col.district"), Stats: sum.Districts},
		{Heading: cat.T("rollup.site.by-level"), Column: cat.T("rollup.col.level"), Level: true, Stats: sum.Levels},
	}
	if err := w.write("groups.html", "groups", p); err != nil {
		return err
	}
	if err := w.write("problems.html", "problems", w.page(cat.T("rollup.nav.problems"), "problems.html", "")); err != nil {
		return err
	}
	for _, h := range sum.Hospitals {
		if err := w.hospitalPage(h); err != nil {
			return err
		}
	}
	return nil
}

func heatPath(n int) string {
	if n == 1 {
		return "heatmap.html"
	}
	return "heatmap-" + strconv.Itoa(n) + ".html"
}

// Heat map geometry, in pixels.
const (
	heatCell  = 16
	heatLabel = 250
	heatTop   = 22
)

// heatmap draws hospitals × articles: a cell per article, coloured by
// its verdict in the hospital's latest report, linking to that article
// in the report's page.
func (w *siteWriter) heatmap(hs []*Hospital) template.HTML {
	cat := w.s.opt.Catalog
	arts := w.s.opt.Framework.Articles
	width := heatLabel + len(arts)*heatCell + 4
	height := heatTop + len(hs)*heatCell + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="%s">`, width, height, html.EscapeString(cat.T("rollup.nav.heatmap")))
	for i, a := range arts {
		fmt.Fprintf(&b, `<a href="articles.html#a%d"><text x="%d" y="%d" text-anchor="middle">%d</text></a>`,
			a.Number, heatLabel+i*heatCell+heatCell/2, heatTop-8, a.Number)
	}
	for row, h := range hs {
		y := heatTop + row*heatCell
		full := w.name(h)
		name := []rune(full)
		if len(name) > 18 {
			name = append(name[:17], '…')
		}
		fmt.Fprintf(&b, `<a href="r/%d.html"><text x="%d" y="%d" text-anchor="end">%s</text></a>`, h.Page, heatLabel-6, y+12, html.EscapeString(string(name)))
		r := h.Latest
		for i, a := range arts {
			st := "none"
			if v := r.Verdicts[i]; v != 0 {
				st = statuses[v]
			}
			word := cat.T("rollup.site.no-verdict")
			if st != "none" {
				word = cat.T("status." + st)
			}
			fmt.Fprintf(&b, `<a href="r/%d.html#a%d"><rect class="status-%s" x="%d" y="%d" width="%d" height="%d"><title>%s</title></rect></a>`,
				r.Page, a.Number, st, heatLabel+i*heatCell, y, heatCell-1, heatCell-1,
				html.EscapeString(cat.T("rollup.site.cell", full, a.Number, word)))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// trend draws a hospital's scores over its reports.
func trend(rs []*Report, label string) template.HTML {
	const w, h, pad = 480, 160, 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="%s">`, w, h, html.EscapeString(label))
	for _, v := range []float64{0, 0.5, 1} {
		y := float64(h-pad) - v*float64(h-2*pad)
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f"/><text x="2" y="%.1f">%.0f%%</text>`, pad, w-10, y, y, y+4, v*100)
	}
	var pts []string
	for i, r := range rs {
		x := float64(pad)
		if len(rs) > 1 {
			x += float64(i) * float64(w-pad-20) / float64(len(rs)-1)
		}
		y := float64(h-pad) - r.Score*float64(h-2*pad)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		anchor := "middle"
		switch {
		case i == 0:
			anchor = "start"
		case i == len(rs)-1:
			anchor = "end"
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4"><title>%s %.1f%%</title></circle><text x="%.1f" y="%d" text-anchor="%s">%s</text>`,
			x, y, r.AsOf, r.Score*100, x, h-8, anchor, r.AsOf)
	}
	fmt.Fprintf(&b, `<polyline points="%s"/>`, strings.Join(pts, " "))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Catalog key prefixes of the table columns and the level classes.
const (
	colKey         = "rollup.col."
	levelKeyPrefix = "rollup.level."
)
