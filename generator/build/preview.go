package build

import (
	"slices"

	"guifan/generator/site"
)

// CSP is the Content-Security-Policy every page of the site carries (in a
// meta tag); a server of the site, such as the preview, sends it as a
// header too.
const CSP = site.CSP

// deferredKinds are the outputs a run may defer (Options.Defer): the
// site links to them, and they are made later, on their own.
var deferredKinds = []string{"pdf", "excel", "forms"}

// deferred returns the outputs of opt.Defer the run plans instead of
// making: those the site's outputs list names (when it has one), and
// that only does not ask for.
func (s *Site) deferred(opt Options) []string {
	var out []string
	listed := s.Project.Hospital.Outputs
	for _, name := range opt.Defer {
		if !slices.Contains(deferredKinds, name) || slices.Contains(opt.Only, name) ||
			listed != nil && !slices.Contains(listed, name) || slices.Contains(out, name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// plan records what the site lists of a deferred output, as its step
// would (pdfs, excel, forms), without making it: the same paths and
// titles, in the same order; the sizes are not known (0).
// TestDeferredLinks holds the two to the same links.
func (j *job) plan(kind string) {
	s, cat := j.s, j.cat
	switch kind {
	case "pdf":
		if !j.s.namesFonts() {
			return
		}
		for _, d := range byNumber(j.public.docs) {
			j.docPDFs[d.ID] = "pdf/docs/" + d.ID + ".pdf"
		}
		var keys []string
		labels := map[string]string{}
		used := map[string]bool{}
		for _, d := range j.public.docs {
			if t := s.Schemas.Types[d.Type]; t != nil && t.Binder != "" {
				used[t.Binder] = true
			}
		}
		for _, name := range s.typesInOrder() {
			t := s.Schemas.Types[name]
			if t.Binder == "" {
				continue
			}
			if _, seen := labels[t.Binder]; !seen {
				keys = append(keys, t.Binder)
				labels[t.Binder] = t.Group.In(cat.Lang)
			}
		}
		for _, key := range keys {
			if used[key] {
				j.downloads = append(j.downloads, siteDownload("pdf/"+key+".pdf", cat.T("pdf.binder", labels[key]), "pdf", 0))
			}
		}
		j.downloads = append(j.downloads,
			siteDownload("pdf/all.pdf", cat.T("pdf.whole", s.Project.Hospital.Name), "pdf", 0),
			siteDownload("pdf/report.pdf", cat.T("pdf.report"), "pdf", 0))
	case "excel":
		j.downloads = append(j.downloads, siteDownload("excel/audit-checklist.xlsx", cat.T("site.dl.audit"), "xlsx", 0))
	case "forms":
		for _, id := range sortedFormIDs(s.Forms) {
			j.formFiles[id] = site.FormFiles{PDF: "forms/" + id + ".pdf", XLSX: "forms/" + id + ".xlsx"}
		}
	}
}

// namesFonts reports whether the site names fonts of both kinds for its
// PDFs (the hospital's or the theme's), without reading them: a font
// that cannot be used is reported when the site is loaded.
func (s *Site) namesFonts() bool {
	h := s.Project.Hospital
	return len(h.Fonts.Serif)+len(s.themeFonts.Serif) > 0 && len(h.Fonts.Sans)+len(s.themeFonts.Sans) > 0
}
