package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// write returns the path and bytes of one document: Markdown with TOML
// front matter, or a TOML file for types kept as data (registers,
// glossaries).
func (g *gen) write(d *doc) (string, []byte) {
	r := g.rng(2, d.i)
	dir := d.tp.Dir
	if dir == "" {
		dir = "misc"
	}
	asTOML := len(d.tp.Formats) > 0 && d.tp.Formats[0] == "toml"
	var fm strings.Builder
	g.control(&fm, r, d)
	var tables strings.Builder
	for _, f := range d.tp.Fields {
		if f.Type == "table" {
			if g.planTable(&tables, r, d, f) {
				continue
			}
			if !f.Required && r.IntN(4) == 0 {
				continue
			}
			g.table(&tables, r, d, f)
			continue
		}
		if v, ok := g.planValue(r, d, f); ok {
			fmt.Fprintf(&fm, "%s = %s\n", f.Name, v)
			continue
		}
		if !f.Required && r.IntN(5) == 0 {
			continue
		}
		if v := g.value(r, d, f); v != "" {
			fmt.Fprintf(&fm, "%s = %s\n", f.Name, v)
		}
	}
	if asTOML {
		var b strings.Builder
		fmt.Fprintf(&b, "# %s（合成数据）\n\n", d.title)
		b.WriteString(fm.String())
		b.WriteString(tables.String())
		return "content/" + dir + "/" + d.id + ".toml", []byte(b.String())
	}
	var b strings.Builder
	b.WriteString("+++\n")
	b.WriteString(fm.String())
	b.WriteString(tables.String())
	b.WriteString("+++\n\n")
	fmt.Fprintf(&b, "# %s\n\n", d.title)
	if d.tp.Name == "faq" {
		g.faq(&b, r, d)
	} else {
		g.body(&b, r, d)
	}
	return "content/" + dir + "/" + d.id + ".md", []byte(b.String())
}

// control writes the document-control fields every document has.
func (g *gen) control(b *strings.Builder, r *rand.Rand, d *doc) {
	kv := func(k, v string) { fmt.Fprintf(b, "%s = %s\n", k, v) }
	kv("id", strconv.Quote(d.id))
	kv("title", strconv.Quote(d.title))
	if g.ambiguous(d.tp) {
		kv("type", strconv.Quote(d.tp.Name))
	}
	year := 2023 + r.IntN(3)
	kv("number", strconv.Quote(fmt.Sprintf("HC-XX-%s-%d-%05d", strings.ToUpper(idPrefix(d.tp.Name)[:2]), year, d.i+1)))
	kv("version", strconv.Quote(fmt.Sprintf("%d.%d", 1+r.IntN(3), r.IntN(10))))
	if r.IntN(40) == 0 && !d.tp.Record && !planDoc(d.tp) {
		kv("status", strconv.Quote(string(model.StatusDraft)))
	} else {
		kv("status", strconv.Quote(string(model.StatusInForce)))
		eff := date(year, 1+r.IntN(12), 1+r.IntN(28))
		kv("effective", eff)
		kv("approved_by", strconv.Quote(pick(r, approvers)))
		kv("approved_on", dateBefore(year, eff, r))
	}
	kv("owner", strconv.Quote(pick(r, owners)))
	if !d.tp.Record {
		kv("review_by", date(2031+r.IntN(3), 1+r.IntN(12), 1+r.IntN(28)))
	}
	cls := model.Public
	if d.restricted {
		cls = model.Internal
		if r.IntN(4) == 0 {
			cls = model.Confidential
		}
	}
	kv("classification", strconv.Quote(string(cls)))
	kv("articles", "["+articles(r, g.articleCount())+"]")
	var kw []string
	for k := 0; k < 3+r.IntN(3); k++ {
		kw = append(kw, skewed(r, systems)+skewed(r, objects))
	}
	kv("keywords", "["+quoteList(kw)+"]")
	kv("summary", strconv.Quote(sentence(r)+sentence(r)))
	if rel := g.refs(r, d, nil, 1+r.IntN(3)); len(rel) > 0 {
		kv("related", "["+quoteList(rel)+"]")
	}
}

// ambiguous tells whether another type shares tp's folder, so its
// documents must name their type.
func (g *gen) ambiguous(tp *schema.DocType) bool {
	for _, n := range g.set.TypeNames() {
		if o := g.set.Types[n]; o != tp && o.Dir == tp.Dir {
			return true
		}
	}
	return tp.Dir == ""
}

func (g *gen) articleCount() int {
	for _, id := range g.set.FrameworkIDs() {
		return len(g.set.Frameworks[id].Articles)
	}
	return 0
}

