package build

import (
	"bytes"

	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/submission"
)

// submissionJSON writes submission.json, the report a hospital sends to
// its health commission: made from the public view only, outside the
// site.
func (j *job) submissionJSON() error {
	data, err := j.s.submission(j.m, j.public, j.cat, j.asOf)
	if err != nil {
		return err
	}
	j.files["submission.json"] = data
	return nil
}

// submission is the sealed submission of the public view v.
func (s *Site) submission(m *coverage.Matrix, v *view, cat *i18n.Catalog, asOf model.Date) ([]byte, error) {
	h := s.Project.Hospital
	overdue := 0
	for _, d := range s.Project.Docs {
		if d.Control.ReviewOverdue(asOf) {
			overdue++
		}
	}
	sub := submission.FromReport(v.report, submission.Extra{
		Hospital:  submission.Hospital{Code: submission.NormCode(h.Code), Name: h.Name, NameEn: h.NameEn, Level: h.Level, Region: h.Region},
		Framework: m.Framework, OverdueReviews: overdue, InternalDoc: cat.T("report.internal-doc"),
	})
	var b bytes.Buffer
	if err := sub.WriteJSON(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Submission makes the submission (submission.json) of the site assessed
// at asOf, in the site's language, from the public view only.
func (s *Site) Submission(m *coverage.Matrix, asOf model.Date) ([]byte, error) {
	cat := s.Catalog()
	return s.submission(m, s.view(m, cat, false), cat, asOf)
}
