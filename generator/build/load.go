// Package build knows the order of guifan's stages. Load reads a site
// (settings, schemas, documents); Check validates it. Later stages (the
// coverage engine and the outputs) take what Load returns.
package build

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"unicode/utf8"

	"guifan/generator/config"
	"guifan/generator/content"
	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/validate"
	"guifan/schemas"
	"guifan/themes"
)

// ErrNoSite means the folder has no hospital.toml.
var ErrNoSite = errors.New("no hospital.toml")

// Site is a loaded site: the project and the schemas and theme it uses.
type Site struct {
	Project *model.Project
	Schemas *schema.Set
	Forms   map[string]*schema.Form // blank forms by id, built-in and the site's own
	// SchemaFS and ThemeFS are the built-in schemas and theme with the
	// site's own files laid over them.
	SchemaFS fs.FS
	ThemeFS  fs.FS
	siteFS   fs.FS
	layouts  fs.FS // the site's own layouts/ folder, if any
}

// Load reads the site in siteFS. It returns ErrNoSite when siteFS has no
// hospital.toml; otherwise it returns the site (as complete as it could be
// read) and every problem found on the way.
func Load(siteFS fs.FS) (*Site, diag.List, error) {
	h, hsrc, diags, err := config.Load(siteFS)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, ErrNoSite
	}
	if err != nil {
		return nil, nil, err
	}
	s := &Site{siteFS: siteFS}
	s.SchemaFS = fsutil.Overlay(sub(siteFS, "schemas"), schemas.FS)
	builtinTheme, _ := fs.Sub(themes.FS, "default")
	s.ThemeFS = fsutil.Overlay(sub(siteFS, "themes/"+h.Theme), builtinTheme)
	s.layouts = sub(siteFS, "layouts")

	set, sd := schema.Load(s.SchemaFS)
	diags.Append(sd)
	s.Schemas = set

	s.Forms, sd = schema.LoadForms(s.SchemaFS, "forms", "schemas/forms")
	diags.Append(sd)
	if own := sub(siteFS, "forms"); own != nil {
		forms, fd := schema.LoadForms(own, ".", "forms")
		diags.Append(fd)
		for id, f := range forms {
			s.Forms[id] = f
		}
	}

	docs, sources, cd := content.Load(siteFS, set)
	diags.Append(cd)
	sources[config.FileName] = hsrc
	s.Project = &model.Project{Hospital: h, Docs: docs, Sources: sources}
	return s, diags, nil
}

func sub(fsys fs.FS, dir string) fs.FS {
	if st, err := fs.Stat(fsys, dir); err != nil || !st.IsDir() {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}

// Check validates the loaded documents as of a date (zero: no date checks).
func (s *Site) Check(asOf model.Date) diag.List {
	return validate.Check(validate.Input{
		Hospital: s.Project.Hospital,
		Schemas:  s.Schemas,
		Docs:     s.Project.Docs,
		AsOf:     asOf,
		Public:   s.Public,
	})
}

// Source returns the text of a file of the site for printing diagnostics:
// a file already read, or a schema file (site-local or built in).
func (s *Site) Source(file string) *diag.Source {
	if src := s.Project.Sources[file]; src != nil {
		return src
	}
	if rest, ok := strings.CutPrefix(file, "schemas/"); ok {
		if data, err := fs.ReadFile(s.SchemaFS, rest); err == nil {
			return diag.NewSource(file, data)
		}
	}
	// Other files of the site (forms, attestations): only text that is
	// safe to print; a file refused for its encoding shows no source line.
	if data, err := fs.ReadFile(s.siteFS, file); err == nil && utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
		return diag.NewSource(file, data)
	}
	return nil
}
