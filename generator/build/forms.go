package build

import (
	"sort"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/markdown"
	"guifan/generator/model"
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
