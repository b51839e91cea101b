// Package validate checks a hospital's documents against the schemas and
// returns every problem at once. It does no I/O: it reads the model and the
// schema set and returns diagnostics, so it is fast and deterministic.
//
// What it checks, per document: the type is known and allows the file's
// format; every front-matter key is a field of the type or a common
// document-control field (unknown keys get a "did you mean"); values have
// the field's type (string, date, enum, integer, table rows, ...); required
// fields and required sections are present; references name documents
// that exist and have an allowed type; article numbers exist in the
// framework; an approval does not come after the effective date; a document
// in force is approved. Across documents: ids are unique. With an as-of
// date, reviews that are overdue are warned about.
package validate

import (
	"bytes"
	"strings"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/internal/pool"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/sections"
)

// Input is what Check needs.
type Input struct {
	Hospital *config.Hospital
	Schemas  *schema.Set
	Docs     []*model.Document
	AsOf     model.Date // zero: do not check dates against today
	// Public says whether a document goes on the intranet site (the
	// build's rule, build.Site.Public); nil: links are not checked for it.
	Public func(*model.Document) bool
	// Forms are the ids of the site's blank forms, for checking form:
	// links; nil: form links are not checked.
	Forms []string
	// Found remembers the sections found in each document, shared with
	// the assessment; nil finds them afresh.
	Found *sections.Memo
	// Only, when set, limits the checks of one document on its own to
	// the documents it accepts, and leaves out the warnings across
	// documents (copies): a preview's quick look at the files just saved.
	// Ids are still checked across every document.
	Only func(*model.Document) bool
}

// Check validates every document and returns the diagnostics, sorted.
func Check(in Input) diag.List {
	c := &checker{in: in, byID: map[string]*model.Document{}}
	if in.Hospital != nil {
		c.fw = in.Schemas.Frameworks[in.Hospital.Framework]
		if c.fw == nil {
			c.diags.Add(in.Hospital.Pos("framework"), "config.framework", in.Hospital.Framework, strings.Join(in.Schemas.FrameworkIDs(), ", "))
		}
	}
	folded := map[string]*model.Document{}
	for _, d := range in.Docs {
		id := d.ID
		if v, ok := d.Meta["id"].(string); ok {
			id = v // an explicit id = "" is an error, not the file name
		}
		if key, args := model.IDProblem(id); key != "" {
			c.diags.Add(idPos(d), key, args...)
		}
		if prev, dup := c.byID[d.ID]; dup {
			c.diags.Add(idPos(d), "id.duplicate", model.ShowID(d.ID), prev.Path)
			continue
		}
		if prev, dup := folded[model.FoldID(d.ID)]; dup {
			c.diags.Add(idPos(d), "id.case-duplicate", model.ShowID(d.ID), model.ShowID(prev.ID), prev.Path)
		}
		c.byID[d.ID] = d
		folded[model.FoldID(d.ID)] = d
	}
	c.foldIDs()
	c.elems = elems(in.Schemas)
	// Each document on its own, on every core: a checker per document
	// shares the maps above (read only from here on) and keeps its own
	// diagnostics, gathered in the documents' order.
	found := make([]diag.List, len(in.Docs))
	pool.For(len(in.Docs), func(i int) {
		if in.Only != nil && !in.Only(in.Docs[i]) {
			return
		}
		dc := &checker{in: c.in, fw: c.fw, byID: c.byID, folded: c.folded, elems: c.elems}
		dc.document(in.Docs[i])
		dc.limits(in.Docs[i])
		found[i] = dc.diags
	})
	for _, l := range found {
		c.diags = append(c.diags, l...)
	}
	if in.Only == nil {
		c.duplicates()
		c.plans()
	}
	c.diags.Sort()
	return c.diags
}

type checker struct {
	in     Input
	fw     *schema.Framework
	byID   map[string]*model.Document
	folded map[string]*model.Document // by model.FoldID (foldIDs)
	diags  diag.List
	// elems are the element fields of the schemas' list fields
	// (Field.Elem), made once rather than for every list checked.
	elems map[*schema.Field]*schema.Field
	// body is what the document being checked has in its body (links,
	// form links, limits): the loader's (markdown.AnalysisOf), else from
	// one parse made when first needed.
	body *markdown.Analysis
}

// elems returns Field.Elem of every list, refs and articles field of the
// schemas (type fields, common fields and table columns).
func elems(set *schema.Set) map[*schema.Field]*schema.Field {
	m := map[*schema.Field]*schema.Field{}
	var walk func(fs []*schema.Field)
	walk = func(fs []*schema.Field) {
		for _, f := range fs {
			switch f.Type {
			case "list", "refs", "articles":
				m[f] = f.Elem()
			}
			walk(f.Columns)
		}
	}
	if set == nil {
		return m
	}
	walk(set.Document.Fields)
	for _, t := range set.Types {
		walk(t.Fields)
	}
	return m
}

// analysis is what d's body holds for links, form links and limits: kept
// by the loader from the parse that found the headings, else parsed once
// here.
func (c *checker) analysis(d *model.Document) *markdown.Analysis {
	if c.body == nil {
		c.body = markdown.AnalysisOf(d)
	}
	return c.body
}

