package build

import (
	"fmt"
	"strings"

	"guifan/generator/excel"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/report"
)

// PagePath is where a document's page lives in the site, relative to the
// site's root. Every output that links to a document uses it.
func PagePath(id string) string { return "docs/" + id + "/index.html" }

// Public reports whether a document may appear on the intranet site.
func (s *Site) Public(d *model.Document) bool {
	return s.Schemas.Classification(d.Type, d.String("classification")) == "public"
}

// Outputs makes every output file of a build, keyed by its path under the
// output folder: the report, and the audit workbook in two copies (the
// site's, which names public documents only, and the restricted one).
func (s *Site) Outputs(rep *report.Report, cat *i18n.Catalog) (map[string][]byte, error) {
	files := map[string][]byte{}
	var b strings.Builder
	if err := rep.WriteJSON(&b); err != nil {
		return nil, err
	}
	files["report.json"] = []byte(b.String())

	public := map[string]bool{}
	for _, d := range s.Project.Docs {
		public[d.ID] = s.Public(d)
	}
	docs := s.register(cat)
	site, err := excel.Write(excel.Input{
		Report: rep, Documents: docs, T: cat.T,
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
	files["site/excel/audit-checklist.xlsx"] = site
	full, err := excel.Write(excel.Input{
		Report: rep, Documents: docs, T: cat.T,
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
	files["restricted/excel/audit-checklist.xlsx"] = full
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
