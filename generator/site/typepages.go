package site

import (
	"fmt"
	"html/template"
	"strings"

	"guifan/generator/card"
	"guifan/generator/markdown"
	"guifan/generator/schema"
)

// A type whose schema declares a page (schema.Page) has its entries shown
// on a page of their own, at <type>/index.html, in place of a list of its
// documents: an entries page (the FAQ: each level-2 heading a question
// with its answer) or a terms page (the glossary: the rows of a table).
// The layout is the site's <type>.html when it has one, else the kind's
// (entries.html, terms.html).

// TypePagePath is where the page of a type's entries is.
func TypePagePath(typeName string) string { return typeName + "/index.html" }

// EntryAnchors are the anchors of a document's entries (its questions,
// in order) on its type's entries page: the document's id and the
// question's words (markdown.Slug) joined by "--", which a slug never
// holds, so that no two documents' anchors meet and none is a document's
// own anchor. An anchor stays when entries are added, removed or moved,
// and when the answer changes; a question asked twice in a document gets
// -2, -3 on its later copies.
func EntryAnchors(docID string, questions []string) []string {
	out := make([]string, len(questions))
	used := map[string]bool{}
	for i, q := range questions {
		base := markdown.Slug(docID) + "--" + markdown.Slug(q)
		a := base
		for n := 2; used[a]; n++ {
			a = fmt.Sprintf("%s-%d", base, n)
		}
		used[a] = true
		out[i] = a
	}
	return out
}

// EntryAnchor is the anchor of a document's entry that asks question
// (asked once in the document; see EntryAnchors).
func EntryAnchor(docID, question string) string {
	return EntryAnchors(docID, []string{question})[0]
}

// EntryURLs are the links, from the site root, to a document's entries
// (its questions, in order) on the entries page of its type typeName.
func EntryURLs(typeName, docID string, questions []string) []string {
	out := EntryAnchors(docID, questions)
	for i, a := range out {
		out[i] = TypePagePath(typeName) + "#" + a
	}
	return out
}

// EntryURL is the link, from the site root, to a document's entry that
// asks question (asked once in the document).
func EntryURL(typeName, docID, question string) string {
	return EntryURLs(typeName, docID, []string{question})[0]
}

// pageTypes are the types with a page of their own, in schema order.
func (w *writer) pageTypes() []*schema.DocType {
	var out []*schema.DocType
	for _, n := range w.in.Schemas.TypeNames() {
		if t := w.in.Schemas.Types[n]; t.Page != nil {
			out = append(out, t)
		}
	}
	return out
}

// pageTitle is the heading and menu label of a type's page.
func (w *writer) pageTitle(t *schema.DocType) string {
	if s := t.Page.Title.In(w.lang); s != "" {
		return s
	}
	return t.Label.In(w.lang)
}

// pageLayout is the layout of a type's page.
func (w *writer) pageLayout(t *schema.DocType) string {
	if _, ok := w.tmpl[t.Name]; ok {
		return t.Name
	}
	return t.Page.Kind
}

// typePages writes the page of every type that has one.
func (w *writer) typePages() error {
	for _, t := range w.pageTypes() {
		var data any
		switch t.Page.Kind {
		case schema.PageEntries:
			data = w.entries(t)
		case schema.PageTerms:
			data = w.terms(t)
		default:
			continue // schema.Check reports it
		}
		p := TypePagePath(t.Name)
		home := []navItem{{w.t("site.nav.home"), "index.html"}}
		if err := w.emitLede(w.pageLayout(t), p, w.pageTitle(t), t.Page.Lede.In(w.lang), home, p, data); err != nil {
			return err
		}
	}
	return nil
}

type entry struct {
	Question, Anchor string
	Answer           template.HTML
}

type entryGroup struct {
	Title, Anchor, DocPath string
	Entries                []entry
}

// entries are a type's entries by document: each level-2 heading of a
// document is an entry (a question), the text under it its answer.
func (w *writer) entries(t *schema.DocType) []entryGroup {
	p := TypePagePath(t.Name)
	var groups []entryGroup
	for _, d := range w.byType[t.Name] {
		g := entryGroup{Title: d.Title(), Anchor: markdown.Slug(d.ID), DocPath: rel(p, PagePath(d.ID))}
		if t.Page.Heading != "" {
			if h := d.String(t.Page.Heading); h != "" {
				g.Title = h
			}
		}
		parts := markdown.Split(d.Body, 2)
		var questions []string
		for _, part := range parts {
			questions = append(questions, part.Heading)
		}
		anchors := EntryAnchors(d.ID, questions)
		for i, part := range parts {
			r := markdown.Render([]byte(part.Body), w.docLinks(p))
			w.rendered(p+"#"+anchors[i], "", r)
			g.Entries = append(g.Entries, entry{Question: part.Heading, Anchor: anchors[i], Answer: template.HTML(r.HTML)})
		}
		groups = append(groups, g)
	}
	return groups
}

type term struct {
	Term, En, Definition, Aliases, Doc string
}

// terms are the rows of the table a type's entries are (schema entries),
// by the columns its page names.
func (w *writer) terms(t *schema.DocType) []term {
	p := TypePagePath(t.Name)
	pg := t.Page
	str := func(row map[string]any, col string) string {
		s, _ := row[col].(string)
		return s
	}
	var terms []term
	for _, d := range w.byType[t.Name] {
		for _, row := range d.Rows(t.Entries) {
			tm := term{Doc: rel(p, PagePath(d.ID)), Term: str(row, pg.Term), En: str(row, pg.Translation), Definition: str(row, pg.Definition)}
			var al []string
			switch a := row[pg.Aliases].(type) {
			case string:
				al = append(al, a)
			case []any:
				for _, e := range a {
					if s, ok := e.(string); ok {
						al = append(al, s)
					}
				}
			}
			tm.Aliases = strings.Join(al, w.t("site.list-sep"))
			terms = append(terms, tm)
		}
	}
	return terms
}

// homeList is a type's documents listed on the home page (schema home).
type homeList struct {
	Heading string
	Docs    []homeDoc
}

// homeDoc is a document listed on the home page; Banner warns that it
// does not apply (a plan not in force) and Mark says so in a word; ""
// when it does.
type homeDoc struct {
	Title, Path, Banner, Mark string
}

// homeLists are the lists of documents on the home page, by type.
func (w *writer) homeLists() []homeList {
	var out []homeList
	for _, n := range w.typeNames() {
		t := w.in.Schemas.Types[n]
		h := t.Home.In(w.lang)
		if h == "" {
			continue
		}
		l := homeList{Heading: h}
		for _, d := range w.byType[n] {
			hd := homeDoc{Title: d.Title(), Path: PagePath(d.ID)}
			if t.Card {
				hd.Banner, hd.Mark = card.Banner(d, w.in.AsOf, w.t), card.Mark(d, w.in.AsOf, w.t)
			}
			l.Docs = append(l.Docs, hd)
		}
		out = append(out, l)
	}
	return out
}

// quickPages are the type pages linked among the home page's quick links.
func (w *writer) quickPages() []navItem {
	var out []navItem
	for _, t := range w.pageTypes() {
		if t.Page.Home {
			out = append(out, navItem{Title: w.pageTitle(t), Path: TypePagePath(t.Name)})
		}
	}
	return out
}
