package validate

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/tomlfile"
)

// fields checks one table of values (the front matter, or one row of a
// table field) against two field lists: common is the document-control
// fields (empty for rows), own the type's fields. With lenient set (the
// type is unknown), keys that are not common fields are not reported.
func (c *checker) fields(d *model.Document, prefix string, values map[string]any, common, own []*schema.Field, lenient bool) {
	var room [32]string
	keys := room[:0]
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		path := join(prefix, k)
		f := fieldNamed(k, common, own)
		if f == nil {
			if !lenient {
				var names []string
				for _, fs := range [][]*schema.Field{common, own} {
					for _, f := range fs {
						names = append(names, f.Name)
					}
				}
				sort.Strings(names)
				names = slices.Compact(names)
				c.diags.Add(d.Pos(path, true), "field.unknown", k, diag.DidYouMean(diag.Suggest(k, names)))
			}
			continue
		}
		c.value(d, path, f, values[k])
	}
	for _, fs := range [][]*schema.Field{common, own} {
		for _, f := range fs {
			if !f.Required {
				continue
			}
			if v, ok := values[f.Name]; !ok || model.Empty(v) {
				pos := diag.Pos{File: d.Path, Line: 1, Col: 1}
				if prefix != "" {
					pos = d.Pos(prefix, false)
				}
				c.diags.Add(pos, "field.required", f.Name, f.Label)
			}
		}
	}
}

// fieldNamed is the field called name: the last of own so called, else
// the last of common (a type's field overrides a common one).
func fieldNamed(name string, common, own []*schema.Field) *schema.Field {
	for _, fs := range [][]*schema.Field{own, common} {
		for i := len(fs) - 1; i >= 0; i-- {
			if fs[i].Name == name {
				return fs[i]
			}
		}
	}
	return nil
}

// at is where a value stands, found only when a problem is reported
// there (most values have none).
type at struct {
	d    *model.Document
	path string
}

func (a at) pos() diag.Pos { return a.d.Pos(a.path, false) }

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// value checks one value against its field.
func (c *checker) value(d *model.Document, path string, f *schema.Field, v any) {
	pos := at{d, path}
	switch f.Type {
	case "string", "text":
		c.text(pos, f, v)
	case "date":
		c.date(pos, f, v)
	case "enum":
		s, ok := v.(string)
		if !ok {
			c.badType(pos, f, v)
			return
		}
		c.enum(pos, f, s)
	case "integer", "year":
		c.integer(pos, f, v)
	case "number", "money", "percent":
		c.number(pos, f, v)
	case "bool":
		if _, ok := v.(bool); !ok {
			c.badType(pos, f, v)
		}
	case "ref":
		s, ok := v.(string)
		if !ok {
			c.badType(pos, f, v)
			return
		}
		c.ref(pos, f, s)
	case "article":
		c.article(pos, v)
	case "list", "refs", "articles":
		c.list(d, path, f, v)
	case "table":
		c.table(d, path, f, v)
	}
}

// badType reports a value of the wrong TOML type for its field.
func (c *checker) badType(pos at, f *schema.Field, v any) {
	c.diags.Add(pos.pos(), "field.type", f.Name, c.typeWord(f), c.typeWord(&schema.Field{Type: tomlfile.TypeName(v)}))
}

// text checks a string or text field: a string field is one line.
func (c *checker) text(pos at, f *schema.Field, v any) {
	s, ok := v.(string)
	if !ok {
		c.badType(pos, f, v)
		return
	}
	if f.Type == "string" && strings.Contains(strings.TrimRight(s, "\n"), "\n") {
		c.diags.Warn(pos.pos(), "field.multiline", f.Name)
	}
}

// integer checks an integer or year field: a number, not a quoted one, and
// a year a plausible one.
func (c *checker) integer(pos at, f *schema.Field, v any) {
	n, ok := v.(int64)
	if !ok {
		if s, isStr := v.(string); isStr {
			c.diags.Add(pos.pos(), "field.quoted-number", f.Name, s)
			return
		}
		c.badType(pos, f, v)
		return
	}
	if f.Type == "year" && (n < 1949 || n > 2200) {
		c.diags.Add(pos.pos(), "field.year", f.Name, n)
		return
	}
	c.rangeCheck(pos, f, float64(n))
}

// number checks a number, money or percent field: finite, and a percent
// between 0 and 100.
func (c *checker) number(pos at, f *schema.Field, v any) {
	var x float64
	switch n := v.(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	case string:
		c.diags.Add(pos.pos(), "field.quoted-number", f.Name, n)
		return
	default:
		c.badType(pos, f, v)
		return
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		c.badType(pos, f, v)
		return
	}
	if f.Type == "percent" && (x < 0 || x > 100) {
		c.diags.Add(pos.pos(), "field.range", f.Name, strconv.FormatFloat(x, 'f', -1, 64), "0", "100")
		return
	}
	c.rangeCheck(pos, f, x)
}

