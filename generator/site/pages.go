package site

import (
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strconv"

	"guifan/generator/card"
	"guifan/generator/internal/pool"
	"guifan/generator/markdown"
	"guifan/generator/model"
)

// kv is one labelled value of a control box or field list.
type kv struct {
	Label, Value, Href string
	Hint               string // the field's schema hint: help text, not part of the label
}

type table struct {
	Title   string
	Columns []string
	Hints   []string // each column's schema hint, "" for none
	Rows    [][]string
}

type articleRef struct {
	Number int
	Title  string
	Status string
}

type docView struct {
	Doc      *model.Document
	Title    string
	Type     string
	TypePath string
	Control  []kv
	Articles []articleRef
	TOC      []markdown.Heading
	Body     template.HTML
	Fields   []kv
	Tables   []table
	Related  []kv
	PDF      string // link to the document's PDF, if there is one
	// Contents is the contents list as a tree: a heading's subheadings
	// nested under it, numbered by the list unless the headings carry
	// their own numbers (一、, （一）, 1.).
	Contents []tocItem
	// Card is the action card (emergency plans), shown first; CardPDF
	// links to it printed on one A4 page.
	Card    *card.Card
	CardPDF string
	// Banner warns that the document does not apply (a plan that is a
	// draft or not in force); "" when it does.
	Banner string
	// TablesFirst shows the type's tables before the body (a plan's
	// levels and fallback, which its text refers to as at its top).
	TablesFirst bool
	Plan        *planView   // a five-year plan followed through its years
	Budget      *budgetView // an annual plan's budget with total and ratio
}

// tocItem is a heading of the contents list with the headings under it.
type tocItem struct {
	markdown.Heading
	Own      bool // the heading carries its own number
	Children []tocItem
}

// ownNumber matches a heading that carries its own number: 一、 （一）
// 第一章 1. 1、 1.2 (1) ①.
var ownNumber = regexp.MustCompile(`^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|第[一二三四五六七八九十百\d]+[章节条部分]|\d+(?:\.\d+)*[.、．\s]|\d+\.\d+|[①-⑳])`)

// contents nests headings by level: each heading goes under the nearest
// heading before it of a smaller level.
func contents(hs []markdown.Heading) []tocItem {
	var root []tocItem
	var add func(list *[]tocItem, h markdown.Heading) bool
	add = func(list *[]tocItem, h markdown.Heading) bool {
		if n := len(*list); n > 0 && (*list)[n-1].Level < h.Level {
			last := &(*list)[n-1]
			if !add(&last.Children, h) {
				last.Children = append(last.Children, tocItem{Heading: h, Own: ownNumber.MatchString(h.Text)})
			}
			return true
		}
		return false
	}
	for _, h := range hs {
		if !add(&root, h) {
			root = append(root, tocItem{Heading: h, Own: ownNumber.MatchString(h.Text)})
		}
	}
	return root
}

func (w *writer) typeLabel(typ string) string {
	if t := w.in.Schemas.Types[typ]; t != nil {
		return t.Label.In(w.lang)
	}
	return typ
}

// documents writes every document's page, on every core: each page and
// render go into the document's own slot and are stored in the documents'
// order, the first failure (in that order) returned, as one after another.
func (w *writer) documents() error {
	type done struct {
		page []byte
		r    markdown.Rendered
		err  error
	}
	out := make([]done, len(w.in.Docs))
	pool.For(len(w.in.Docs), func(i int) {
		o := &out[i]
		if w.in.Stop != nil && w.in.Stop() {
			o.err = ErrStopped
			return
		}
		d := w.in.Docs[i]
		o.page, o.r, o.err = w.document(d)
		if o.err == nil && w.in.Put != nil {
			w.in.Put(PagePath(d.ID), o.page) // now, not when every page is made
			o.page = nil
		}
	})
	for i, d := range w.in.Docs {
		if out[i].err != nil {
			return out[i].err
		}
		if out[i].page != nil {
			w.file(PagePath(d.ID), out[i].page)
		}
		w.rendered(PagePath(d.ID), d.ID, out[i].r)
	}
	return nil
}

