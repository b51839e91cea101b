package schema

import (
	"fmt"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/model"
)

// Check verifies that the schemas agree with themselves: every field type is
// known, enums have values, and every requirement of every framework names
// types, fields, sections and values that exist, with the parameters its
// kind needs. A schema that passes Check can be evaluated without surprises.
func (s *Set) Check() diag.List {
	var d diag.List
	if s.Document != nil && s.Document.File != "" {
		s.checkFields(&d, s.Document.File, "fields", s.Document.Fields)
	}
	for _, name := range s.TypeNames() {
		s.checkType(&d, s.Types[name])
	}
	for _, id := range s.FrameworkIDs() {
		s.checkFramework(&d, s.Frameworks[id])
	}
	return d
}

func (s *Set) checkType(d *diag.List, t *DocType) {
	f := t.File
	if t.Name == "" {
		d.Add(s.pos(f, ""), "schema.missing", "name")
	}
	if len(t.Label) == 0 {
		d.Add(s.pos(f, ""), "schema.missing", "label")
	}
	for i, format := range t.Formats {
		if format != "markdown" && format != "toml" {
			d.Add(s.pos(f, idx("formats", i)), "schema.bad-value", "formats", format, "markdown, toml")
		}
	}
	if t.Classification != "" && s.Document != nil {
		if cf := s.Document.Field("classification"); cf != nil {
			if _, ok := cf.Lookup(t.Classification); !ok {
				d.Add(s.pos(f, "classification"), "schema.bad-value", "classification", t.Classification, strings.Join(cf.ValueNames(), ", "))
			}
		}
	}
	s.checkFields(d, f, "fields", t.Fields)
	s.checkRowsOf(d, f, t)
	for i, fld := range t.Fields {
		if s.Document != nil && s.Document.Field(fld.Name) != nil {
			d.Add(s.pos(f, idx("fields", i)+".name"), "schema.shadow", fld.Name)
		}
		// An enum value's guidance goes under a section of the type.
		for j, v := range fld.Values {
			if v.Section != "" && t.Section(v.Section) == nil {
				d.Add(s.pos(f, idx(idx("fields", i)+".values", j)+".section"), "schema.unknown-section", v.Section, t.Name)
			}
		}
	}
	seen := map[string]bool{}
	for i, sec := range t.Sections {
		p := s.pos(f, idx("sections", i))
		if sec.ID == "" {
			d.Add(p, "schema.missing", "id")
		}
		if seen[sec.ID] {
			d.Add(p, "schema.duplicate", diag.Key("schema.kind.section"), sec.ID, f)
		}
		seen[sec.ID] = true
		if len(sec.Match) == 0 {
			d.Add(p, "schema.missing", "match")
		}
		if sec.Field != "" && t.Field(sec.Field) == nil {
			d.Add(s.pos(f, idx("sections", i)+".field"), "schema.bad-ref", "field", sec.Field)
		}
	}
	if t.Entries != "" && t.Entries != "headings" {
		if fld := t.Field(t.Entries); fld == nil || fld.Type != "table" {
			d.Add(s.pos(f, "entries"), "schema.bad-ref", "entries", t.Entries)
		}
	}
	if t.Page != nil {
		s.checkPage(d, t)
	}
}

// ReservedPageNames are the folders the site writes its own pages to: a
// type whose entries have a page of their own (at <name>/index.html) may
// not take one of these names.
var ReservedPageNames = []string{"assets", "docs", "types", "articles", "report", "forms", "downloads", "search", "pdf", "excel"}

// checkPage checks the page of a type's entries: a known kind, the
// entries it shows, and the fields and columns it names.
func (s *Set) checkPage(d *diag.List, t *DocType) {
	f, pg := t.File, t.Page
	for _, r := range ReservedPageNames {
		if t.Name == r {
			d.Add(s.pos(f, "page"), "schema.page-name", t.Name, r)
		}
	}
	switch pg.Kind {
	case PageEntries:
		if t.Entries != "headings" {
			d.Add(s.pos(f, "page.kind"), "schema.page-entries")
		}
		if pg.Heading != "" && t.Field(pg.Heading) == nil {
			d.Add(s.pos(f, "page.heading"), "schema.bad-ref", "page.heading", pg.Heading)
		}
	case PageTerms:
		table := t.Field(t.Entries)
		if t.Entries == "" || t.Entries == "headings" || table == nil || table.Type != "table" {
			d.Add(s.pos(f, "page.kind"), "schema.page-terms")
			return
		}
		for _, c := range []struct {
			key, col string
			required bool
		}{{"term", pg.Term, true}, {"definition", pg.Definition, true}, {"translation", pg.Translation, false}, {"aliases", pg.Aliases, false}} {
			switch {
			case c.col == "" && c.required:
				d.Add(s.pos(f, "page"), "schema.missing", "page."+c.key)
			case c.col != "" && findField(table.Columns, c.col) == nil:
				d.Add(s.pos(f, "page."+c.key), "schema.bad-ref", "page."+c.key, c.col)
			}
		}
	default:
		d.Add(s.pos(f, "page.kind"), "schema.bad-value", "page.kind", pg.Kind, PageEntries+", "+PageTerms)
	}
}