// list checks each element of a list, refs or articles field as a field
// of the element type.
func (c *checker) list(d *model.Document, path string, f *schema.Field, v any) {
	list, ok := v.([]any)
	if !ok {
		if f.Type == "articles" {
			if _, isInt := v.(int64); isInt {
				c.article(at{d, path}, v) // a single number is accepted for one article
				return
			}
		}
		c.badType(at{d, path}, f, v)
		return
	}
	elem := c.elems[f]
	if elem == nil {
		elem = f.Elem()
	}
	for i, e := range list {
		c.value(d, path+"["+strconv.Itoa(i)+"]", elem, e)
	}
}

// table checks each row of a table field against its columns.
func (c *checker) table(d *model.Document, path string, f *schema.Field, v any) {
	rows, ok := v.([]map[string]any)
	if !ok {
		list, isList := v.([]any)
		if !isList {
			c.badType(at{d, path}, f, v)
			return
		}
		for _, e := range list {
			row, isRow := e.(map[string]any)
			if !isRow {
				c.badType(at{d, path}, f, v)
				return
			}
			rows = append(rows, row)
		}
	}
	for i, row := range rows {
		c.fields(d, path+"["+strconv.Itoa(i)+"]", row, nil, f.Columns, false)
	}
}

func (c *checker) typeWord(f *schema.Field) diag.Key {
	return diag.Key("type." + f.Type)
}

func (c *checker) date(pos at, f *schema.Field, v any) {
	switch v := v.(type) {
	case time.Time:
		if !tomlfile.IsLocalDate(v) {
			c.diags.Warn(pos.pos(), "field.datetime", f.Name)
		}
		if d := model.DateOf(v); !d.Plausible() {
			c.diags.Add(pos.pos(), "field.date-range", f.Name, d.String(), model.MinYear, model.MaxYear)
		}
	case string:
		if d, ok := model.ParseDate(v); !ok {
			c.diags.Add(pos.pos(), "field.date", f.Name, v)
		} else if !d.Plausible() {
			c.diags.Add(pos.pos(), "field.date-range", f.Name, d.String(), model.MinYear, model.MaxYear)
		}
	default:
		c.diags.Add(pos.pos(), "field.date", f.Name, fmt.Sprint(v))
	}
}

func (c *checker) enum(pos at, f *schema.Field, s string) {
	if _, ok := f.Lookup(s); ok {
		return
	}
	var words []string
	for _, ev := range f.Values {
		words = append(words, ev.Value)
		words = append(words, ev.Aliases...)
	}
	c.diags.Add(pos.pos(), "field.enum", f.Name, s, valueList{f}, diag.DidYouMean(diag.Suggest(s, words)))
}

// valueList shows an enum's values in a message, each with its label in
// the reader's language: "security（信息安全管理制度）, ...".
type valueList struct{ f *schema.Field }

// In implements diag.Localized.
func (l valueList) In(lang string) string {
	f := l.f
	parts := make([]string, len(f.Values))
	for i, v := range f.Values {
		parts[i] = v.Value
		if l := v.Label.In(lang); l != "" {
			parts[i] += "（" + l + "）"
		}
	}
	return strings.Join(parts, ", ")
}

func (c *checker) rangeCheck(pos at, f *schema.Field, x float64) {
	format := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch {
	case (f.Min != nil && x < *f.Min || f.Max != nil && x > *f.Max) && f.Min != nil && f.Max != nil:
		c.diags.Add(pos.pos(), "field.range", f.Name, format(x), format(*f.Min), format(*f.Max))
	case f.Min != nil && x < *f.Min:
		c.diags.Add(pos.pos(), "field.min", f.Name, format(x), format(*f.Min))
	case f.Max != nil && x > *f.Max:
		c.diags.Add(pos.pos(), "field.max", f.Name, format(x), format(*f.Max))
	}
}

func (c *checker) ref(pos at, f *schema.Field, id string) {
	target := c.byID[id]
	if target == nil {
		ids := make([]string, 0, len(c.byID))
		for k := range c.byID {
			ids = append(ids, k)
		}
		sort.Strings(ids)
		c.diags.Add(pos.pos(), "ref.unknown", id, diag.DidYouMean(diag.Suggest(id, ids)))
		return
	}
	if len(f.RefTypes) == 0 || target.Type == "" {
		return
	}
	for _, t := range f.RefTypes {
		if t == target.Type {
			return
		}
	}
	c.diags.Add(pos.pos(), "ref.type", id, target.Type, strings.Join(f.RefTypes, ", "))
}

func (c *checker) article(pos at, v any) {
	n, ok := v.(int64)
	if !ok {
		if s, isStr := v.(string); isStr {
			if m, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				n, ok = int64(m), true
			}
		}
	}
	if !ok {
		c.diags.Add(pos.pos(), "field.article", fmt.Sprint(v))
		return
	}
	if c.fw != nil && c.fw.Article(int(n)) == nil {
		c.diags.Add(pos.pos(), "article.unknown", n, c.fw.Short, len(c.fw.Articles))
	}
}
