// Package present prints a document's field values for people, by the
// field's schema type: money as its readers count it (23.5 亿元, 680 万元
// in Chinese; grouped digits in English), dates in the
// catalog's form, enum values by their label, references by the title of
// the document they name, lists joined by the catalog's separator. The
// site, the PDFs and the workbooks all print values through one
// Presenter, so a value reads the same in every output.
//
// A Presenter belongs to one copy of the outputs: its Title function names
// only the documents that copy may name, so a reference to any other
// document prints as an internal document, without its title or id.
package present

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/tomlfile"
)

// Presenter prints field values in a catalog's language.
type Presenter struct {
	Schemas *schema.Set
	Catalog *i18n.Catalog
	// Title returns the title of a document this copy may name; ok is
	// false for any other document (nil: none may be named).
	Title func(id string) (title string, ok bool)
	// Doc returns a document this copy may name (nil: none), for the
	// columns whose values name rows of its tables (schema.RowsOf).
	Doc func(id string) (*model.Document, bool)
}

// Item is one labelled value. Ref is the id of the document a reference
// value names, when this copy may name it (the site links to its page).
type Item struct {
	Label, Value, Ref string
	// Hint is the field's schema hint (schema.Field.Hint): help text
	// shown beside the label, never in it.
	Hint string
}

// Table is a table field of a document: its label, column labels and rows.
type Table struct {
	Name    string // the table field's name ("budget")
	Title   string
	Columns []string
	Hints   []string // each column's schema hint, "" for none
	Rows    [][]string
}

func (p *Presenter) lang() string { return p.Catalog.Lang }

// Date prints a calendar date in the catalog's form.
func (p *Presenter) Date(d model.Date) string {
	return p.Catalog.Date(d.Year, d.Month, d.Day)
}

// Value prints a value of field f. A value of the wrong type (validate has
// reported it) prints as written.
func (p *Presenter) Value(f *schema.Field, v any) string {
	switch f.Type {
	case "enum":
		s, _ := v.(string)
		if ev, ok := f.Lookup(s); ok && len(ev.Label) > 0 {
			return ev.Label.In(p.lang())
		}
		return plain(v, p)
	case "date":
		if d, ok := model.AsDate(v); ok {
			return p.Date(d)
		}
	case "money":
		if s, ok := p.Money(v); ok {
			return s
		}
	case "percent":
		if s, ok := number(v); ok {
			return p.Catalog.T("value.percent", s)
		}
	case "ref":
		s, _ := v.(string)
		if title, ok := p.title(s); ok {
			return title
		}
		// Validate has made sure the document exists: this copy may not
		// name it, so it names neither its title nor its id.
		return p.Catalog.T("report.internal-doc")
	case "list", "refs", "articles":
		items, ok := v.([]any)
		if !ok {
			return p.Value(f.Elem(), v)
		}
		elem := f.Elem()
		parts := make([]string, 0, len(items))
		for _, it := range items {
			parts = append(parts, p.Value(elem, it))
		}
		return strings.Join(parts, p.Catalog.T("value.list-sep"))
	}
	return plain(v, p)
}

func (p *Presenter) title(id string) (string, bool) {
	if p.Title == nil || id == "" {
		return "", false
	}
	return p.Title(id)
}

// plain prints a value by its TOML type.
func plain(v any, p *Presenter) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return plainBool(x, p)
	case time.Time:
		if tomlfile.IsLocalDate(x) {
			return p.Date(model.DateOf(x))
		}
		return x.Format("2006-01-02 15:04")
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, plain(e, p))
		}
		return strings.Join(parts, p.Catalog.T("value.list-sep"))
	}
	return fmt.Sprint(v)
}

func plainBool(b bool, p *Presenter) string {
	if b {
		return p.Catalog.T("value.yes")
	}
	return p.Catalog.T("value.no")
}

