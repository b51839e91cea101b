// Package site writes the intranet site: static HTML pages with relative
// links only, so the same files work from a web server and opened from a
// shared drive (file://), with no resource from outside the site.
//
// Pages come from the theme's html/template layouts (themes/default/
// layouts/*.html); a site overrides any of them with a file of the same
// name in its own themes/<theme>/layouts/ or layouts/ folder. Words come
// from the theme's message catalog. Only the documents handed to Write
// appear: the caller passes the public ones.
package site

import (
	"errors"
	"html/template"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"

	"guifan/generator/card"
	"guifan/generator/chart"
	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/report"
	"guifan/generator/schema"
)

// Input is what the site shows.
type Input struct {
	Hospital  *config.Hospital
	Schemas   *schema.Set
	Framework *schema.Framework
	Docs      []*model.Document // the public documents only
	Forms     map[string]*schema.Form
	Report    *report.Report // redacted to public documents
	Catalog   *i18n.Catalog
	// Present prints field values (package present); it names only the
	// documents in Docs.
	Present *present.Presenter
	// Control returns a document's document-control box, printed.
	Control func(*model.Document) []present.Item
	Theme   fs.FS // the theme folder (layouts/, assets/)
	Layouts fs.FS // a site's own layouts/ folder, or nil
	AsOf    model.Date
	// Downloads lists files the build puts in the site, by path under site/.
	Downloads []Download
	// DocPDFs gives each document's PDF, by path under site/.
	DocPDFs map[string]string
	// CardPDFs gives each action card's one-page PDF (package card), by
	// document id, by path under site/.
	CardPDFs map[string]string
	// FormFiles gives each blank form's PDF and workbook, by path under site/.
	FormFiles map[string]FormFiles
	// Texts, when not nil, is filled with the plain text of every body
	// Write renders (markdown.Rendered.Text): a document's by PagePath, an
	// entry's of an entries page by EntryURL. The search index takes them
	// from here rather than parse each body again.
	Texts map[string]string
	// Figures are the pictures drawn from the documents (a ratio's inputs,
	// records against due dates), computed from the public documents only.
	Figures chart.Figures
	// Languages are the languages of the site's interface
	// (hospital.toml's languages), each built in its own folder: every
	// page links the same page in the others. Empty, or one language: no
	// links. The language of these pages is the one whose Code is
	// Catalog.Lang.
	Languages []Language
	// Stop, when set, is asked between the steps of Write and before each
	// document's page: once it says true, Write returns ErrStopped (a
	// preview's rebuild that a newer save superseded).
	Stop func() bool
	// TextsDone, when set, is called once Texts has the text of every
	// body (before the lists, the home page, the articles and the report
	// are made): Texts no longer changes, and the caller may read it on
	// another goroutine while Write goes on.
	TextsDone func()
	// Put, when set, is given each file (its path under site/) as soon as
	// it is made, from any goroutine, and Write returns no files: a large
	// site's pages are then never all in memory at once.
	Put func(path string, data []byte)
	// templates are the layouts parsed already (Templates.DocPage): a
	// writer clones them instead of parsing the theme again.
	templates *Templates
}

// ErrStopped is returned by Write when Input.Stop said to stop.
var ErrStopped = errors.New("site: stopped")

// Language is one language of the site's interface.
type Language struct {
	Code  string // zh-CN, en
	Label string // its name in itself: 中文, English
	// Root is the folder of its pages under site/: "" for the first
	// language, "en/" for another.
	Root string
}

// Download is a file offered on the downloads page.
type Download struct {
	Path  string // under site/, e.g. "excel/audit-checklist.xlsx"
	Title string
	Kind  string // "xlsx", "pdf", ...
	Size  int
}

// FormFiles are the downloads of one blank form.
type FormFiles struct {
	PDF, XLSX string
}

// FormPath is where a blank form's printable page is.
func FormPath(id string) string { return "forms/" + id + "/index.html" }