func articles(r *rand.Rand, n int) string {
	if n == 0 {
		return ""
	}
	seen := map[int]bool{}
	var out []string
	for k := 0; k < 1+r.IntN(3); k++ {
		a := 1 + r.IntN(n)
		if !seen[a] {
			seen[a] = true
			out = append(out, strconv.Itoa(a))
		}
	}
	return strings.Join(out, ", ")
}

func date(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// dateBefore is a date up to four weeks before eff (a date of year y).
func dateBefore(y int, eff string, r *rand.Rand) string {
	var m, d int
	fmt.Sscanf(eff[5:], "%d-%d", &m, &d)
	d -= 1 + r.IntN(27)
	for d < 1 {
		m--
		d += 28
	}
	if m < 1 {
		m, y = 12, y-1
	}
	return date(y, m, d)
}

// refs picks up to n documents of the given types (any type when none) a
// document may name: a public document names only public ones, so the
// site shows every link it has.
func (g *gen) refs(r *rand.Rand, d *doc, types []string, n int) []string {
	var pool []*doc
	if len(types) == 0 {
		pool = g.pub
		if d.restricted {
			pool = g.docs
		}
	} else {
		for _, t := range types {
			if d.restricted {
				pool = append(pool, g.byType[t]...)
			} else {
				pool = append(pool, g.public[t]...)
			}
		}
	}
	seen := map[string]bool{d.id: true}
	var out []string
	for k := 0; k < n*2 && len(out) < n && len(pool) > 0; k++ {
		o := pool[r.IntN(len(pool))]
		if !seen[o.id] {
			seen[o.id] = true
			out = append(out, o.id)
		}
	}
	return out
}

// value is a TOML value of field f, "" for none.
func (g *gen) value(r *rand.Rand, d *doc, f *schema.Field) string {
	switch f.Type {
	case "string":
		return strconv.Quote(phrase(r))
	case "text":
		return strconv.Quote(sentence(r) + sentence(r))
	case "date":
		return date(2024+r.IntN(2), 1+r.IntN(12), 1+r.IntN(28))
	case "year":
		return strconv.Itoa(2021 + r.IntN(5))
	case "enum":
		return strconv.Quote(f.Values[r.IntN(len(f.Values))].Value)
	case "list":
		if f.Of == "enum" {
			var vs []string
			seen := map[string]bool{}
			for k := 0; k < 1+r.IntN(3); k++ {
				v := f.Values[r.IntN(len(f.Values))].Value
				if !seen[v] {
					seen[v] = true
					vs = append(vs, v)
				}
			}
			return "[" + quoteList(vs) + "]"
		}
		var vs []string
		for k := 0; k < 1+r.IntN(4); k++ {
			vs = append(vs, phrase(r))
		}
		return "[" + quoteList(vs) + "]"
	case "integer", "number", "money", "percent":
		return number(r, f)
	case "bool":
		return strconv.FormatBool(r.IntN(2) == 0)
	case "ref":
		if ids := g.refs(r, d, f.RefTypes, 1); len(ids) > 0 {
			return strconv.Quote(ids[0])
		}
	case "refs":
		if ids := g.refs(r, d, f.RefTypes, 1+r.IntN(3)); len(ids) > 0 {
			return "[" + quoteList(ids) + "]"
		}
	case "article":
		if n := g.articleCount(); n > 0 {
			return strconv.Itoa(1 + r.IntN(n))
		}
	case "articles":
		if n := g.articleCount(); n > 0 {
			return "[" + articles(r, n) + "]"
		}
	}
	return ""
}

// number is a number within the field's bounds.
func number(r *rand.Rand, f *schema.Field) string {
	lo, hi := 0.0, 100.0
	if f.Type == "money" {
		hi = 2000000
	}
	if f.Min != nil {
		lo = *f.Min
	}
	if f.Max != nil {
		hi = *f.Max
	} else if hi < lo {
		hi = lo + 100
	}
	x := lo + float64(r.IntN(int(hi-lo)+1))
	if f.Type == "number" && x < hi {
		return strconv.FormatFloat(x+0.5, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// table writes a table field's rows as TOML arrays of tables.
func (g *gen) table(b *strings.Builder, r *rand.Rand, d *doc, f *schema.Field) {
	rows := 2 + r.IntN(5)
	if d.tp.Entries == f.Name {
		rows = 8 + r.IntN(20) // registers and glossaries are long
	}
	for k := 0; k < rows; k++ {
		fmt.Fprintf(b, "\n[[%s]]\n", f.Name)
		for _, c := range f.Columns {
			if !c.Required && r.IntN(4) == 0 {
				continue
			}
			v := g.value(r, d, c)
			if c.Name == "id" && c.Type == "string" {
				v = strconv.Quote(fmt.Sprintf("%s-%03d", strings.ToUpper(idPrefix(d.tp.Name)), k+1))
			}
			if v != "" {
				fmt.Fprintf(b, "%s = %s\n", c.Name, v)
			}
		}
	}
}
