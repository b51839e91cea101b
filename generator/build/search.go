package build

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/report"
	"guifan/generator/schema"
	"guifan/generator/search"
	"guifan/generator/site"
)

// searchIndex makes the site's search index from the public view and
// hands its files to put, in two goes: the entries' files
// (search.EntryFiles) as soon as the entries are known, then the
// postings' (search.Index.PostingFiles) once they are made, so that the
// first are written while the postings are made. put may keep the maps.
// texts are the bodies' plain texts the site rendered (site.Input.Texts);
// a body missing from it is rendered here.
func (s *Site) searchIndex(v *view, cat *i18n.Catalog, texts map[string]string, put func(map[string][]byte)) *search.Index {
	entries, labels := s.indexEntries(v.docs, v.report, v.present, texts)
	if s.stopped() {
		return s.indexOf(nil) // the run is canceled: its caller drops it
	}
	put(search.EntryFiles(entries, labels))
	if s.stopped() {
		return s.indexOf(nil)
	}
	idx := s.indexOf(entries)
	if s.stopped() {
		return idx
	}
	put(idx.PostingFiles(labels))
	return idx
}

// searchLabels are the names of the kinds of search entries in the
// catalog's language: the documents' types, blank forms, articles.
func (s *Site) searchLabels(docs []*model.Document, cat *i18n.Catalog) map[string]string {
	labels := map[string]string{"form": cat.T("site.search.type.form"), "article": cat.T("site.search.type.article")}
	for _, d := range docs {
		if t := s.Schemas.Types[d.Type]; t != nil {
			labels[d.Type] = t.Label.In(cat.Lang)
		}
	}
	return labels
}

// SearchIndex builds the search index of the public documents, as the site
// gets it; tests and benchmarks query it in Go.
func (s *Site) SearchIndex(m *coverage.Matrix, cat *i18n.Catalog) *search.Index {
	v := s.view(m, cat, false)
	entries, _ := s.indexEntries(v.docs, v.report, v.present, nil)
	return s.indexOf(entries)
}

// indexEntries are the search entries of what the site shows, with the
// names of their kinds: every public document, every FAQ question on its
// own (so a question lands on its answer), the blank forms and the
// articles of the framework.
//
// A document's fields are indexed as the view's presenter prints them
// (pr, whose catalog is the index's language): a reference to a document
// the view may not name reads as an internal document, never by its id.
func (s *Site) indexEntries(docs []*model.Document, rep *report.Report, pr *present.Presenter, texts map[string]string) ([]search.Entry, map[string]string) {
	cat := pr.Catalog
	text := func(url string, body []byte) string {
		if t, ok := texts[url]; ok {
			return t
		}
		return markdown.Render(body, nil).Text
	}
	lang := cat.Lang
	labels := s.searchLabels(docs, cat)
	var entries []search.Entry
	for _, d := range docs {
		t := s.Schemas.Types[d.Type]
		if t == nil {
			continue
		}
		var heads []string
		for _, h := range d.SectionHeadings() {
			heads = append(heads, h.Text)
		}
		keywords := append([]string{d.Control.Number, t.Label.In(lang)}, d.Control.Keywords...)
		body := text(PagePath(d.ID), d.BodyWithoutTitle())
		body += " " + fieldText(pr, d)
		entries = append(entries, search.Entry{Doc: d.ID, URL: PagePath(d.ID), Title: d.Title(), Type: d.Type, Headings: heads, Keywords: keywords, Body: body})
		if t.Page != nil && t.Page.Kind == schema.PageEntries {
			// Each entry on its own, so that a question lands on its answer.
			var kw []string
			if t.Page.Heading != "" {
				kw = append(kw, d.String(t.Page.Heading))
			}
			secs := markdown.Split(d.Body, 2)
			var questions []string
			for _, sec := range secs {
				questions = append(questions, sec.Heading)
			}
			urls := site.EntryURLs(d.Type, d.ID, questions)
			for i, sec := range secs {
				url := urls[i]
				entries = append(entries, search.Entry{
					Doc: d.ID, URL: url, Title: sec.Heading, Type: d.Type,
					Keywords: kw, Body: text(url, []byte(sec.Body)),
				})
			}
		}
	}
	for _, id := range sortedFormIDs(s.Forms) {
		f := s.Forms[id]
		var fields []string
		for _, ff := range f.Fields() {
			fields = append(fields, ff.Label.In(lang))
		}
		entries = append(entries, search.Entry{Doc: f.ID, URL: "forms/index.html#form-" + f.ID, Title: f.Title.In(lang), Type: "form",
			Keywords: []string{f.Number, labels["form"]}, Body: f.Purpose.In(lang) + " " + strings.Join(fields, " ")})
	}
	for _, a := range rep.Articles {
		var reqs []string
		for _, q := range a.Requirements {
			reqs = append(reqs, q.Title)
		}
		entries = append(entries, search.Entry{Doc: fmt.Sprint(a.Number), URL: fmt.Sprintf("articles/%d/index.html", a.Number),
			Title: cat.T("site.article-title", a.Number, a.Title), Type: "article", Headings: reqs, Body: a.Summary})
	}
	return entries, labels
}

// indexOf builds the index of entries with the theme's synonyms and stop
// words.
func (s *Site) indexOf(entries []search.Entry) *search.Index {
	var syn search.Synonyms
	if b, err := fs.ReadFile(s.ThemeFS, "search/synonyms.txt"); err == nil {
		syn = search.ParseSynonyms(string(b))
	}
	idx := search.Build(entries, syn)
	if b, err := fs.ReadFile(s.ThemeFS, "search/stopwords.txt"); err == nil {
		idx.Stop = search.ParseWords(string(b))
	}
	// The framework's articles say what to do in general; a hospital's
	// own document with the same words is what its staff look for.
	idx.Prior = map[string]float64{"article": articlePrior}
	return idx
}

// articlePrior multiplies the score of a framework article among the first
// results (search.Index.Prior).
const articlePrior = 0.5

// fieldText is the text of a document's own fields (a glossary's terms, a
// plan's projects) as pr prints them, so that registers written as pure
// TOML can be found.
func fieldText(pr *present.Presenter, d *model.Document) string {
	var b strings.Builder
	for _, it := range pr.Fields(d) {
		b.WriteString(it.Value + " ")
	}
	for _, t := range pr.Tables(d) {
		for _, row := range t.Rows {
			for _, cell := range row {
				if cell != "" {
					b.WriteString(cell + " ")
				}
			}
		}
	}
	return b.String()
}

func sortedFormIDs(forms map[string]*schema.Form) []string {
	ids := make([]string, 0, len(forms))
	for id := range forms {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
