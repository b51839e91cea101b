package site

import "guifan/generator/model"

// DocPage renders the page of one document of in.Docs, byte for byte as
// Write renders it from the same input (the same writer, templates and
// navigation), without writing the rest of the site: a preview shows the
// page of a document just saved while the rest is rebuilt. ok is false
// when in.Docs has no document id.
func DocPage(in Input, id string) (page []byte, ok bool, err error) {
	var d *model.Document
	for _, x := range in.Docs {
		if x.ID == id {
			d = x
			break
		}
	}
	if d == nil {
		return nil, false, nil
	}
	in.Texts = nil // the page only: no search text is kept
	w, err := newWriter(in)
	if err != nil {
		return nil, true, err
	}
	page, _, err = w.document(w.byID[id])
	return page, true, err
}
