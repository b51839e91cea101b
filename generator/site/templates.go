// The page templates: which layouts are parsed, what every page gets, the
// template functions, and the Content-Security-Policy every page carries.

package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"guifan/generator/config"
	"guifan/generator/schema"
)

// pageNames are the layouts; each is parsed with base.html.
// partials are templates that pages include. A type's page has the
// layout of its kind (entries, terms: schema.Page), or its own (any other
// page layout a site's layouts/ or theme holds, named after the type).
var partials = []string{"requirement.html", "plans.html"}

var pageNames = []string{"home", "doc", "list", "articles", "article", "report", schema.PageEntries, schema.PageTerms, "forms", "form", "downloads", "search"}

// layoutNames are the page layouts to parse: pageNames, and every other
// .html file of the site's layouts/ and the theme's layouts/ (a type's own
// page layout, e.g. faq.html).
func layoutNames(theme, layouts fs.FS) []string {
	names := append([]string(nil), pageNames...)
	known := map[string]bool{"base": true}
	for _, n := range names {
		known[n] = true
	}
	for _, p := range partials {
		known[strings.TrimSuffix(p, ".html")] = true
	}
	var extra []string
	add := func(fsys fs.FS, dir string) {
		if fsys == nil {
			return
		}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			n, ok := strings.CutSuffix(e.Name(), ".html")
			if ok && !e.IsDir() && !known[n] {
				known[n] = true
				extra = append(extra, n)
			}
		}
	}
	add(layouts, ".")
	add(theme, "layouts")
	sort.Strings(extra)
	return append(names, extra...)
}