func (s *Set) checkFields(d *diag.List, file, prefix string, fields []*Field) {
	seen := map[string]bool{}
	for i, fld := range fields {
		path := idx(prefix, i)
		p := s.pos(file, path)
		if fld.Name == "" {
			d.Add(p, "schema.missing", "name")
		}
		if seen[fld.Name] {
			d.Add(p, "schema.duplicate", diag.Key("schema.kind.field"), fld.Name, file)
		}
		seen[fld.Name] = true
		if _, ok := FieldTypes[fld.Type]; !ok {
			d.Add(s.pos(file, path+".type"), "schema.bad-value", "type", fld.Type, strings.Join(sortedKeys(FieldTypes), ", "))
			continue
		}
		if (fld.Type == "enum" || fld.Of == "enum") && len(fld.Values) == 0 {
			d.Add(p, "schema.missing", "values")
		}
		if fld.Of != "" && fld.Type != "list" {
			d.Add(s.pos(file, path+".of"), "schema.bad-param", "of", fld.Type)
		}
		// rows_of: on table columns of strings only (Presenter.Tables reads
		// it there; checkRowsOf checks what it names).
		if fld.RowsOf != nil && (!strings.HasSuffix(prefix, ".columns") || !stringValued(fld)) {
			d.Add(s.pos(file, path+".rows_of"), "schema.bad-param", "rows_of", fld.Type)
		}
		if fld.Type == "table" {
			if len(fld.Columns) == 0 {
				d.Add(p, "schema.missing", "columns")
			}
			s.checkFields(d, file, path+".columns", fld.Columns)
		}
		for j, rt := range fld.RefTypes {
			if _, ok := s.Types[rt]; !ok {
				d.Add(s.pos(file, idx(path+".ref", j)), "schema.unknown-type", rt)
			}
		}
	}
}

// checkRowsOf verifies the columns whose values name rows of another
// document's table (Field.RowsOf): ref is a reference field of t (by its
// own name) naming types that each have the table, with the key and name
// as string columns (what Presenter.rowNames reads).
func (s *Set) checkRowsOf(d *diag.List, file string, t *DocType) {
	for i, fld := range t.Fields {
		for j, c := range fld.Columns {
			ro := c.RowsOf
			if ro == nil {
				continue
			}
			path := idx(idx("fields", i)+".columns", j) + ".rows_of"
			ref := findField(t.Fields, ro.Ref) // its own name: a dotted one reaches a column
			if ref == nil || ref.Name != ro.Ref || ref.Type != "ref" || len(ref.RefTypes) == 0 {
				d.Add(s.pos(file, path+".ref"), "schema.bad-ref", "rows_of.ref", ro.Ref)
				continue
			}
			for _, rt := range ref.RefTypes {
				other := s.Types[rt]
				if other == nil {
					continue // reported with the ref field
				}
				table := findField(other.Fields, ro.Table)
				switch {
				case table == nil || table.Type != "table":
					d.Add(s.pos(file, path+".table"), "schema.bad-ref", "rows_of.table", ro.Table)
				case !stringColumn(table, ro.Key):
					d.Add(s.pos(file, path+".key"), "schema.bad-ref", "rows_of.key", ro.Key)
				case !stringColumn(table, ro.Name):
					d.Add(s.pos(file, path+".name"), "schema.bad-ref", "rows_of.name", ro.Name)
				}
			}
		}
	}
}

// stringValued reports whether f's values are strings or lists of them.
func stringValued(f *Field) bool {
	return f.Type == "string" || f.Type == "list" && (f.Of == "" || f.Of == "string")
}

// stringColumn reports whether table has a string column name.
func stringColumn(table *Field, name string) bool {
	c := findField(table.Columns, name)
	return c != nil && c.Name == name && c.Type == "string"
}