// number prints an integer or a decimal number as written, without an
// exponent.
func number(v any) (string, bool) {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// Money prints an amount in yuan as the catalog's readers count money. A
// catalog whose value.money-myriads is "yes" (Chinese) counts
// in 亿 (10^8) and 万 (10^4) where the amount is exact in them to two
// decimals (2350000000: 23.5 亿元; 6800000: 680 万元; 15000: 1.5 万元), an
// amount of 100 万 or more in 万 to four decimals (1234567: 123.4567 万元);
// anything else, and every amount in a catalog without them (English),
// prints with grouped digits (1,234.5 yuan). The printed amount is always
// exact. ok is false for a value that is not a number.
func (p *Presenter) Money(v any) (string, bool) {
	if _, ok := number(v); !ok {
		return "", false
	}
	if p.Catalog.T("value.money-myriads") == "yes" {
		if n, ok := wholeYuan(v); ok {
			abs := n
			if abs < 0 {
				abs = -abs
			}
			switch {
			case abs >= 1e8 && abs%1e6 == 0:
				return p.Catalog.T("value.money-yi", scaled(n, 8)), true
			case abs >= 1e4 && abs%100 == 0, abs >= 1e6:
				return p.Catalog.T("value.money-wan", scaled(n, 4)), true
			}
		}
	}
	g, _ := groupDigits(v)
	return p.Catalog.T("value.money", g), true
}

// Percent prints a ratio (0.0141) as a percentage to two decimals in the
// catalog's form (1.41%), as the assessment states a ratio against its
// thresholds (article 17's budget share).
func (p *Presenter) Percent(x float64) string {
	return p.Catalog.T("value.percent", strconv.FormatFloat(x*100, 'f', 2, 64))
}

// wholeYuan returns v as a whole number of yuan, when it is one (and
// small enough to be exact).
func wholeYuan(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		if x == float64(int64(x)) && x < 1e15 && x > -1e15 {
			return int64(x), true
		}
	}
	return 0, false
}

// scaled writes n divided by 10^exp exactly, without trailing zeros:
// scaled(2350000000, 8) is "23.5", scaled(1234567, 4) "123.4567"; the
// whole part has grouped digits.
func scaled(n int64, exp int) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	for len(s) <= exp {
		s = "0" + s
	}
	whole, frac := s[:len(s)-exp], strings.TrimRight(s[len(s)-exp:], "0")
	g, _ := groupDigits(mustInt(whole))
	if frac != "" {
		g += "." + frac
	}
	return sign + g
}

func mustInt(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// groupDigits writes 52000000 as 52,000,000 and 1234.5 as 1,234.5.
func groupDigits(v any) (string, bool) {
	s, ok := number(v)
	if !ok {
		return "", false
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String(), true
}

// Fields prints a document's own scalar and list fields (those of its
// type, in the type's order; tables are Tables), skipping absent ones.
func (p *Presenter) Fields(d *model.Document) []Item {
	t := p.Schemas.Types[d.Type]
	if t == nil {
		return nil
	}
	var out []Item
	for _, f := range t.Fields {
		v, ok := d.Meta[f.Name]
		if !ok || f.Type == "table" {
			continue
		}
		it := Item{Label: f.Label.In(p.lang()), Value: p.Value(f, v), Hint: f.Hint.In(p.lang())}
		if f.Type == "ref" {
			if id, _ := v.(string); id != "" {
				if _, ok := p.title(id); ok {
					it.Ref = id
				}
			}
		}
		out = append(out, it)
	}
	return out
}

// rowNames maps the keys of the rows a column's values name (ro, of the
// document d) to the rows' names, when this copy may name the document
// holding them; nil otherwise, and the values then print as written.
func (p *Presenter) rowNames(d *model.Document, ro *schema.RowsOf) map[string]string {
	if ro == nil || p.Doc == nil {
		return nil
	}
	id, _ := d.Meta[ro.Ref].(string)
	other, ok := p.Doc(id)
	if !ok || other == nil {
		return nil
	}
	m := map[string]string{}
	for _, row := range other.Rows(ro.Table) {
		key, _ := row[ro.Key].(string)
		name, _ := row[ro.Name].(string)
		if key != "" && strings.TrimSpace(name) != "" {
			m[key] = name
		}
	}
	return m
}

// named replaces the keys in v (a string or a list of them) that m names
// by their names; any other value is left as written.
func named(v any, m map[string]string) any {
	if len(m) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		if n, ok := m[x]; ok {
			return n
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = named(e, m)
		}
		return out
	}
	return v
}

// Tables prints a document's own table fields that have rows, in its
// type's order.
func (p *Presenter) Tables(d *model.Document) []Table {
	t := p.Schemas.Types[d.Type]
	if t == nil {
		return nil
	}
	var out []Table
	for _, f := range t.Fields {
		rows := d.Rows(f.Name)
		if f.Type != "table" || len(rows) == 0 {
			continue
		}
		tb := Table{Name: f.Name, Title: f.Label.In(p.lang())}
		names := make([]map[string]string, len(f.Columns))
		for i, c := range f.Columns {
			tb.Columns = append(tb.Columns, c.Label.In(p.lang()))
			tb.Hints = append(tb.Hints, c.Hint.In(p.lang()))
			names[i] = p.rowNames(d, c.RowsOf)
		}
		for _, row := range rows {
			cells := make([]string, 0, len(f.Columns))
			for i, c := range f.Columns {
				cell := ""
				if x, ok := row[c.Name]; ok {
					cell = p.Value(c, named(x, names[i]))
				}
				cells = append(cells, cell)
			}
			tb.Rows = append(tb.Rows, cells)
		}
		out = append(out, tb)
	}
	return out
}