func (w *writer) loadTemplates() error {
	if t := w.in.templates; t != nil {
		var err error
		w.tmpl, err = t.clone(w)
		return err
	}
	read := func(name string) ([]byte, error) {
		if w.in.Layouts != nil {
			if b, err := fs.ReadFile(w.in.Layouts, name); err == nil {
				return b, nil
			}
		}
		return fs.ReadFile(w.in.Theme, "layouts/"+name)
	}
	base, err := read("base.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	w.tmpl = map[string]*template.Template{}
	for _, name := range layoutNames(w.in.Theme, w.in.Layouts) {
		body, err := read(name + ".html")
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		t := template.New(name).Funcs(w.funcs())
		if _, err := t.New("base.html").Parse(string(base)); err != nil {
			return fmt.Errorf("theme: base.html: %w", err)
		}
		for _, partial := range partials {
			body, err := read(partial)
			if err != nil {
				return fmt.Errorf("theme: %w", err)
			}
			if _, err := t.New(partial).Parse(string(body)); err != nil {
				return fmt.Errorf("theme: %s: %w", partial, err)
			}
		}
		if _, err := t.New(name + ".html").Parse(string(body)); err != nil {
			return fmt.Errorf("theme: %s.html: %w", name, err)
		}
		w.tmpl[name] = t
	}
	return nil
}

// page is what every template gets.
type page struct {
	Site    *siteData
	Path    string // this page, relative to the site root
	Title   string
	Lede    string // the sentence under the title, when the page's data gives one
	Crumbs  []navItem
	Current string // nav path that is current
	Data    any
	// layout is the page's layout, whose templates chrome runs.
	layout string
}

type siteData struct {
	Name, NameEn, Level, Lang, AsOf, Contact string
	// Subtitle and Intro are hospital.toml's (subtitle, intro), in the
	// page's language, or the theme's words (site.tagline,
	// site.home.lede), which name no department.
	Subtitle, Intro string
	// Langs are the site's other languages (Input.Languages), for the
	// language links; Root is this language's folder.
	Langs     []Language
	Root      string
	Nav       []navItem
	Framework string
	// Emergency is the page the header's 应急 link opens (the list of
	// the first type with action cards); empty Path when there is none.
	Emergency navItem
}

func (w *writer) siteData() *siteData {
	h := w.in.Hospital
	name := h.Name
	if en := config.InLang(w.lang, "", h.NameEn); en != "" {
		name = en // the English interface names the hospital in English
	}
	contact := h.Contact
	if en := config.InLang(w.lang, "", h.ContactEn); en != "" {
		contact = en
	}
	return &siteData{
		Name: name, NameEn: h.NameEn, Level: h.Level, Lang: w.lang, AsOf: w.date(w.in.AsOf.String()),
		Contact: contact, Nav: w.nav, Framework: w.in.Framework.Short.In(w.lang),
		Emergency: w.emergency,
		Subtitle:  config.InLang(w.lang, h.Subtitle, h.SubtitleEn),
		Intro:     config.InLang(w.lang, h.Intro, h.IntroEn),
		Langs:     w.otherLangs(), Root: w.root(),
	}
}

// root is the folder of this language's pages under site/ ("" or "en/").
func (w *writer) root() string {
	for _, l := range w.in.Languages {
		if l.Code == w.lang {
			return l.Root
		}
	}
	return ""
}

// otherLangs are the site's languages but this one; none when the site
// has one.
func (w *writer) otherLangs() []Language {
	var out []Language
	for _, l := range w.in.Languages {
		if l.Code != w.lang {
			out = append(out, l)
		}
	}
	return out
}

// langHref links page p of this language to the same page of the
// language whose folder is root.
func (w *writer) langHref(p, root string) string {
	return rel(w.root()+p, root+p)
}

// searchBase is where the search page of this language loads the index
// from: the first language's search/ folder ("" from that folder itself).
func (w *writer) searchBase() string {
	r := w.root()
	if r == "" {
		return ""
	}
	return strings.Repeat("../", strings.Count(r, "/")+1) + "search/"
}

// emit renders a page.
func (w *writer) emit(layout, p string, title string, crumbs []navItem, current string, data any) error {
	return w.emitLede(layout, p, title, "", crumbs, current, data)
}

// emitLede renders a page whose lede comes with its data (a type's page).
func (w *writer) emitLede(layout, p, title, lede string, crumbs []navItem, current string, data any) error {
	b, err := w.page(layout, p, title, lede, crumbs, current, data)
	if err != nil {
		return err
	}
	w.file(p, b)
	return nil
}

// page renders a page and returns it; it changes nothing of w, so pages
// can be rendered at once on several goroutines.
func (w *writer) page(layout, p, title, lede string, crumbs []navItem, current string, data any) ([]byte, error) {
	buf := pageBufs.Get().(*bytes.Buffer)
	defer pageBufs.Put(buf)
	buf.Reset()
	pg := page{Site: w.site, Path: p, Title: title, Lede: lede, Crumbs: crumbs, Current: current, Data: data, layout: layout}
	if err := w.tmpl[layout].ExecuteTemplate(buf, "base.html", pg); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return withCSP(bytes.Clone(buf.Bytes())), nil
}

// pageBufs are buffers pages are rendered into, kept for the next page:
// each page is then one allocation of its own size.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// chrome runs the template name (a part of base.html every page of a
// language shares: masthead, main navigation, footer) with page pg, once
// per layout, depth of the page's path and current nav item, and per page
// on a site of several languages (its language links name the page): the
// part depends on nothing else of the page. Later pages reuse the HTML.
func (w *writer) chrome(name string, pg page) (template.HTML, error) {
	key := name + "\x00" + pg.layout + "\x00" + strconv.Itoa(strings.Count(pg.Path, "/")) + "\x00" + pg.Current
	if len(pg.Site.Langs) > 0 {
		key += "\x00" + pg.Path
	}
	if h, ok := w.chromes.Load(key); ok {
		return h.(template.HTML), nil
	}
	t := w.tmpl[pg.layout]
	if t == nil {
		return "", fmt.Errorf("chrome: no layout %q", pg.layout)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, pg); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	w.chromes.Store(key, h)
	return h, nil
}

// part runs the template name of page pg's layout with data and returns
// its HTML, for a page that shows the same part twice (the contents list,
// narrow and at the side): rendered once, kept in a variable.
func (w *writer) part(pg page, name string, data any) (template.HTML, error) {
	t := w.tmpl[pg.layout]
	if t == nil {
		return "", fmt.Errorf("part: no layout %q", pg.layout)
	}
	var buf strings.Builder
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// CSP is the Content-Security-Policy of every page of the site: scripts,
// styles, images and everything else from the site's own files only (and
// images written as data: URLs); no inline script, event handler or style,
// no plugins, no <base>, forms submitted to the site only. A document
// cannot put script into the intranet even if raw HTML got through the
// Markdown renderer, and a page keeps working from file:// and from any
// web server, which need not send the policy themselves.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'"

// CSPMeta is the tag that carries CSP in a page: the first element of
// <head> after <meta charset>, so it governs everything after it.
const CSPMeta = `<meta http-equiv="Content-Security-Policy" content="` + CSP + `">`

var (
	headRE    = regexp.MustCompile(`(?i)<head(?:\s[^>]*)?>`)
	charsetRE = regexp.MustCompile(`(?i)^\s*<meta\s+charset\s*=\s*"?[^">]*"?\s*/?>`)
	doctypeRE = regexp.MustCompile(`(?i)^\s*<!doctype[^>]*>`)
)

// withCSP returns a rendered page that carries CSPMeta. The theme's
// base.html writes it ({{csp}}); a site's own base.html that leaves it out
// gets it anyway, at the start of <head> (after its <meta charset>, when
// that comes first), so no layout can run inline script on the intranet.
func withCSP(page []byte) []byte {
	if bytes.Contains(page, []byte(CSPMeta)) {
		return page
	}
	at := 0
	if loc := headRE.FindIndex(page); loc != nil {
		at = loc[1]
		if m := charsetRE.FindIndex(page[at:]); m != nil {
			at += m[1]
		}
	} else if loc := doctypeRE.FindIndex(page); loc != nil {
		at = loc[1]
	}
	out := make([]byte, 0, len(page)+len(CSPMeta)+1)
	out = append(out, page[:at]...)
	out = append(out, "\n"+CSPMeta...)
	return append(out, page[at:]...)
}

// dateRE matches a date as the catalogs print one (2026年3月1日,
// 2026-03-01).
var dateRE = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{2}-\d{2}`)

// keepDates escapes s and keeps each date in it on one line (an info box
// never splits 2026年12月/19日).
func keepDates(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range dateRE.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString(`<span class="date">` + template.HTMLEscapeString(s[m[0]:m[1]]) + `</span>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

func (w *writer) funcs() template.FuncMap {
	return template.FuncMap{
		"T":           func(key string, args ...any) string { return w.t(key, args...) },
		"rel":         rel,
		"date":        w.date,
		"join":        strings.Join,
		"status":      func(s string) string { return w.t("status." + s) },
		"kind":        func(s string) string { return w.t("kind." + s) },
		"pct":         func(x float64) string { return w.t("value.score", x*100) },
		"articlePath": func(n int) string { return fmt.Sprintf("articles/%d/index.html", n) },
		"docPath":     PagePath,
		"safe":        func(b []byte) template.HTML { return template.HTML(b) }, // rendered Markdown, raw HTML already stripped
		"add":         func(a, b int) int { return a + b },
		"dict":        func(args ...any) []any { return args },
		"seq":         func(n int) []int { return make([]int, n) },
		"csp":         func() template.HTML { return template.HTML(CSPMeta) },
		"homeLists":   w.homeLists,
		"quickPages":  w.quickPages,
		"dates":       keepDates,
		"langHref":    w.langHref,
		"searchBase":  w.searchBase,
		"chrome":      w.chrome,
		"part":        w.part,
		"items":       w.items,
		"tables":      w.tables,
		"toc":         w.toc,
		"tel":         telURL,
	}
}

// telURL is a phone number as a link that dials it ("tel:010-6512-8000"):
// its digits, with the "+" of a country code and the "-" between groups,
// without the brackets of an area code; "" (no link) when it has fewer
// than three digits or more than fifteen, or anything else (a space, which
// may part two numbers, an extension or a note, "8000 转 2"): such a
// number stays plain text. A phone on a ward's wall or in a pocket dials an
// action card's numbers with a tap.
func telURL(number string) template.URL {
	var b strings.Builder
	digits := 0
	for i, r := range strings.TrimSpace(number) {
		switch {
		case r >= '0' && r <= '9':
			digits++
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == '-':
			b.WriteRune(r)
		case r == '(' || r == ')' || r == '（' || r == '）':
			// "(010)6512 8000": the area code's brackets are not dialled.
		default: // a space may part two numbers: no guessing
			return ""
		}
	}
	if digits < 3 || digits > 15 {
		return ""
	}
	return template.URL("tel:" + b.String())
}
