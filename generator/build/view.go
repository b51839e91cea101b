package build

import (
	"sync"

	"guifan/generator/card"
	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/report"
)

// A view is one copy of the outputs and everything it may show: the
// public view (the intranet site, site/, and all its downloads) names the
// public documents only; the full view (restricted/ and report.json)
// names every document. Views are made once per build, here, and every
// output is made from a view: no output package reads a document's
// classification or decides what is public.
type view struct {
	restricted bool
	// docs are the documents the view names, in the site's path order.
	docs []*model.Document
	byID map[string]*model.Document
	// report is the gap report as this view may show it: the public copy
	// refers to other documents as internal documents, without their ids
	// or titles.
	report *report.Report
	// present prints field values; it names only the view's documents.
	present *present.Presenter
	// cards is what the view's action cards are made from, made once
	// (job.cardInput).
	cardsOnce sync.Once
	cards     card.Input
}

// names reports whether the view may name document id.
func (v *view) names(id string) bool { return v.byID[id] != nil }

// isPublic is the one rule of what the intranet may show: a document
// classified public (model.Control.Public), nothing else. Tests replace
// it on a Site of their own (Site.publicRule) to prove that the leak test
// catches a document routed to the public view.
func isPublic(d *model.Document) bool { return d.Control.Public() }

// Public reports whether a document may appear on the intranet site.
func (s *Site) Public(d *model.Document) bool {
	if s.publicRule != nil {
		return s.publicRule(d)
	}
	return isPublic(d)
}

// views makes the public and the full view of the site.
func (s *Site) views(m *coverage.Matrix, cat *i18n.Catalog) (public, full *view) {
	public = s.view(m, cat, false)
	full = s.view(m, cat, true)
	return public, full
}

func (s *Site) view(m *coverage.Matrix, cat *i18n.Catalog, restricted bool) *view {
	v := &view{restricted: restricted, byID: map[string]*model.Document{}}
	for _, d := range s.Project.Docs {
		if restricted || s.Public(d) {
			v.docs = append(v.docs, d)
			v.byID[d.ID] = d
		}
	}
	names := report.Only(v.names)
	if restricted {
		names = report.AllDocuments()
	}
	if m != nil {
		v.report = report.Build(m, s.Project.Hospital.Name, cat, names)
	}
	v.present = &present.Presenter{Schemas: s.Schemas, Catalog: cat, Title: func(id string) (string, bool) {
		if d := v.byID[id]; d != nil {
			return d.Title(), true
		}
		return "", false
	}, Doc: func(id string) (*model.Document, bool) {
		d := v.byID[id]
		return d, d != nil
	}}
	return v
}

// control is a document's document-control box, the same on its page, in
// its PDF and in the workbook: number, version, status, effective date,
// approval, owner, review date and classification, each printed by the
// view's presenter; absent values are left out.
func (v *view) control(s *Site, d *model.Document) []present.Item {
	p := v.present
	cat := p.Catalog
	c := d.Control
	date := func(x model.Date) string {
		if x.IsZero() {
			return ""
		}
		return p.Date(x)
	}
	enum := func(field, value string) string {
		if value == "" {
			return ""
		}
		return s.Schemas.Label(d.Type, field, value).In(cat.Lang)
	}
	approval := c.ApprovedBy
	if on := date(c.ApprovedOn); on != "" {
		if approval != "" {
			approval += " "
		}
		approval += on
	}
	var out []present.Item
	for _, it := range []present.Item{
		{Label: cat.T("site.ctl.number"), Value: c.Number},
		{Label: cat.T("site.ctl.version"), Value: c.Version},
		{Label: cat.T("site.ctl.status"), Value: enum("status", string(c.Status))},
		{Label: cat.T("site.ctl.effective"), Value: date(c.Effective)},
		{Label: cat.T("site.ctl.approval"), Value: approval},
		{Label: cat.T("site.ctl.owner"), Value: c.Owner},
		{Label: cat.T("site.ctl.review"), Value: date(c.ReviewBy)},
		{Label: cat.T("site.ctl.classification"), Value: enum("classification", string(c.Classification))},
	} {
		if it.Value != "" {
			out = append(out, it)
		}
	}
	return out
}
