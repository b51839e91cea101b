package schema

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/model"
	"guifan/generator/textfile"
	"guifan/generator/tomlfile"
)

// Set is everything under schemas/: the common document-control fields, the
// document types and the frameworks.
type Set struct {
	// Document holds the fields every document shares (id, title, status,
	// ...), from schemas/document.toml.
	Document   *DocType
	Types      map[string]*DocType
	Frameworks map[string]*Framework
	// Sections holds how sections are recognised and when one says
	// something, from schemas/sections.toml.
	Sections SectionRules

	locs map[string]*tomlDoc // displayed file path -> key positions, for diagnostics
}

// TypeNames returns the document type names, sorted.
func (s *Set) TypeNames() []string { return sortedKeys(s.Types) }

// FrameworkIDs returns the framework ids, sorted.
func (s *Set) FrameworkIDs() []string { return sortedKeys(s.Frameworks) }

// TypeForDir returns the type whose conventional folder is dir, or nil.
func (s *Set) TypeForDir(dir string) *DocType {
	for _, name := range s.TypeNames() {
		if t := s.Types[name]; t.Dir != "" && t.Dir == dir {
			return t
		}
	}
	return nil
}

// Load reads a schema tree: document.toml, types/*.toml and
// frameworks/*.toml. It returns every problem it finds (syntax, unknown keys,
// and the cross-checks of Check) rather than stopping at the first.
func Load(fsys fs.FS) (*Set, diag.List) {
	s := &Set{Types: map[string]*DocType{}, Frameworks: map[string]*Framework{}, locs: map[string]*tomlDoc{}}
	var diags diag.List

	doc := &DocType{Name: "document"}
	if s.decode(fsys, "document.toml", doc, &diags) {
		doc.File = "document.toml"
		s.Document = doc
	}

	s.loadSectionRules(fsys, &diags)

	for _, name := range glob(fsys, "types") {
		t := &DocType{}
		if !s.decode(fsys, name, t, &diags) {
			continue
		}
		t.File = name
		if key, args := model.IDProblem(t.Name); key != "" {
			diags.Add(s.pos(name, "name"), key, args...)
			continue
		}
		if t.Dir != "" && !validDir(t.Dir) {
			diags.Add(s.pos(name, "dir"), "schema.dir", t.Dir)
			continue
		}
		if prev, dup := s.Types[t.Name]; dup {
			diags.Add(s.pos(name, "name"), "schema.duplicate", diag.Key("schema.kind.type"), t.Name, prev.File)
			continue
		}
		s.Types[t.Name] = t
	}
	for _, name := range glob(fsys, "frameworks") {
		f := &Framework{}
		if !s.decode(fsys, name, f, &diags) {
			continue
		}
		f.File = name
		if key, args := model.IDProblem(f.ID); key != "" {
			diags.Add(s.pos(name, "id"), key, args...)
			continue
		}
		if prev, dup := s.Frameworks[f.ID]; dup {
			diags.Add(s.pos(name, "id"), "schema.duplicate", diag.Key("schema.kind.framework"), f.ID, prev.File)
			continue
		}
		s.Frameworks[f.ID] = f
	}
	if s.Document == nil {
		s.Document = &DocType{Name: "document"}
	}
	diags.Append(s.Check())
	return s, diags
}

// validDir reports whether a document type's dir is a folder under
// content/: a relative slash path whose every segment satisfies the id
// rule (so no "", ".", "..", "/" at either end or backslash).
func validDir(dir string) bool {
	for _, seg := range strings.Split(dir, "/") {
		if !model.ValidID(seg) {
			return false
		}
	}
	return true
}

func glob(fsys fs.FS, dir string) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") {
			out = append(out, path.Clean(path.Join(dir, e.Name())))
		}
	}
	sort.Strings(out)
	return out
}

// tomlDoc is a decoded schema file's key positions.
type tomlDoc = tomlfile.Doc

func (s *Set) decode(fsys fs.FS, name string, v any, diags *diag.List) bool {
	return s.decodeAs(fsys, name, "schemas/"+name, v, diags)
}

// decodeAs decodes file name of fsys into v, reporting problems under the
// path display (the path a user sees, relative to the site).
func (s *Set) decodeAs(fsys fs.FS, name, display string, v any, diags *diag.List) bool {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		fsutil.Report(diags, display, err)
		return false
	}
	data, dd := textfile.Decode(display, raw)
	if dd.Errors() > 0 {
		diags.Append(dd)
		return false
	}
	probs := tomlfile.DecodeStrict(data, v)
	ok := true
	for _, p := range probs {
		pos := diag.Pos{File: display, Line: p.Line, Col: p.Col}
		switch p.Kind {
		case tomlfile.ProblemSyntax:
			diags.Add(pos, "toml.syntax", p.Message)
			ok = false
		case tomlfile.ProblemType:
			diags.Add(pos, "schema.type", p.Key, p.Message)
			ok = false
		default:
			diags.Add(pos, "schema.unknown", p.Key)
		}
	}
	if ok {
		if d, err := tomlfile.Parse(data); err == nil {
			s.locs[display] = d
		}
	}
	return ok
}

// pos returns the position of a key path in a file under schemas/.
func (s *Set) pos(file, keyPath string) diag.Pos { return s.posIn("schemas/"+file, keyPath) }

// posIn returns the position of a key path in a file shown as display.
func (s *Set) posIn(display, keyPath string) diag.Pos {
	p := diag.Pos{File: display}
	if d := s.locs[display]; d != nil {
		if l, ok := d.Loc(keyPath); ok {
			p.Line, p.Col = l.ValLine, l.ValCol
		} else {
			p.Line, p.Col = 1, 1
		}
	}
	return p
}

func idx(prefix string, i int) string { return fmt.Sprintf("%s[%d]", prefix, i) }

// Classification returns the canonical classification of a document of
// type typ whose front matter says value: the value itself (or its alias),
// else the type's default, else "internal" (never public by accident).
func (s *Set) Classification(typ, value string) string {
	if f := s.Document.Field("classification"); f != nil {
		if ev, ok := f.Lookup(value); ok {
			return ev.Value
		}
	}
	if t := s.Types[typ]; t != nil && t.Classification != "" {
		return t.Classification
	}
	return string(model.Internal)
}

// Label returns the label of an enum value of a field ("in_force" ->
// 现行), or the value itself.
func (s *Set) Label(typ, field, value string) Text {
	f := s.Document.Field(field)
	if t := s.Types[typ]; t != nil && t.Field(field) != nil {
		f = t.Field(field)
	}
	if f != nil {
		if ev, ok := f.Lookup(value); ok && len(ev.Label) > 0 {
			return ev.Label
		}
	}
	return Text{DefaultLang: value}
}
