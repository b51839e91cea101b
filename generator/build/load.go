// Package build knows the order of guifan's stages. Load reads a site
// (settings, schemas, documents); Check validates it. Later stages (the
// coverage engine and the outputs) take what Load returns.
package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"guifan/generator/config"
	"guifan/generator/content"
	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/pdf"
	"guifan/generator/schema"
	"guifan/generator/sections"
	"guifan/generator/site"
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
	// OwnForms are the ids of the forms the site has its own copy of.
	OwnForms map[string]bool
	// SchemaFS and ThemeFS are the built-in schemas and theme with the
	// site's own files laid over them.
	SchemaFS fs.FS
	ThemeFS  fs.FS
	siteFS   fs.FS
	layouts  fs.FS // the site's own layouts/ folder, if any
	ownTheme fs.FS // the site's own themes/<theme>/ folder, if any
	// themeFonts are the theme's PDF fonts, by path in ThemeFS: the site's own
	// theme manifest's where it names them, else the built-in theme's.
	themeFonts config.Fonts
	// publicRule replaces isPublic in tests that prove the leak test can
	// fail; nil everywhere else.
	publicRule func(*model.Document) bool
	// prior is the output folder a build writes into, whose previous
	// PDFs it may reuse (pdfCache); "" for a build in memory.
	prior string
	// reused counts the PDFs the last build took from prior.
	reused int
	// found remembers each document's sections for check and assess.
	found *sections.Memo
	// progress is Options.Progress of the run, told each output made.
	progress func(stage string)
	// siteInput, when set, is told what the site's pages were written
	// from (a live preview renders a saved document's page from it).
	siteInput func(site.Input)
	// ctx, when set, stops the run when it is done (a live preview's
	// rebuild superseded by a newer save): the run checks it between
	// stages and in its long loops, and returns a Result marked Canceled.
	ctx context.Context
}

// Load reads the site in siteFS (fsutil.SiteFS for a real site: nothing
// outside it is read). It returns ErrNoSite when siteFS has no
// hospital.toml; otherwise it returns the site (as complete as it could be
// read) and every problem found on the way: in hospital.toml, the
// schemas, forms, theme and layouts the site lays over the built-in ones
// (files that cannot be read are reported and the built-in file is used),
// the fonts hospital.toml names, and the documents.
func Load(siteFS fs.FS) (*Site, diag.List, error) {
	s, diags, _, err := load(siteFS, nil)
	return s, diags, err
}

// load is Load, reading the documents through docs (content.LoadCached);
// span is where the documents' own diagnostics are in the list.
func load(siteFS fs.FS, docs *content.Cache) (_ *Site, _ diag.List, span [2]int, _ error) {
	h, hsrc, diags, raw, err := loadSettings(siteFS)
	if err != nil {
		return nil, nil, span, err
	}
	settings := len(diags)
	s := &Site{siteFS: siteFS, found: sections.NewMemo()}
	s.SchemaFS = fsutil.Overlay(screen(siteFS, "schemas", &diags), schemas.FS)
	s.ownTheme = s.theme(h, &diags)
	s.ThemeFS = fsutil.Overlay(s.ownTheme, builtinTheme())
	if langs := i18n.Languages(s.ThemeFS); raw != nil && !slices.Equal(langs, config.BuiltinLanguages()) {
		// The site's theme brings catalogs of its own: hospital.toml may
		// name their languages. Its settings are read again against them.
		h2, src2, sd := config.ParseFor(raw, langs)
		if h2.Theme == h.Theme {
			h, hsrc = h2, src2
			diags = append(sd, diags[settings:]...)
		}
	}
	s.themeFonts = readThemeFonts(s.ownTheme, h.Theme, &diags)
	s.layouts = screen(siteFS, "layouts", &diags)

	set, sd := schema.Load(s.SchemaFS)
	diags.Append(sd)
	s.Schemas = set

	s.Forms, sd = schema.LoadForms(s.SchemaFS, "forms", "schemas/forms")
	diags.Append(sd)
	if own := screen(siteFS, "forms", &diags); own != nil {
		forms, fd := schema.LoadForms(own, ".", "forms")
		diags.Append(fd)
		builtin := map[string]string{}
		for id := range s.Forms {
			builtin[model.FoldID(id)] = id
		}
		for id, f := range forms {
			if b, ok := builtin[model.FoldID(id)]; ok && b != id {
				// The site's form would be a second file beside the
				// built-in one that differs only in letter case: one
				// file on a Windows share.
				diags.Add(diag.Pos{File: f.File, Line: 1, Col: 1}, "form.case-builtin", id, b)
				delete(forms, id)
				continue
			}
			s.Forms[id] = f
		}
		s.OwnForms = map[string]bool{}
		for id := range forms {
			s.OwnForms[id] = true
		}
	}
	s.checkDeclaredForms(h, &diags)

	found, sources, cd := content.LoadCached(siteFS, set, docs)
	span[0] = len(diags)
	diags.Append(cd)
	span[1] = len(diags)
	if hsrc != nil {
		sources[config.FileName] = hsrc
	}
	s.Project = &model.Project{Hospital: h, Docs: found, Sources: sources}
	s.checkOutputs(&diags)
	s.checkFonts(&diags)
	s.checkLayouts(&diags)
	return s, diags, span, nil
}

