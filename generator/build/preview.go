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

// plan records what the site lists of a deferred output, with the same
// rules its step uses (planPDFs, listBook, formFiles), without making it;
// the sizes are not known (0). TestDeferredLinks holds the two to the
// same links.
func (j *job) plan(kind string) {
	switch kind {
	case "pdf":
		if j.s.namesFonts() {
			j.listPDFs(j.planPDFs())
		}
	case "excel":
		j.listBook(0)
	case "forms":
		for _, id := range sortedFormIDs(j.s.Forms) {
			j.formFiles[id] = formFiles(id)
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
