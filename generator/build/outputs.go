package build

import (
	"fmt"
	"slices"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/site"

	"guifan/generator/excel"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/report"
)

// PagePath is where a document's page lives in the site, relative to the
// site's root. Every output that links to a document uses it.
func PagePath(id string) string { return site.PagePath(id) }

// Public reports whether a document may appear on the intranet site.
func (s *Site) Public(d *model.Document) bool {
	return s.Schemas.Classification(d.Type, d.String("classification")) == "public"
}

// Outputs makes every output file of a build, keyed by its path under the
// output folder: the full report (report.json, outside the site), the
// intranet site with its downloads (site/), which names public documents
// only, and the restricted copies (restricted/).
//
// only names the outputs to make ("site", "excel", "report", ...); nil
// makes those hospital.toml lists (all by default).
func (s *Site) Outputs(m *coverage.Matrix, asOf model.Date, cat *i18n.Catalog, only []string) (map[string][]byte, diag.List, error) {
	if only == nil {
		only = s.Project.Hospital.Outputs
	}
	want := func(name string) bool { return slices.Contains(only, name) }
	files := map[string][]byte{}
	public := map[string]bool{}
	var publicDocs []*model.Document
	for _, d := range s.Project.Docs {
		public[d.ID] = s.Public(d)
		if public[d.ID] {
			publicDocs = append(publicDocs, d)
		}
	}
	isPublic := func(id string) bool { return public[id] }
	name := s.Project.Hospital.Name
	full := report.Build(m, name, cat, report.AllDocuments())
	open := report.Build(m, name, cat, report.Only(isPublic))
	if want("report") {
		var b strings.Builder
		if err := full.WriteJSON(&b); err != nil {
			return nil, nil, err
		}
		files["report.json"] = []byte(b.String())
	}
	var downloads []site.Download
	var diags diag.List
	docPDFs := map[string]string{}
	if want("pdf") {
		pdfs, byDoc, dls, pd := s.pdfs(open, full, public, asOf, cat)
		diags.Append(pd)
		for p, data := range pdfs {
			files[p] = data
		}
		docPDFs = byDoc
		for _, d := range dls {
			downloads = append(downloads, site.Download{Path: d.path, Title: d.title, Kind: "pdf", Size: len(pdfs["site/"+d.path])})
		}
	}
	formFiles := map[string]site.FormFiles{}
	if want("forms") {
		ff, fd := s.formFiles(asOf, cat)
		diags.Append(fd)
		for id, data := range ff {
			files["site/forms/"+id] = data
		}
		for _, id := range sortedFormIDs(s.Forms) {
			formFiles[id] = site.FormFiles{PDF: "forms/" + id + ".pdf", XLSX: "forms/" + id + ".xlsx"}
		}
	}
	if want("excel") {
		book, err := s.workbooks(full, open, public, cat)
		if err != nil {
			return nil, nil, err
		}
		for p, data := range book {
			files[p] = data
		}
		downloads = append(downloads, site.Download{Path: "excel/audit-checklist.xlsx", Title: cat.T("site.dl.audit"), Kind: "xlsx", Size: len(book["site/excel/audit-checklist.xlsx"])})
	}
	if !want("site") {
		return files, diags, nil
	}
	pages, sd, err := site.Write(site.Input{
		Hospital: s.Project.Hospital, Schemas: s.Schemas, Framework: m.Framework,
		Docs: publicDocs, Forms: s.Forms, Report: open, Catalog: cat,
		Theme: s.ThemeFS, Layouts: s.layouts, AsOf: asOf, Downloads: downloads, DocPDFs: docPDFs, FormFiles: formFiles,
	})
	diags.Append(sd)
	if d, ok := s.LayoutProblem(err); ok {
		return nil, append(diags, d), nil // a layout of the site's fails when run
	}
	if err != nil {
		return nil, diags, err
	}
	for p, data := range pages {
		files["site/"+p] = data
	}
	// The search index always comes with the site.
	for p, data := range s.searchIndex(publicDocs, open, cat) {
		files["site/"+p] = data
	}
	return files, diags, nil
}

// workbooks makes the audit workbook twice: the site's copy names public
// documents only; the restricted copy names all.
func (s *Site) workbooks(full, open *report.Report, public map[string]bool, cat *i18n.Catalog) (map[string][]byte, error) {
	files := map[string][]byte{}
	docs := s.register(cat)
	siteBook, err := excel.Write(excel.Input{
		Report: open, Documents: docs, T: cat.T,
		Link: func(id string) (string, bool) {
			if !public[id] {
				return "", false
			}
			return "../" + PagePath(id), true
		},
	})
	if err != nil {
		return nil, fmt.Errorf("audit workbook: %w", err)
	}
	files["site/excel/audit-checklist.xlsx"] = siteBook
	fullBook, err := excel.Write(excel.Input{
		Report: full, Documents: docs, T: cat.T,
		Link: func(id string) (string, bool) {
			if public[id] {
				return "../../site/" + PagePath(id), true
			}
			return "", true
		},
	})
	if err != nil {
		return nil, fmt.Errorf("audit workbook: %w", err)
	}
	files["restricted/excel/audit-checklist.xlsx"] = fullBook
	return files, nil
}

// register lists the documents with their control fields for the
// workbook, in the catalog's language.
func (s *Site) register(cat *i18n.Catalog) []excel.Document {
	var out []excel.Document
	lang := cat.Lang
	for _, d := range s.Project.Docs {
		typ := d.Type
		typeLabel := typ
		if t := s.Schemas.Types[typ]; t != nil {
			typeLabel = t.Label.In(lang)
		}
		date := func(name string) string {
			if v, ok := d.Date(name); ok {
				return v.String()
			}
			return ""
		}
		var arts []string
		for _, a := range flatList(d.Meta["articles"]) {
			arts = append(arts, fmt.Sprint(a))
		}
		out = append(out, excel.Document{
			ID: d.ID, Title: d.Title(), Type: typeLabel,
			Number: d.String("number"), Version: d.String("version"),
			Status:    s.Schemas.Label(typ, "status", d.String("status")).In(lang),
			Effective: date("effective"), ApprovedBy: d.String("approved_by"), ApprovedOn: date("approved_on"),
			Owner: d.String("owner"), ReviewBy: date("review_by"),
			Classification: s.Schemas.Label(typ, "classification", s.Schemas.Classification(typ, d.String("classification"))).In(lang),
			Articles:       strings.Join(arts, ", "),
			Path:           d.Path,
		})
	}
	return out
}

func flatList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}
