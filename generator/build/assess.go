package build

import (
	"guifan/generator/audit"
	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/model"
)

// Assess reads the auditor's attestations and evaluates the site against
// its framework as of a date. It returns nil when the framework is
// unknown (Check reports that).
func (s *Site) Assess(asOf model.Date) (*coverage.Matrix, diag.List) {
	fw := s.Schemas.Frameworks[s.Project.Hospital.Framework]
	if fw == nil {
		return nil, nil
	}
	// The verdict words of the site's own theme are accepted too: the
	// workbook's dropdown offers them.
	atts, src, diags := audit.Load(s.siteFS, fw, asOf, audit.VerdictWords(audit.Catalogs(s.ThemeFS)...))
	if src != nil {
		s.Project.Sources[audit.File] = src
	}
	m := coverage.Assess(coverage.Input{
		Framework:    fw,
		Schemas:      s.Schemas,
		Hospital:     s.Project.Hospital,
		Docs:         s.Project.Docs,
		Forms:        s.Forms,
		OwnForms:     s.OwnForms,
		FormLinks:    formLinks,
		Attestations: atts,
		AsOf:         asOf,
		Found:        s.found,
		Stop:         s.stopped,
	})
	return m, diags
}