// PagePath is where a document's page is, relative to the site root: one
// file per document in one folder, docs/<id>.html, not a folder of its own
// per document. A site is copied to and opened from shared drives, where
// making a folder costs as much as a file, and at 10,000 documents the
// folders were 9,000 of some 24,000 things the build made.
func PagePath(id string) string { return "docs/" + id + ".html" }

// Write renders every page and copies the theme's assets. It returns the
// files by path under site/ and any problems found (links that do not
// resolve).
func Write(in Input) (map[string][]byte, diag.List, error) {
	w, err := newWriter(in)
	if err != nil {
		return nil, nil, err
	}
	// The documents and the entries pages first: they are the pages whose
	// text Texts gets, and TextsDone lets the caller index them while the
	// other pages are made.
	steps := []func() error{w.assets, w.documents, w.typePages, w.textsDone, w.typeLists, w.home, w.articles, w.reportPage, w.forms, w.downloads, w.search}
	for _, step := range steps {
		if in.Stop != nil && in.Stop() {
			return nil, w.diags, ErrStopped
		}
		if err := step(); err != nil {
			return nil, w.diags, err
		}
	}
	return w.files, w.diags, nil
}

type writer struct {
	in     Input
	t      func(string, ...any) string
	lang   string
	tmpl   map[string]*template.Template
	files  map[string][]byte
	diags  diag.List
	byID   map[string]*model.Document
	byFold map[string]*model.Document // public documents by model.FoldID
	byType map[string][]*model.Document
	nav    []navItem
	// emergency is the header's 应急 link: the list of the first type
	// with action cards (schema.DocType.Card) that has documents.
	emergency navItem
	served    map[string][]int // document id -> articles it is evidence for
	// cards is what the action cards are made from (card.Prepare), made
	// once.
	cards  card.Input
	render map[string]markdown.Rendered // by document id: its headings only
	// site is what every page gets of the site (siteData), made once.
	site *siteData
	// chromes are the shared parts of pages rendered already (chrome),
	// by key.
	chromes sync.Map
	// slowParts makes the templates write every part themselves (items,
	// tables return ""): a test compares the two.
	slowParts bool
}

// textsDone tells Input.TextsDone that Texts is complete.
func (w *writer) textsDone() error {
	if w.in.TextsDone != nil && w.in.Texts != nil {
		w.in.TextsDone()
	}
	return nil
}

type navItem struct {
	Title string
	Path  string
}

