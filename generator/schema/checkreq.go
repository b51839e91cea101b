// The checks of a framework's requirements, one method per kind.

package schema

import (
	"slices"
	"strings"

	"guifan/generator/diag"
)

// checkRequirement verifies the parameters of one requirement.
func (s *Set) checkRequirement(d *diag.List, file, rp string, r *Requirement) {
	c := &reqCheck{s: s, d: d, file: file, rp: rp, r: r}
	if !slices.Contains(Kinds, r.Kind) {
		d.Add(c.at("kind"), "schema.bad-value", "kind", r.Kind, strings.Join(Kinds, ", "))
		return
	}
	if len(r.Title) == 0 {
		d.Add(s.pos(file, rp), "schema.missing", "title")
	}
	c.types = r.DocTypes()
	for _, t := range c.types {
		if _, ok := s.Types[t]; !ok {
			d.Add(c.at("type"), "schema.unknown-type", t)
		}
	}
	s.checkWhere(d, c.at("where"), c.types, r.Where)
	for _, kp := range [][2]string{{"within", r.Within}, {"valid", r.Valid}, {"advise", r.Advise}} {
		if kp[1] != "" {
			if _, ok := ParsePeriod(kp[1]); !ok {
				d.Add(c.at(kp[0]), "schema.bad-period", kp[1])
			}
		}
	}
	c.hasField("year", r.Year)
	s.checkPlaces(d, file, rp, r)
	switch r.Kind {
	case KindDoc:
		c.need(len(c.types) > 0, "type")
		for _, t := range r.Term {
			c.hasField("term", t)
		}
	case KindSections:
		c.sections()
	case KindList:
		c.list()
	case KindRecord:
		c.record()
	case KindNumber:
		c.number()
	}
}

// reqCheck checks one requirement of a framework file; its methods are the
// checks of each kind.
type reqCheck struct {
	s     *Set
	d     *diag.List
	file  string
	rp    string // the requirement's key path in the file
	r     *Requirement
	types []string // the document types it looks at
}

// at is the position of one of the requirement's keys.
func (c *reqCheck) at(key string) diag.Pos { return c.s.pos(c.file, c.rp+"."+key) }

// need reports a parameter the requirement's kind needs and lacks.
func (c *reqCheck) need(ok bool, key string) {
	if !ok {
		c.d.Add(c.s.pos(c.file, c.rp), "schema.missing-param", c.r.ID, c.r.Kind, key)
	}
}

// hasField reports a field name (at key) that none of the requirement's
// types has.
func (c *reqCheck) hasField(key, name string) {
	if name == "" {
		return
	}
	for _, t := range c.types {
		if dt := c.s.Types[t]; dt != nil && (dt.Field(name) != nil || c.s.Document.Field(name) != nil) {
			return
		}
	}
	c.d.Add(c.at(key), "schema.unknown-field", name, strings.Join(c.types, ", "))
}

// hasSection reports whether one of the requirement's types has section sec.
func (c *reqCheck) hasSection(sec string) bool {
	for _, t := range c.types {
		if dt := c.s.Types[t]; dt != nil && dt.Section(sec) != nil {
			return true
		}
	}
	return false
}

func (c *reqCheck) sections() {
	r, d := c.r, c.d
	c.need(len(c.types) > 0 || r.Form != "", "type")
	c.need(len(r.Sections) > 0 || len(r.Fields) > 0 || len(r.Items) > 0, "sections")
	for i, sec := range r.Sections {
		if !c.hasSection(sec) {
			d.Add(c.s.pos(c.file, idx(c.rp+".sections", i)), "schema.unknown-section", sec, strings.Join(c.types, ", "))
		}
	}
	for i, fld := range r.Fields {
		name := fld
		if r.Rows != "" {
			name = r.Rows + "." + fld
		}
		before := len(*d)
		c.hasField(idx("fields", i), name)
		if len(*d) > before {
			(*d)[len(*d)-1].Pos = c.s.pos(c.file, idx(c.rp+".fields", i))
		}
	}
	if r.Rows != "" {
		for _, t := range c.types {
			if dt := c.s.Types[t]; dt != nil {
				if rows := dt.Field(r.Rows); rows != nil {
					c.s.checkWhere(d, c.at("rows_where"), nil, r.RowsWhere, rows.Columns...)
				}
			}
		}
	}
	if r.Scope != "" && r.Scope != "one" && r.Scope != "each" && r.Scope != "any" {
		d.Add(c.at("scope"), "schema.bad-value", "scope", r.Scope, "one, each, any")
	}
	if r.Form != "" {
		c.need(len(r.Items) > 0, "items")
	}
}

func (c *reqCheck) list() {
	r := c.r
	c.need(len(r.Items) > 0 || r.MembersFrom != "", "items")
	if r.Field != "" {
		c.hasField("field", r.Field)
	}
	c.hasField("exclude", r.Exclude)
	if r.TextSection != "" && !c.hasSection(r.TextSection) {
		c.d.Add(c.at("text_section"), "schema.unknown-section", r.TextSection, strings.Join(c.types, ", "))
	}
	c.s.checkItems(c.d, c.file, c.rp, r, c.types)
}

func (c *reqCheck) record() {
	r, d := c.r, c.d
	c.need(len(c.types) > 0, "type")
	c.need(r.DateField != "", "date_field")
	c.need(r.Within != "" || r.Window != "", "within")
	c.hasField("date_field", r.DateField)
	for _, t := range r.Term {
		c.hasField("term", t)
	}
	if r.Per != nil {
		if _, ok := c.s.Types[r.Per.Type]; !ok {
			d.Add(c.at("per.type"), "schema.unknown-type", r.Per.Type)
		}
		c.hasField("per.field", r.Per.Field)
		c.s.checkWhere(d, c.at("per.where"), []string{r.Per.Type}, r.Per.Where)
	}
	if r.Window != "" && r.Window != "term" {
		d.Add(c.at("window"), "schema.bad-value", "window", r.Window, "term")
	}
	if r.Window == "term" {
		c.need(len(r.Term) == 2, "term")
	}
	if r.Due != "" && r.Due != "midpoint" {
		d.Add(c.at("due"), "schema.bad-value", "due", r.Due, "midpoint")
	}
}

func (c *reqCheck) number() {
	r := c.r
	c.need(r.Numerator != "", "numerator")
	c.need(r.Denominator != "", "denominator")
	c.need(r.Met > 0, "met")
	c.hasField("numerator", r.Numerator)
	c.hasField("denominator", r.Denominator)
	if r.Partial > r.Met {
		c.d.Add(c.at("partial"), "schema.bad-threshold", r.Partial, r.Met)
	}
}