// readThemeFonts returns the PDF fonts of the theme: those of the site's own
// theme manifest (own, reported at its file) over the built-in theme's.
func readThemeFonts(own fs.FS, name string, diags *diag.List) config.Fonts {
	base, _ := config.ReadTheme(builtinTheme(), "themes/default")
	if own == nil {
		return base.Fonts
	}
	th, td := config.ReadTheme(own, "themes/"+name)
	diags.Append(td)
	return th.Over(base)
}

// builtinTheme is the theme built into guifan.
func builtinTheme() fs.FS {
	theme, _ := fs.Sub(themes.FS, "default")
	return theme
}

// LoadDir loads the site in the folder dir through fsutil.SiteFS, the one
// way commands open a site: links and paths leading out of dir are
// refused, only regular files of bounded size are read. A folder that does
// not exist, or is not a folder, is ErrNoSite.
func LoadDir(dir string) (*Site, diag.List, error) {
	fsys, err := fsutil.SiteFS(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return nil, nil, ErrNoSite
		}
		return nil, nil, err
	}
	return Load(fsys)
}

// FS returns the file system the site was read from.
func (s *Site) FS() fs.FS { return s.siteFS }

// loadSettings reads hospital.toml. A file that is there but cannot be
// read gives the default settings and the problem; a missing one,
// ErrNoSite.
func loadSettings(siteFS fs.FS) (*config.Hospital, *diag.Source, diag.List, []byte, error) {
	raw, err := fsutil.ReadFile(siteFS, config.FileName, fsutil.LimitFor(config.FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, nil, ErrNoSite
	}
	if err != nil {
		var diags diag.List
		fsutil.Report(&diags, config.FileName, err)
		return config.Default(), nil, diags, nil, nil
	}
	h, src, diags := config.Parse(raw)
	return h, src, diags, raw, nil
}

// screen returns the site's folder dir, without the files in it that
// cannot be read (each reported), or nil when the site has no such folder.
func screen(siteFS fs.FS, dir string, diags *diag.List) fs.FS {
	fsys, skipped := fsutil.Screen(siteFS, dir)
	for _, sk := range skipped {
		fsutil.Report(diags, sk.Path, sk.Err)
	}
	return fsys
}

// theme returns the site's own folder of the theme hospital.toml names
// (themes/<theme>/), or nil. The name must be an id; a theme other than
// the built-in "default" must exist.
func (s *Site) theme(h *config.Hospital, diags *diag.List) fs.FS {
	name := h.Theme
	if key, args := model.IDProblem(name); key != "" {
		diags.Add(h.Pos("theme"), "config.theme-id", model.ShowID(name), diag.Msg{Key: key, Args: args})
		return nil
	}
	dir := "themes/" + name
	fsys, skipped := fsutil.Screen(s.siteFS, dir)
	for _, sk := range skipped {
		fsutil.Report(diags, sk.Path, sk.Err)
	}
	if fsys == nil && len(skipped) == 0 && name != "default" {
		avail := []any{"default"}
		if entries, err := fs.ReadDir(s.siteFS, "themes"); err == nil {
			for _, e := range entries {
				if e.IsDir() && e.Name() != "default" && model.ValidID(e.Name()) {
					avail = append(avail, e.Name())
				}
			}
		}
		diags.Add(h.Pos("theme"), "config.theme-missing", name, dir, diag.Items{Items: avail})
	}
	return fsys
}

// checkFonts checks the fonts hospital.toml names, once, when the site is
// loaded: each must be a path inside the site to a TrueType font the PDF
// writer can use. The check (pdf.CheckFont) refuses what pdf.ParseFont
// would, without making the font: only a build that writes PDFs parses
// the fonts (fonts). A font that cannot be used is reported at its entry and
// dropped from the settings (the PDF writer then uses the next font and
// the built-in ones, and does not report it again).
func (s *Site) checkFonts(diags *diag.List) {
	h := s.Project.Hospital
	for _, list := range []struct {
		key   string
		specs *[]string
	}{{"fonts.serif", &h.Fonts.Serif}, {"fonts.sans", &h.Fonts.Sans}} {
		var kept []string
		for i, spec := range *list.specs {
			pos := h.Pos(config.Index(list.key, i))
			name, face, problem := config.FontSpec(spec)
			if problem != "" { // config.font-face, config.font-path
				diags.Warn(pos, "config."+problem, spec)
				continue
			}
			data, err := fsutil.ReadFile(s.siteFS, name, model.MaxFontBytes)
			if err != nil {
				var file diag.List
				fsutil.Report(&file, name, err)
				diags.Warn(pos, "config.font", spec, diag.Msg{Key: file[0].Code, Args: file[0].Args})
				continue
			}
			if err := pdf.CheckFont(data, face); err != nil {
				diags.Warn(pos, "config.font", spec, fontProblem(err))
				continue
			}
			kept = append(kept, spec)
		}
		*list.specs = kept
	}
	// The theme's own fonts, when the site's theme folder replaces them,
	// are checked here too (check then says what build would), at the file.
	if s.ownTheme == nil {
		return
	}
	seen := map[string]bool{}
	for _, spec := range append(slices.Clone(s.themeFonts.Serif), s.themeFonts.Sans...) {
		name, face, _ := config.FontSpec(spec)
		if seen[spec] {
			continue
		}
		seen[spec] = true
		data, err := fs.ReadFile(s.ownTheme, name)
		if err != nil {
			continue // not replaced: the built-in font is used
		}
		if err := pdf.CheckFont(data, face); err != nil {
			shown := "themes/" + h.Theme + "/" + name
			diags.Warn(diag.Pos{File: shown}, "pdf.font", path.Base(name), fontProblem(err))
		}
	}
}

// fontProblem is the catalog message for a font the PDF writer refused.
func fontProblem(err error) diag.Msg {
	if fe, ok := err.(*pdf.FontError); ok {
		key := "pdf.font-" + fe.Reason // pdf.font-otf, pdf.font-face, ...
		return diag.Msg{Key: key, Args: fe.Args}
	}
	return diag.Msg{Key: "pdf.font-damaged", Args: []any{err.Error()}}
}

// checkLayouts parses the templates the site would be written with and
// reports a broken one at the file that holds it: the site's layouts/ or
// themes/<theme>/layouts/ override (the built-in theme is tested).
func (s *Site) checkLayouts(diags *diag.List) {
	if s.layouts == nil && s.ownTheme == nil {
		return
	}
	for _, p := range site.CheckLayouts(s.ThemeFS, s.layouts) {
		pos := diag.Pos{File: s.layoutPath(p.Name), Line: p.Line, Col: p.Col}
		if p.Line > 0 && p.Col == 0 {
			pos.Col = 1
		}
		switch {
		case p.Missing != "":
			diags.Add(pos, "theme.missing-template", p.Missing)
		default:
			diags.Add(pos, "theme.template", p.Detail)
		}
	}
}

// LayoutProblem turns an error of writing the site that comes from a
// layout failing when run into a diagnostic at the layout's file (the
// site's override) and line; ok is false for any other error.
func (s *Site) LayoutProblem(err error) (d diag.Diagnostic, ok bool) {
	p, ok := site.ExecProblem(err)
	if !ok {
		return d, false
	}
	file := s.layoutPath(p.Name)
	col := p.Col + 1
	// The template library counts bytes from 0; a column counts characters.
	if src := s.Source(file); src != nil && p.Line <= src.Lines() {
		if line := src.Line(p.Line); p.Col <= len(line) {
			col = utf8.RuneCountInString(line[:p.Col]) + 1
		}
	}
	var l diag.List
	l.Add(diag.Pos{File: file, Line: p.Line, Col: col}, "theme.exec", p.Detail)
	return l[0], true
}

// layoutPath returns where the layout name comes from, as the user sees
// it: the site's layouts/, its theme folder, or the built-in theme.
func (s *Site) layoutPath(name string) string {
	if s.layouts != nil {
		if _, err := fs.Stat(s.layouts, name); err == nil {
			return "layouts/" + name
		}
	}
	if s.ownTheme != nil {
		if _, err := fs.Stat(s.ownTheme, "layouts/"+name); err == nil {
			return "themes/" + s.Project.Hospital.Theme + "/layouts/" + name
		}
	}
	return "themes/default/layouts/" + name
}

// Check validates the loaded documents as of a date (zero: no date checks).
func (s *Site) Check(asOf model.Date) diag.List {
	return validate.Check(s.checkInput(asOf))
}

// checkInput is what Check validates.
func (s *Site) checkInput(asOf model.Date) validate.Input {
	return validate.Input{
		Hospital: s.Project.Hospital,
		Schemas:  s.Schemas,
		Docs:     s.Project.Docs,
		AsOf:     asOf,
		Public:   s.Public,
		Forms:    s.FormIDs(),
		Found:    s.found,
	}
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