// rendered keeps what later pages and the search index need of a body's
// render: its headings (for anchors, by document id) and its text (in
// Input.Texts, by url); not its HTML, already in the page.
func (w *writer) rendered(url, id string, r markdown.Rendered) {
	if id != "" {
		w.render[id] = markdown.Rendered{Headings: r.Headings}
	}
	if w.in.Texts != nil {
		w.in.Texts[url] = r.Text
	}
}

// document renders the page of d; it changes nothing of w.
func (w *writer) document(d *model.Document) ([]byte, markdown.Rendered, error) {
	p := PagePath(d.ID)
	v := docView{Doc: d, Title: d.Title(), Type: w.typeLabel(d.Type), TypePath: "types/" + d.Type + "/index.html"}
	if pdf := w.in.DocPDFs[d.ID]; pdf != "" {
		v.PDF = rel(p, pdf)
	}
	for _, it := range w.in.Control(d) {
		v.Control = append(v.Control, kv{Label: it.Label, Value: it.Value})
	}
	// Articles: those the document names and those it is evidence for.
	seen := map[int]bool{}
	var nums []int
	for _, n := range append(slices.Clone(d.Control.Articles), w.served[d.ID]...) {
		if !seen[n] {
			seen[n] = true
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		if a := w.article(n); a != nil {
			v.Articles = append(v.Articles, articleRef{Number: n, Title: a.Title, Status: a.Status})
		}
	}
	// The body, with links to other documents made relative to this page.
	r := markdown.Render(d.BodyWithoutTitle(), w.docLinks(p))
	v.Body = template.HTML(r.HTML)
	v.TOC = r.TOC
	v.Contents = contents(r.TOC)
	if c := card.For(d, w.cards); c != nil {
		v.Card, v.Banner, v.TablesFirst = c, c.Banner, true
		if pdf := w.in.CardPDFs[d.ID]; pdf != "" {
			v.CardPDF = rel(p, pdf)
		}
	}
	// Type-specific fields: scalars and lists first, then tables.
	for _, it := range w.in.Present.Fields(d) {
		f := kv{Label: it.Label, Value: it.Value, Hint: it.Hint}
		if it.Ref != "" && w.byID[it.Ref] != nil {
			f.Href = rel(p, PagePath(it.Ref))
		}
		v.Fields = append(v.Fields, f)
	}
	for _, t := range w.in.Present.Tables(d) {
		v.Tables = append(v.Tables, table{Title: t.Title, Columns: t.Columns, Hints: t.Hints, Rows: t.Rows})
	}
	for _, id := range d.Control.Related {
		if o := w.byID[id]; o != nil {
			v.Related = append(v.Related, kv{Label: o.Title(), Href: rel(p, PagePath(id))})
		}
	}
	v.Plan, v.Budget = w.planOf(d, p), w.budgetOf(d)
	crumbs := []navItem{{w.t("site.nav.home"), "index.html"}, {w.typeLabel(d.Type), v.TypePath}}
	page, err := w.page("doc", p, d.Title(), "", crumbs, v.TypePath, v)
	return page, r, err
}

func (w *writer) article(n int) *articleView {
	for _, a := range w.in.Report.Articles {
		if a.Number == n {
			return &articleView{Number: a.Number, Chapter: a.Chapter, Title: a.Title, Summary: a.Summary, Status: a.Status}
		}
	}
	return nil
}

// cardInput is what this copy's action cards are made from.
func (w *writer) cardInput() card.Input {
	in := card.Input{Schemas: w.in.Schemas, Present: w.in.Present, T: w.t, Docs: w.in.Docs, AsOf: w.in.AsOf}
	if w.in.Hospital != nil {
		in.Contact = w.in.Hospital.Contact
	}
	return in
}

// docRow is a document in a list.
type docRow struct {
	Title, Path, Number, Version, Status, Effective, Owner, ReviewBy string
	Overdue                                                          bool
	// Banner warns that the document does not apply (a plan not in
	// force: card.Banner), Mark says so in a word (card.Mark); "" when
	// it does or its type has no card.
	Banner, Mark string
}

func (w *writer) row(d *model.Document) docRow {
	c := d.Control
	date := func(x model.Date) string {
		if x.IsZero() {
			return ""
		}
		return w.in.Present.Date(x)
	}
	status := ""
	if c.Status != "" {
		status = w.in.Schemas.Label(d.Type, "status", string(c.Status)).In(w.lang)
	}
	r := docRow{Title: d.Title(), Path: PagePath(d.ID), Number: c.Number, Version: c.Version,
		Status: status, Effective: date(c.Effective), Owner: c.Owner, ReviewBy: date(c.ReviewBy)}
	if !c.ReviewBy.IsZero() && c.ReviewBy.Before(w.in.AsOf) {
		r.Overdue = true
	}
	if card.Has(w.in.Schemas, d) {
		r.Banner, r.Mark = card.Banner(d, w.in.AsOf, w.t), card.Mark(d, w.in.AsOf, w.t)
	}
	return r
}

type listView struct {
	Title       string
	Description string
	Docs        []docRow
	Status      bool         // the list shows each document's status (a type with cards)
	Outline     []outlineRow // the type's sections and the documents covering each
}

func (w *writer) typeLists() error {
	for _, n := range w.typeNames() {
		t := w.in.Schemas.Types[n]
		v := listView{Title: t.Label.In(w.lang), Description: t.Description.In(w.lang), Status: t.Card}
		docs := append([]*model.Document(nil), w.byType[n]...)
		sort.SliceStable(docs, func(i, j int) bool {
			a, b := docs[i].String("number"), docs[j].String("number")
			if a != b {
				return a < b
			}
			return docs[i].Title() < docs[j].Title()
		})
		for _, d := range docs {
			v.Docs = append(v.Docs, w.row(d))
		}
		p := "types/" + n + "/index.html"
		v.Outline = w.outline(n, p)
		if err := w.emit("list", p, v.Title, []navItem{{w.t("site.nav.home"), "index.html"}}, p, v); err != nil {
			return err
		}
	}
	return nil
}

type homeView struct {
	Score  float64
	Counts []kv
	Recent []docRow
	Due    []docRow
	Quick  []kv
	// Emergency is always empty: kept so that a site's own home.html
	// written for it still runs. Types listed on the home page are
	// declared in their schemas (home) and given by homeLists.
	Emergency []docRow
	// Chart draws the verdicts by chapter (package chart).
	Chart template.HTML
}

func (w *writer) home() error {
	s := w.in.Report.Summary
	v := homeView{Score: s.Score, Chart: w.chaptersChart("home-chapters")}
	for _, st := range []struct {
		key string
		n   int
	}{{"met", s.Met}, {"partial", s.Partial}, {"missing", s.Missing}, {"manual", s.Manual}, {"not_applicable", s.NotApplicable}, {"info", s.Info}} {
		v.Counts = append(v.Counts, kv{Label: w.t("status." + st.key), Value: strconv.Itoa(st.n), Href: st.key})
	}
	// Recent changes: by the latest of effective and approval dates.
	type dated struct {
		d    *model.Document
		when model.Date
	}
	var all []dated
	for _, d := range w.in.Docs {
		var when model.Date
		recorded, _ := d.Date("date") // a record's own date
		for _, x := range []model.Date{d.Control.Effective, d.Control.ApprovedOn, recorded} {
			if !x.IsZero() && when.Before(x) && !w.in.AsOf.Before(x) {
				when = x
			}
		}
		if !when.IsZero() {
			all = append(all, dated{d, when})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].when != all[j].when {
			return all[j].when.Before(all[i].when)
		}
		return all[i].d.Path < all[j].d.Path
	})
	for i, x := range all {
		if i == 8 {
			break
		}
		r := w.row(x.d)
		r.Effective = w.in.Present.Date(x.when)
		v.Recent = append(v.Recent, r)
	}
	soon := model.DateOf(w.in.AsOf.Time().AddDate(0, 0, 90))
	var due []dated
	for _, d := range w.in.Docs {
		if rb := d.Control.ReviewBy; !rb.IsZero() && rb.Before(soon) {
			due = append(due, dated{d, rb})
		}
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].when.Before(due[j].when) })
	for i, x := range due {
		if i == 10 {
			break
		}
		v.Due = append(v.Due, w.row(x.d))
	}
	v.Quick = []kv{
		{Label: w.t("site.nav.forms"), Href: "forms/index.html"},
		{Label: w.t("site.nav.report"), Href: "report/index.html"},
		{Label: w.t("site.nav.articles"), Href: "articles/index.html"},
		{Label: w.t("site.nav.downloads"), Href: "downloads/index.html"},
	}
	return w.emit("home", "index.html", w.in.Hospital.Name, nil, "index.html", v)
}