func (s *Set) checkFramework(d *diag.List, fw *Framework) {
	f := fw.File
	if fw.ID == "" {
		d.Add(s.pos(f, ""), "schema.missing", "id")
	}
	chapters := map[int]bool{}
	for _, c := range fw.Chapters {
		chapters[c.Number] = true
	}
	numbers := map[int]bool{}
	reqIDs := map[string]bool{}
	for i, a := range fw.Articles {
		ap := idx("articles", i)
		if numbers[a.Number] {
			d.Add(s.pos(f, ap+".number"), "schema.duplicate", diag.Key("schema.kind.article"), fmt.Sprint(a.Number), f)
		}
		numbers[a.Number] = true
		if !chapters[a.Chapter] {
			d.Add(s.pos(f, ap+".chapter"), "schema.bad-ref", "chapter", fmt.Sprint(a.Chapter))
		}
		if len(a.Title) == 0 || len(a.Summary) == 0 {
			d.Add(s.pos(f, ap), "schema.missing", "title/summary")
		}
		if len(a.Requirements) == 0 {
			d.Add(s.pos(f, ap), "schema.no-requirements", a.Number)
		}
		for j, r := range a.Requirements {
			rp := idx(ap+".requirements", j)
			if r.ID == "" {
				d.Add(s.pos(f, rp), "schema.missing", "id")
			} else if key, args := model.IDProblem(r.ID); key != "" {
				d.Add(s.pos(f, rp+".id"), key, args...)
			} else if reqIDs[r.ID] {
				d.Add(s.pos(f, rp+".id"), "schema.duplicate", diag.Key("schema.kind.requirement"), r.ID, f)
			}
			reqIDs[r.ID] = true
			s.checkRequirement(d, f, rp, r)
		}
	}
}

// checkItems verifies list members: when the requirement collects an enum
// field, every member must be one of the enum's values, so a typo in the
// framework cannot make a requirement impossible to meet.
func (s *Set) checkItems(d *diag.List, file, rp string, r *Requirement, types []string) {
	seen := map[string]bool{}
	for i, it := range r.Items {
		ip := idx(rp+".items", i)
		if it.ID == "" {
			d.Add(s.pos(file, ip), "schema.missing", "id")
		}
		if seen[it.ID] {
			d.Add(s.pos(file, ip), "schema.duplicate", diag.Key("schema.kind.item"), it.ID, file)
		}
		seen[it.ID] = true
		if it.Type != "" {
			if _, ok := s.Types[it.Type]; !ok {
				d.Add(s.pos(file, ip+".type"), "schema.unknown-type", it.Type)
			}
			s.checkWhere(d, s.pos(file, ip+".where"), []string{it.Type}, it.Where)
			continue
		}
		for _, t := range types {
			dt := s.Types[t]
			if dt == nil || r.Field == "" {
				continue
			}
			fld := dt.Field(r.Field)
			if fld == nil || (fld.Type != "enum" && fld.Of != "enum") {
				continue
			}
			for _, v := range append([]string{it.ID}, it.Match...) {
				if _, ok := fld.Lookup(v); ok {
					goto next
				}
			}
			d.Add(s.pos(file, ip+".id"), "schema.bad-value", r.Field, it.ID, strings.Join(fld.ValueNames(), ", "))
		next:
		}
	}
}

// checkWhere verifies that a filter names fields of the types, with values
// their enums allow.
func (s *Set) checkWhere(d *diag.List, p diag.Pos, types []string, where map[string]any, columns ...*Field) {
	for _, key := range sortedKeys(where) {
		fld := findField(columns, key)
		for _, t := range types {
			if fld != nil {
				break
			}
			if dt := s.Types[t]; dt != nil {
				if fld = dt.Field(key); fld != nil {
					break
				}
			}
		}
		if fld == nil && s.Document != nil && len(columns) == 0 {
			fld = s.Document.Field(key)
		}
		if fld == nil {
			d.Add(p, "schema.unknown-field", key, strings.Join(types, ", "))
			continue
		}
		if fld.Type != "enum" && fld.Of != "enum" {
			continue
		}
		for _, v := range WhereValues(where[key]) {
			if _, ok := fld.Lookup(v); !ok {
				d.Add(p, "schema.bad-value", key, v, strings.Join(fld.ValueNames(), ", "))
			}
		}
	}
}

// WhereValues returns the accepted values of one filter entry, which may be
// a single value or a list.
func WhereValues(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}
