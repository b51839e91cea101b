package build

import (
	"fmt"
	"io/fs"
	"sort"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/pdf"
	"guifan/generator/site"
)

// fonts loads the fonts for PDFs: those hospital.toml names (paths in the
// site, "file.ttc#1" for a face of a collection), then the theme's own,
// which also serve as fallback for characters the chosen fonts lack.
func (s *Site) fonts() (serif, sans []*pdf.Font, diags diag.List) {
	// A font that cannot be used was reported when the site was loaded
	// (checkFonts: hospital.toml's at their entry, a theme's at its file);
	// here it is only left out.
	load := func(fsys fs.FS, spec string) *pdf.Font {
		name, face, problem := config.FontSpec(spec)
		if problem != "" {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil
		}
		f, err := pdf.ParseFont(name, data, face)
		if err != nil {
			return nil
		}
		return f
	}
	h := s.Project.Hospital
	for _, spec := range h.Fonts.Serif {
		if f := load(s.siteFS, spec); f != nil {
			serif = append(serif, f)
		}
	}
	for _, spec := range h.Fonts.Sans {
		if f := load(s.siteFS, spec); f != nil {
			sans = append(sans, f)
		}
	}
	// The theme's fonts (its manifest, theme.toml), after the hospital's:
	// they also serve for the characters the chosen fonts lack.
	for _, spec := range s.themeFonts.Serif {
		if f := load(s.ThemeFS, spec); f != nil {
			serif = append(serif, f)
		}
	}
	for _, spec := range s.themeFonts.Sans {
		if f := load(s.ThemeFS, spec); f != nil {
			sans = append(sans, f)
		}
	}
	return serif, sans, diags
}

// pdfDoc turns a document into what the PDF writer typesets, as a view
// shows it: its control box, its body, and its own fields' tables.
func (s *Site) pdfDoc(d *model.Document, v *view) pdf.Doc {
	var control [][2]string
	for _, it := range v.control(s, d) {
		control = append(control, [2]string{it.Label, it.Value})
	}
	blocks := markdown.Blocks(d.BodyWithoutTitle())
	for _, t := range v.present.Tables(d) {
		blocks = append(blocks, markdown.Block{Kind: "heading", Level: 2, Spans: []markdown.Span{{Text: t.Title}}})
		tb := markdown.Block{Kind: "table", Header: true}
		var head [][]markdown.Span
		for _, c := range t.Columns {
			head = append(head, []markdown.Span{{Text: c}})
		}
		tb.Rows = append(tb.Rows, head)
		for _, row := range append(t.Rows, s.budgetFoot(d, t, v.present)...) {
			var cells [][]markdown.Span
			for _, c := range row {
				cells = append(cells, []markdown.Span{{Text: c}})
			}
			tb.Rows = append(tb.Rows, cells)
		}
		blocks = append(blocks, tb)
	}
	return pdf.Doc{ID: d.ID, Title: d.Title(), Number: d.Control.Number, Version: d.Control.Version, Control: control, Blocks: blocks}
}

// pdfFonts loads the fonts once per build.
func (j *job) pdfFonts() (serif, sans []*pdf.Font) {
	w := &j.pdfWork
	if !w.loaded {
		var diags diag.List
		w.serif, w.sans, diags = j.s.fonts()
		j.diags.Append(diags)
		w.loaded = true
	}
	return w.serif, w.sans
}

// pdfOptions are the options every PDF of the build shares, with the
// fonts loaded once; ok is false when there are no fonts to write with.
func (j *job) pdfOptions() (opt pdf.Options, ok bool) {
	serif, sans := j.pdfFonts()
	opt = pdf.Options{Hospital: j.s.Project.Hospital.Name, Date: j.asOf.Time(), Serif: serif, Sans: sans, T: j.cat.T}
	return opt, len(serif) > 0 && len(sans) > 0
}

// siteDownload is a file the downloads page lists.
func siteDownload(path, title, kind string, size int) site.Download {
	return site.Download{Path: path, Title: title, Kind: kind, Size: size}
}

// typesInOrder returns the document types in their schema order.
func (s *Site) typesInOrder() []string {
	names := s.Schemas.TypeNames()
	sort.SliceStable(names, func(i, j int) bool { return s.Schemas.Types[names[i]].Order < s.Schemas.Types[names[j]].Order })
	return names
}

// missingGlyphs reports characters no font has, at the first line of the
// document that uses them. Each document's text is read once, however
// many characters it lacks (a body of rare characters may lack thousands).
func (s *Site) missingGlyphs(missing []pdf.Missing) diag.List {
	var diags diag.List
	seen := map[pdf.Missing]bool{}
	var order []string           // documents, in the order first reported
	runes := map[string][]rune{} // document id -> its missing characters, in order
	for _, m := range missing {
		if seen[m] || m.Doc == "" {
			continue
		}
		seen[m] = true
		if _, ok := runes[m.Doc]; !ok {
			order = append(order, m.Doc)
		}
		runes[m.Doc] = append(runes[m.Doc], m.Rune)
	}
	for _, id := range order {
		d := s.Project.Doc(id)
		if d == nil || d.Source == nil {
			continue
		}
		at := firstPlaces(d.Path, d.Source.Lines(), d.Source.Line, runes[id])
		for _, r := range runes[id] {
			diags.Warn(at[r], "pdf.missing-glyph", string(r), fmt.Sprintf("U+%04X", r))
		}
	}
	return diags
}

// firstPlaces finds where each of runes first occurs in a file of n lines
// (line(1) to line(n)), reading each line at most once; a rune not found is
// placed at the start of the file.
func firstPlaces(file string, n int, line func(int) string, runes []rune) map[rune]diag.Pos {
	at := make(map[rune]diag.Pos, len(runes))
	for _, r := range runes {
		at[r] = diag.Pos{File: file, Line: 1, Col: 1}
	}
	found := make(map[rune]bool, len(runes))
	for l := 1; l <= n && len(found) < len(at); l++ {
		col := 0
		for _, r := range line(l) {
			col++
			if _, want := at[r]; want && !found[r] {
				found[r] = true
				at[r] = diag.Pos{File: file, Line: l, Col: col}
			}
		}
	}
	return at
}