func newWriter(in Input) (*writer, error) {
	w := &writer{
		in: in, t: in.Catalog.T, lang: in.Catalog.Lang,
		files: map[string][]byte{}, byID: map[string]*model.Document{}, byFold: map[string]*model.Document{}, byType: map[string][]*model.Document{},
		served: map[string][]int{}, render: map[string]markdown.Rendered{},
	}
	docs := append([]*model.Document(nil), in.Docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	w.in.Docs = docs
	for _, d := range docs {
		w.byID[d.ID] = d
		if _, dup := w.byFold[model.FoldID(d.ID)]; !dup {
			w.byFold[model.FoldID(d.ID)] = d
		}
		w.byType[d.Type] = append(w.byType[d.Type], d)
	}
	for _, a := range in.Report.Articles {
		for _, q := range a.Requirements {
			for _, e := range q.Evidence {
				if n := w.served[e.ID]; len(n) == 0 || n[len(n)-1] != a.Number {
					w.served[e.ID] = append(w.served[e.ID], a.Number)
				}
			}
		}
	}
	if err := w.loadTemplates(); err != nil {
		return nil, err
	}
	w.buildNav()
	w.site = w.siteData()
	w.cards = card.Prepare(w.cardInput())
	return w, nil
}

// docLinks resolves the links of a body shown on page from to other
// documents (markdown.DocRef: doc:id or a bare id): a public document's
// page, found by its id or one that names the same file (model.FoldID).
// A link to a blank form (form:id) goes to the form's page.
// Any other link to a document is refused, so the page shows the author's
// words and neither the id nor a path to it; validate reports why
// (link.unknown, link.not-doc, link.restricted).
func (w *writer) docLinks(from string) markdown.Resolver {
	return func(ref string) (string, bool) {
		if form, ok := strings.CutPrefix(ref, "form:"); ok {
			// [工作单](form:work-order): the form's page.
			if w.in.Forms[form] == nil {
				return "", false
			}
			return rel(from, FormPath(form)), true
		}
		id, anchor, _ := strings.Cut(ref, "#")
		d := w.byID[id]
		if d == nil {
			d = w.byFold[model.FoldID(id)]
		}
		if d == nil {
			return "", false
		}
		target := PagePath(d.ID)
		if anchor != "" {
			target += "#" + anchor
		}
		return rel(from, target), true
	}
}

// rel returns the link from page from to target (both relative to the
// site root), escaped for an href.
func rel(from, target string) string {
	depth := strings.Count(from, "/")
	prefix := strings.Repeat("../", depth)
	target, frag, _ := strings.Cut(target, "#")
	parts := strings.Split(target, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	out := prefix + strings.Join(parts, "/")
	if frag != "" {
		out += "#" + url.PathEscape(frag)
	}
	return out
}

// date shows a date (2026-03-01) as the catalog writes dates (2026年3月1日
// in Chinese); text that is not a date is shown as it is.
func (w *writer) date(s string) string {
	d, ok := model.ParseDate(s)
	if !ok {
		return s
	}
	return w.in.Catalog.Date(d.Year, d.Month, d.Day)
}

// typeNames returns the types that have documents, in their schema order.
func (w *writer) typeNames() []string {
	var names []string
	for _, n := range w.in.Schemas.TypeNames() {
		if len(w.byType[n]) > 0 {
			names = append(names, n)
		}
	}
	sort.SliceStable(names, func(i, j int) bool {
		return w.in.Schemas.Types[names[i]].Order < w.in.Schemas.Types[names[j]].Order
	})
	return names
}

func (w *writer) buildNav() {
	w.nav = []navItem{{w.t("site.nav.home"), "index.html"}}
	for _, n := range w.typeNames() {
		t := w.in.Schemas.Types[n]
		if t.Page != nil {
			continue // its page stands for the list
		}
		w.nav = append(w.nav, navItem{t.Group.In(w.lang) + "·" + t.Label.In(w.lang), "types/" + n + "/index.html"})
	}
	// Pages of entries (questions) follow the documents; pages of terms,
	// reference matter, come last.
	pages := func(kind string) {
		for _, t := range w.pageTypes() {
			if t.Page.Kind == kind {
				w.nav = append(w.nav, navItem{w.pageTitle(t), TypePagePath(t.Name)})
			}
		}
	}
	pages(schema.PageEntries)
	w.nav = append(w.nav,
		navItem{w.t("site.nav.articles"), "articles/index.html"},
		navItem{w.t("site.nav.report"), "report/index.html"},
		navItem{w.t("site.nav.forms"), "forms/index.html"},
		navItem{w.t("site.nav.downloads"), "downloads/index.html"},
	)
	pages(schema.PageTerms)
	for _, n := range w.typeNames() {
		if w.in.Schemas.Types[n].Card {
			w.emergency = navItem{w.t("site.emergency"), "types/" + n + "/index.html"}
			break
		}
	}
	// Group labels repeat for related types; show the type label only.
	for i := range w.nav {
		if _, after, ok := strings.Cut(w.nav[i].Title, "·"); ok {
			w.nav[i].Title = after
		}
	}
}

func (w *writer) assets() error {
	return fs.WalkDir(w.in.Theme, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(w.in.Theme, p)
		if err != nil {
			return err
		}
		w.file(p, b)
		return nil
	})
}

// file hands a finished file to Input.Put, or keeps it for Write to
// return.
func (w *writer) file(p string, b []byte) {
	if w.in.Put != nil {
		w.in.Put(p, b)
		return
	}
	w.files[p] = b
}
