package site

import (
	"html/template"
	"io/fs"

	"guifan/generator/model"
)

// DocPage renders the page of one document of in.Docs, byte for byte as
// Write renders it from the same input (the same writer, templates and
// navigation), without writing the rest of the site: a preview shows the
// page of a document just saved while the rest is rebuilt. ok is false
// when in.Docs has no document id.
func DocPage(in Input, id string) (page []byte, ok bool, err error) {
	return (*Templates)(nil).DocPage(in, id)
}

// Templates are a site's page layouts parsed once (ParseTemplates), for a
// preview that renders a saved document's page at every save: parsing
// the theme's layouts is most of the work of one page. They hold for as
// long as the theme and the layouts do not change.
type Templates struct {
	// sets are the layouts by name, never executed: each use clones the
	// one it needs and binds its functions to its own writer.
	sets map[string]*template.Template
}

// ParseTemplates parses the page layouts of theme (its layouts/ folder)
// and of a site's own layouts folder (nil when it has none), as Write
// does.
func ParseTemplates(theme, layouts fs.FS) (*Templates, error) {
	w := &writer{in: Input{Theme: theme, Layouts: layouts}}
	if err := w.loadTemplates(); err != nil {
		return nil, err
	}
	return &Templates{sets: w.tmpl}, nil
}

// DocPage is the package's DocPage with the layouts of t, parsed
// already; in.Theme and in.Layouts must be those t was parsed from. A nil
// t parses them.
func (t *Templates) DocPage(in Input, id string) (page []byte, ok bool, err error) {
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
	in.Stop = nil
	if t != nil {
		// A document's page is made from the doc layout only.
		in.templates = &Templates{sets: map[string]*template.Template{"doc": t.sets["doc"]}}
	}
	w, err := newWriter(in)
	if err != nil {
		return nil, true, err
	}
	page, _, err = w.document(w.byID[id])
	return page, true, err
}

// clone returns copies of t's layouts whose functions are w's.
func (t *Templates) clone(w *writer) (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(t.sets))
	funcs := w.funcs()
	for name, set := range t.sets {
		if set == nil {
			continue
		}
		c, err := set.Clone()
		if err != nil {
			return nil, err
		}
		out[name] = c.Funcs(funcs)
	}
	return out, nil
}
