package build

import (
	"sort"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/excel"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/schema"
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
	for _, l := range markdown.AnalysisOf(d).FormLinks { // the loader's parse
		out = append(out, l.Ref)
	}
	return out
}

// forms makes every blank form as a PDF and a workbook, under
// site/forms/. Blank forms name no document: they are the same in every
// view.
func (j *job) forms() error {
	_, fonts := j.pdfOptions()
	for _, id := range sortedFormIDs(j.s.Forms) {
		f := j.s.Forms[id]
		// Both are made with the build's PDFs (writePDFs), which calls
		// formBook for the workbook.
		if fonts {
			j.pdfWork.jobs = append(j.pdfWork.jobs, pdfJob{path: "site/forms/" + id + ".pdf", form: f})
		}
		j.pdfWork.jobs = append(j.pdfWork.jobs, pdfJob{path: "site/forms/" + id + ".xlsx", form: f, book: id})
	}
	return nil
}

// formBook makes a blank form's workbook.
func (j *job) formBook(f *schema.Form) ([]byte, error) {
	return excel.WriteForm(excel.FormInput{Form: f, Hospital: j.s.Project.Hospital.Name, Lang: j.cat.Lang, Date: j.asOf.String(), T: j.cat.T})
}

// bookMade stores a blank form's workbook, and records the form's downloads.
func (j *job) bookMade(id string, book []byte) {
	j.put("site/forms/"+id+".xlsx", book)
	j.formFiles[id] = formFiles(id)
}

// formFiles are where a blank form's PDF and workbook are in the site.
func formFiles(id string) site.FormFiles {
	return site.FormFiles{PDF: "forms/" + id + ".pdf", XLSX: "forms/" + id + ".xlsx"}
}
