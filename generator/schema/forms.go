package schema

import (
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"guifan/generator/diag"
	"guifan/generator/model"
)

// Form is a blank form decoded from forms/ID.toml: a ruled table of rows
// and cells that staff fill in by hand or on screen. The same definition
// gives the PDF, the workbook and the printable page, and its fields are
// what the coverage engine checks when an article asks for a record with
// given contents.
type Form struct {
	ID          string     `toml:"id"`
	Title       Text       `toml:"title"`
	Purpose     Text       `toml:"purpose"`
	Number      string     `toml:"number"`      // form number printed in the corner, e.g. "XXZX-JL-01"
	Articles    []int      `toml:"articles"`    // articles the form serves
	Source      string     `toml:"source"`      // e.g. "appendix-4" for the specification's own forms
	Orientation string     `toml:"orientation"` // portrait (default) or landscape
	Pages       int        `toml:"pages"`       // pages it is meant to fill; default 1
	Rows        []*FormRow `toml:"rows"`
	Footer      Text       `toml:"footer"` // a note printed under the table

	File string `toml:"-"`
}

// FormRow is one row of a form's table.
type FormRow struct {
	Cells []*FormCell `toml:"cells"`
	// Repeat prints the row this many times: log sheets are one header row
	// and a repeated blank row.
	Repeat int `toml:"repeat"`
	// Header marks a row of column titles (shaded, repeated on each page).
	Header bool `toml:"header"`
}

// FormCell is one cell. Kind says what it holds:
//
//	label   fixed text
//	field   a label and a blank to fill in on one line
//	area    a label and several blank lines (Lines)
//	check   a label and a group of □ options (Options); Multiple allows several
//	sign    a signature and date line (年 月 日)
//	blank   an empty cell to fill (for log rows under a header)
type FormCell struct {
	ID       string `toml:"id"` // a field id, for coverage and workbook names
	Label    Text   `toml:"label"`
	Kind     string `toml:"kind"`
	Options  []Text `toml:"options"`
	Multiple bool   `toml:"multiple"`
	Span     int    `toml:"span"`  // columns spanned; default 1
	Lines    int    `toml:"lines"` // writing lines of an area; default 3
}

// FormKinds lists the cell kinds.
var FormKinds = []string{"label", "field", "area", "check", "sign", "blank"}

// FormField is a named cell of a form.
type FormField struct {
	ID    string
	Label Text
}

// Fields returns the cells that have an id, in order, without repeats.
func (f *Form) Fields() []FormField {
	var out []FormField
	seen := map[string]bool{}
	for _, r := range f.Rows {
		for _, c := range r.Cells {
			if c.ID == "" || seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			out = append(out, FormField{ID: c.ID, Label: c.Label})
		}
	}
	return out
}

// LoadForms reads the form definitions *.toml in folder dir of fsys and
// checks each; display is the folder as users see it ("schemas/forms",
// "forms"), for diagnostics and Form.File.
func LoadForms(fsys fs.FS, dir, display string) (map[string]*Form, diag.List) {
	s := &Set{locs: map[string]*tomlDoc{}}
	var diags diag.List
	forms := map[string]*Form{}
	for _, name := range glob(fsys, dir) {
		shown := display + "/" + path.Base(name)
		f := &Form{}
		if !s.decodeAs(fsys, name, shown, f, &diags) {
			continue
		}
		f.File = shown
		if f.ID == "" {
			f.ID = strings.TrimSuffix(path.Base(name), ".toml")
		}
		if key, args := model.IDProblem(f.ID); key != "" {
			diags.Add(s.posIn(shown, "id"), key, args...)
			continue // its id names its files: never write it
		}
		if prev, dup := forms[model.FoldID(f.ID)]; dup {
			diags.Add(s.posIn(shown, "id"), "schema.duplicate", diag.Key("schema.kind.form"), f.ID, prev.File)
			continue
		}
		s.checkForm(&diags, shown, f)
		forms[model.FoldID(f.ID)] = f
	}
	byID := make(map[string]*Form, len(forms))
	for _, f := range forms {
		byID[f.ID] = f
	}
	return byID, diags
}

func (s *Set) checkForm(d *diag.List, file string, f *Form) {
	if len(f.Title) == 0 {
		d.Add(s.posIn(file, ""), "schema.missing", "title")
	}
	for _, lang := range sortedKeys(f.Title) {
		if n := utf8.RuneCountInString(f.Title[lang]); n > model.MaxTitleRunes {
			d.Add(s.posIn(file, "title."+lang), "body.title-too-long", n, model.MaxTitleRunes)
		}
	}
	if f.Orientation != "" && f.Orientation != "portrait" && f.Orientation != "landscape" {
		d.Add(s.posIn(file, "orientation"), "schema.bad-value", "orientation", f.Orientation, "portrait, landscape")
	}
	if len(f.Rows) == 0 {
		d.Add(s.posIn(file, ""), "schema.missing", "rows")
	}
	for i, r := range f.Rows {
		for j, c := range r.Cells {
			p := idx(idx("rows", i)+".cells", j)
			ok := false
			for _, k := range FormKinds {
				ok = ok || c.Kind == k
			}
			if !ok {
				d.Add(s.posIn(file, p+".kind"), "schema.bad-value", "kind", c.Kind, strings.Join(FormKinds, ", "))
			}
			if c.Kind == "check" && len(c.Options) == 0 {
				d.Add(s.posIn(file, p), "schema.missing", "options")
			}
			if c.Span < 0 || c.Lines < 0 {
				d.Add(s.posIn(file, p), "schema.bad-value", "span", c.Span, "≥ 1")
			}
		}
	}
}