func idPos(d *model.Document) diag.Pos {
	if _, ok := d.Meta["id"]; ok {
		return d.Pos("id", false)
	}
	return diag.Pos{File: d.Path, Line: 1, Col: 1}
}

func (c *checker) document(d *model.Document) {
	t := c.in.Schemas.Types[d.Type]
	if t == nil {
		// The loader already reported why the type is unknown; still check
		// the common fields so the author sees every problem.
		c.fields(d, "", d.Meta, c.in.Schemas.Document.Fields, nil, true)
		return
	}
	if !t.HasFormat(d.Format) {
		c.diags.Add(diag.Pos{File: d.Path, Line: 1, Col: 1}, "type.format", t.Name, d.Format, strings.Join(formats(t), ", "))
	}
	common := c.in.Schemas.Document.Fields
	if t.Record {
		common = optional(common, "status")
	}
	c.fields(d, "", d.Meta, common, t.Fields, false)
	if !t.Record {
		c.control(d)
	}
	if d.Format == "markdown" {
		c.sections(d, t)
		c.links(d)
		c.formLinks(d)
	}
	if t.Record {
		c.recordDates(d, t)
	}
	c.sequence(d, t)
}

// optional returns fields with the named one no longer required.
func optional(fields []*schema.Field, name string) []*schema.Field {
	out := make([]*schema.Field, len(fields))
	for i, f := range fields {
		if f.Name == name && f.Required {
			g := *f
			g.Required = false
			f = &g
		}
		out[i] = f
	}
	return out
}

func formats(t *schema.DocType) []string {
	if len(t.Formats) == 0 {
		return []string{"markdown"}
	}
	return t.Formats
}

// sections reports required sections that are not there (suggesting a
// tag when a heading comes close), sections with nothing under them in a
// document in force, sections still holding placeholder words, and tags
// that name no section. Package sections decides, as it does for coverage.
func (c *checker) sections(d *model.Document, t *schema.DocType) {
	found := c.in.Found.Find(d, t, c.in.Schemas.Sections)
	for _, s := range found.Sections {
		if !s.Section.Required || s.Found() {
			continue
		}
		pos := diag.Pos{File: d.Path, Line: d.BodyLine, Col: 1}
		if len(d.Headings) > 0 {
			pos.Line = d.Headings[0].Line // the title heading, under which the section belongs
		}
		if near, ok := found.Near[s.Section.ID]; ok {
			c.diags.Add(diag.Pos{File: d.Path, Line: near.Line, Col: 1}, "section.missing-near", s.Section.Label, near.Heading, s.Section.ID)
			continue
		}
		words := diag.Items{}
		for _, m := range s.Section.Match {
			words.Items = append(words.Items, m)
		}
		c.diags.Add(pos, "section.missing", s.Section.Label, words, s.Section.ID)
	}
	for _, tag := range found.Unknown {
		c.diags.Warn(diag.Pos{File: d.Path, Line: tag.Line, Col: 1}, "section.tag-unknown", tag.Tag, t.Label, strings.Join(sectionIDs(t), ", "))
	}
	if d.Control.Stage(c.in.AsOf) != model.StageRetired {
		finished := d.Control.Finished()
		warned := map[int]bool{}
		for _, s := range found.Sections {
			for _, m := range s.Matches {
				if m.Real || warned[m.Line] || m.How == sections.Field {
					continue
				}
				switch {
				case m.Placeholder:
					warned[m.Line] = true
					c.diags.Warn(diag.Pos{File: d.Path, Line: m.Line, Col: 1}, "section.placeholder", m.Heading, s.Section.Label)
				case finished && m.Chars > 0:
					warned[m.Line] = true
					c.diags.Warn(diag.Pos{File: d.Path, Line: m.Line, Col: 1}, "section.thin", m.Heading, s.Section.Label, m.Chars, c.in.Schemas.Sections.MinCharsOf(s.Section))
				case finished:
					warned[m.Line] = true
					c.diags.Warn(diag.Pos{File: d.Path, Line: m.Line, Col: 1}, "section.empty", m.Heading, s.Section.Label, c.in.Schemas.Sections.MinCharsOf(s.Section))
				}
			}
		}
		// Headings that name no section of the type can hold
		// placeholders too ("第三章 消防安全" over "待补充").
		for _, h := range sections.Placeholders(d, c.in.Schemas.Sections) {
			if !warned[h.Line] {
				warned[h.Line] = true
				c.diags.Warn(diag.Pos{File: d.Path, Line: h.Line, Col: 1}, "section.placeholder-plain", h.Text)
			}
		}
	}
	if len(bytes.TrimSpace(d.Body)) == 0 && d.Control.Status != model.StatusDraft {
		c.diags.Warn(diag.Pos{File: d.Path, Line: d.BodyLine, Col: 1}, "body.empty")
	}
}

func sectionIDs(t *schema.DocType) []string {
	var out []string
	for _, s := range t.Sections {
		out = append(out, s.ID)
	}
	return out
}
