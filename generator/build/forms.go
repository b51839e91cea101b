package build

import (
	"sort"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/excel"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/site"
)

// checkDeclaredForms checks hospital.toml's forms list: each entry must
// name a blank form (built in or the site's own), else an error with the
// closest id.
func (s *Site) checkDeclaredForms(h *config.Hospital, diags *diag.List) {
	if len(h.Forms) == 0 {
		return
	}
	known := make([]string, 0, len(s.Forms))
	for id := range s.Forms {
		known = append(known, id)
	}
	sort.Strings(known)
	for i, id := range h.Forms {
		if s.Forms[id] == nil {
			diags.Add(h.Pos(config.Index("forms", i)), "config.form-unknown", model.ShowID(id), diag.DidYouMean(diag.Suggest(id, known)))
		}
	}
}

// FormIDs returns the ids of the site's blank forms, sorted.
func (s *Site) FormIDs() []string { return sortedFormIDs(s.Forms) }

// formLinks returns the forms a document's body links to (form:id).
func formLinks(d *model.Document) []string {
	if d.Format != "markdown" {
		return nil
	}
	var out []string
	for _, l := range markdown.FormLinks(d.Body) {
		out = append(out, l.Ref)
	}
	return out
}

// forms makes every blank form as a PDF and a workbook, under
// site/forms/. Blank forms name no document: they are the same in every
// view.
func (j *job) forms() error {
	s, cat := j.s, j.cat
	_, fonts := j.pdfOptions()
	for _, id := range sortedFormIDs(s.Forms) {
		f := s.Forms[id]
		if fonts {
			// Written with the build's other PDFs (writePDFs).
			j.pdfWork.jobs = append(j.pdfWork.jobs, pdfJob{path: "site/forms/" + id + ".pdf", form: f})
		}
		book, err := excel.WriteForm(excel.FormInput{Form: f, Hospital: s.Project.Hospital.Name, Lang: cat.Lang, Date: j.asOf.String(), T: cat.T})
		if err != nil {
			j.diags.Add(diag.Pos{File: f.File}, "pdf.failed", err.Error())
			continue
		}
		j.files["site/forms/"+id+".xlsx"] = book
		j.formFiles[id] = site.FormFiles{PDF: "forms/" + id + ".pdf", XLSX: "forms/" + id + ".xlsx"}
	}
	return nil
}
