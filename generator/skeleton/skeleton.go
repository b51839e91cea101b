// Package skeleton writes starting points from the schemas: a new site
// (guifan init) and a new document of any type (guifan new), with the
// front matter every such document needs and the sections its type knows.
// Because it reads the schemas, a type or framework added as data gets its
// skeleton with no code change.
package skeleton

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// T gives words from the message catalog.
type T func(key string, args ...any) string

// Site returns the files of a new site: hospital.toml and a README in
// each content folder saying what goes there.
func Site(set *schema.Set, name string, t T) map[string][]byte {
	if name == "" {
		name = t("skeleton.hospital-name")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", t("skeleton.hospital-comment"))
	fmt.Fprintf(&b, "name = %s\n", strconv.Quote(name))
	fmt.Fprintf(&b, "level = %s\n", strconv.Quote(t("skeleton.level")))
	fmt.Fprintf(&b, "framework = %s\n", strconv.Quote(firstFramework(set)))
	b.WriteString("languages = [\"zh-CN\"]\n")
	fmt.Fprintf(&b, "# %s\n", t("skeleton.departments-comment"))
	fmt.Fprintf(&b, "departments = [%s]\n", t("skeleton.departments"))
	files := map[string][]byte{"hospital.toml": []byte(b.String())}
	dirs := map[string][]string{}
	for _, name := range set.TypeNames() {
		if d := set.Types[name].Dir; d != "" {
			dirs[d] = append(dirs[d], name)
		}
	}
	for dir, types := range dirs {
		var r strings.Builder
		for _, name := range types {
			tp := set.Types[name]
			fmt.Fprintf(&r, "# %s\n\n%s\n\n", tp.Label.In(schema.DefaultLang), tp.Description.In(schema.DefaultLang))
			fmt.Fprintf(&r, "%s\n\n", t("skeleton.new-hint", name))
		}
		files["content/"+dir+"/README.txt"] = []byte(r.String())
	}
	return files
}

func firstFramework(set *schema.Set) string {
	if ids := set.FrameworkIDs(); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// Spec says which document to write: its id and language, and what the
// caller knows of it.
type Spec struct {
	ID    string
	Lang  string
	Title string // empty: a placeholder title
	// Values are front-matter values to write as given (TOML literals),
	// by field name: a regulation's kind, a job duty's post.
	Values map[string]string
	// Years supply the year fields that take theirs from the id
	// (schema.Field.FromID); nil: the years in ID.
	Years []int
	// Now is the day the draft is written (placeholder dates follow it).
	Now time.Time
}

// Document returns the path (under the site) and text of a new draft
// document of type tp. pick names an existing document of one of the given
// types, for required references (a drill record's plan), or "".
func Document(set *schema.Set, tp *schema.DocType, id, lang string, t T, pick func(types []string) string) (string, []byte) {
	return Write(set, tp, Spec{ID: id, Lang: lang, Now: time.Now()}, t, pick)
}

// Write returns the path (under the site) and text of the draft that spec
// describes: the front matter with every required field (year fields from
// the id or spec.Years, placeholder dates that are not due at once), and
// the body with every section the type knows, each with its guidance
// (schema.Section.Guide) as a block quote the author replaces.
func Write(set *schema.Set, tp *schema.DocType, spec Spec, t T, pick func(types []string) string) (string, []byte) {
	id, lang := spec.ID, spec.Lang
	if spec.Now.IsZero() {
		spec.Now = time.Now()
	}
	years := spec.Years
	if years == nil {
		years = YearsOf(id)
	}
	var fm strings.Builder
	line := func(key string, value string, comment string) {
		if comment != "" {
			fmt.Fprintf(&fm, "%s = %s  # %s\n", key, value, comment)
		} else {
			fmt.Fprintf(&fm, "%s = %s\n", key, value)
		}
	}
	title := spec.Title
	if title == "" {
		title = t("skeleton.title", tp.Label.In(lang))
	}
	line("id", strconv.Quote(id), "")
	line("title", strconv.Quote(title), "")
	if ambiguous(set, tp) || tp.Dir == "" {
		line("type", strconv.Quote(tp.Name), "")
	}
	line("number", `""`, set.Document.Field("number").Label.In(lang))
	line("version", `"0.1"`, "")
	line("status", strconv.Quote(string(model.StatusDraft)), enumHelp(set.Document.Field("status"), lang))
	for _, name := range []string{"effective", "approved_by", "approved_on", "review_by"} {
		f := set.Document.Field(name)
		value := placeholder(f, lang, t, spec.Now)
		if name == "review_by" {
			// Not due the day it is uncommented: a year from now.
			value = spec.Now.AddDate(1, 0, 0).Format("2006-01-02")
		}
		fmt.Fprintf(&fm, "# %s = %s  # %s\n", name, value, f.Label.In(lang))
	}
	line("owner", strconv.Quote(t("skeleton.owner")), "")
	line("classification", strconv.Quote(tp.Classification), enumHelp(set.Document.Field("classification"), lang))
	line("articles", "[]", set.Document.Field("articles").Label.In(lang))
	var tables []*schema.Field
	for _, f := range tp.Fields {
		if f.Type == "table" {
			tables = append(tables, f)
			continue
		}
		value := placeholder(f, lang, t, spec.Now)
		if f.Type == "year" && f.FromID > 0 {
			value = strconv.Itoa(yearFor(f, years, spec.Now))
		}
		if f.Type == "ref" && pick != nil {
			value = strconv.Quote(pick(f.RefTypes))
		}
		given, ok := spec.Values[f.Name]
		if ok {
			value = given
		}
		help := f.Label.In(lang)
		if f.Type == "enum" || f.Of == "enum" {
			help += "：" + enumHelp(f, lang)
		}
		if f.Required || ok {
			line(f.Name, value, help)
		} else {
			fmt.Fprintf(&fm, "# %s = %s  # %s\n", f.Name, value, help)
		}
	}
	for _, f := range tables {
		fmt.Fprintf(&fm, "\n# %s\n", f.Label.In(lang))
		prefix := ""
		if !f.Required {
			prefix = "# "
		}
		rows := sequenceRows(f)
		for i, step := range rows {
			if i > 0 {
				fm.WriteString(prefix + "\n")
			}
			fmt.Fprintf(&fm, "%s[[%s]]\n", prefix, f.Name)
			for _, c := range f.Columns {
				help := c.Label.In(lang)
				value := placeholder(c, lang, t, spec.Now)
				if c.Type == "enum" {
					if step != nil && c.Name == f.Sequence[0] {
						value = strconv.Quote(step.Value)
						help = step.Label.In(lang)
					} else {
						help += "：" + enumHelp(c, lang)
					}
				}
				fmt.Fprintf(&fm, "%s%s = %s  # %s\n", prefix, c.Name, value, help)
			}
		}
	}
	if !tp.HasFormat("markdown") {
		return "content/" + tp.Dir + "/" + id + ".toml", []byte(fm.String())
	}
	var body strings.Builder
	fmt.Fprintf(&body, "+++\n%s+++\n\n# %s\n", fm.String(), title)
	if g := tp.Guide.In(lang); g != "" {
		fmt.Fprintf(&body, "\n%s\n", quote(t("skeleton.guide-doc", g)))
	}
	byValue := valueGuides(tp, spec, lang, t)
	for _, g := range byValue[""] {
		fmt.Fprintf(&body, "\n%s\n", quote(g))
	}
	for _, s := range tp.Sections {
		fmt.Fprintf(&body, "\n## %s\n\n", s.Label.In(lang))
		if g := s.Guide.In(lang); g != "" {
			fmt.Fprintf(&body, "%s\n\n", quote(t("skeleton.guide", g)))
		}
		for _, g := range byValue[s.ID] {
			fmt.Fprintf(&body, "%s\n\n", quote(g))
		}
		fmt.Fprintf(&body, "%s\n", t("skeleton.section"))
	}
	dir := tp.Dir
	if dir == "" {
		dir = tp.Name
	}
	return "content/" + dir + "/" + id + ".md", []byte(body.String())
}

// ValuesFromID is what an id says of a new document's guided fields: for
// each enum field of tp whose values carry guidance (a job duty's post
// and appendix 3's model duties for it), the value that a run of the id's
// parts names, by its value or an alias ("duty-onsite-support" and
// "onsite-support-2" name onsite-support, "岗位-数据库管理岗" dba); the
// longest run wins. The values are TOML literals by field name, as
// Spec.Values takes them; a field the id names no value of is left out.
func ValuesFromID(tp *schema.DocType, id string) map[string]string {
	parts := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	out := map[string]string{}
	for _, f := range tp.Fields {
		if f.Type != "enum" || !guided(f) {
			continue
		}
		best, bestLen := "", 0
		for i := range parts {
			for j := len(parts); j > i+bestLen; j-- {
				if ev, ok := f.Lookup(strings.Join(parts[i:j], "-")); ok {
					best, bestLen = ev.Value, j-i
					break
				}
			}
		}
		if best != "" {
			out[f.Name] = strconv.Quote(best)
		}
	}
	return out
}

// guided reports whether some value of enum field f carries guidance.
func guided(f *schema.Field) bool {
	for _, ev := range f.Values {
		if len(ev.Guide) > 0 {
			return true
		}
	}
	return false
}

// valueGuides is the guidance of the enum values spec gives (a job duty's
// post: its model duties), by the section it goes under ("" the title).
func valueGuides(tp *schema.DocType, spec Spec, lang string, t T) map[string][]string {
	out := map[string][]string{}
	for _, f := range tp.Fields {
		given, ok := spec.Values[f.Name]
		if !ok || f.Type != "enum" {
			continue
		}
		v, err := strconv.Unquote(given)
		if err != nil {
			continue
		}
		for _, ev := range f.Values {
			if g := ev.Guide.In(lang); ev.Value == v && g != "" {
				out[ev.Section] = append(out[ev.Section], t("skeleton.guide-value", ev.Label.In(lang), g))
			}
		}
	}
	return out
}

// quote makes text a Markdown block quote, line by line.
func quote(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+strings.TrimSpace(l), " ")
	}
	return strings.Join(lines, "\n")
}

// sequenceRows are the rows a draft table starts with: one per value of
// its sequence enum (schema.Field.Sequence), else one (nil).
func sequenceRows(f *schema.Field) []*schema.EnumValue {
	if len(f.Sequence) > 0 {
		for _, c := range f.Columns {
			if c.Name == f.Sequence[0] && c.Type == "enum" && len(c.Values) > 0 {
				out := make([]*schema.EnumValue, len(c.Values))
				for i := range c.Values {
					out[i] = &c.Values[i]
				}
				return out
			}
		}
	}
	return []*schema.EnumValue{nil}
}

// YearsOf returns the four-digit years (1900 to 2199) that stand as parts
// of an id: "plan-2027-2031" gives 2027 and 2031, "plan-2027" 2027.
func YearsOf(id string) []int {
	var out []int
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(part) != 4 {
			continue
		}
		if y, err := strconv.Atoi(part); err == nil && y >= 1900 && y < 2200 {
			out = append(out, y)
		}
	}
	return out
}

// ParseTerm reads a term written "2027-2031" (or "2027–2031", "2027"):
// its years, or nil when it is not one.
func ParseTerm(s string) []int {
	ys := YearsOf(s)
	if len(ys) == 0 || len(ys) > 2 || strings.Trim(s, "0123456789-–— ") != "" {
		return nil
	}
	if len(ys) == 2 && ys[1] < ys[0] {
		return nil
	}
	return ys
}

// yearFor is the value of a year field that takes it from the id: the
// FromID-th year, or the first plus After, or the planning year (this
// year until October, then the next: plans are drafted the year before).
func yearFor(f *schema.Field, years []int, now time.Time) int {
	if f.FromID <= len(years) {
		return years[f.FromID-1]
	}
	first := now.Year()
	if now.Month() >= time.October {
		first++
	}
	if len(years) > 0 {
		first = years[0]
	}
	if f.FromID > 1 {
		return first + f.After
	}
	return first
}

// ambiguous reports whether another type shares tp's folder, so that a
// document there must name its type.
func ambiguous(set *schema.Set, tp *schema.DocType) bool {
	for _, n := range set.TypeNames() {
		if o := set.Types[n]; o != tp && o.Dir == tp.Dir {
			return true
		}
	}
	return false
}

// placeholder is a value of the field's type that passes the checks.
func placeholder(f *schema.Field, lang string, t T, now time.Time) string {
	switch f.Type {
	case "date":
		return now.Format("2006-01-02")
	case "year":
		return strconv.Itoa(now.Year())
	case "integer", "number", "money", "percent":
		if f.Min != nil {
			return strconv.FormatFloat(*f.Min, 'f', -1, 64)
		}
		return "0"
	case "bool":
		return "false"
	case "enum":
		if len(f.Values) > 0 {
			return strconv.Quote(f.Values[0].Value)
		}
	case "list", "refs", "articles":
		return "[]"
	case "ref":
		return `""`
	}
	return strconv.Quote(t("skeleton.fill", f.Label.In(lang)))
}

// enumHelp lists an enum's values with their labels.
func enumHelp(f *schema.Field, lang string) string {
	var parts []string
	for _, v := range f.Values {
		parts = append(parts, v.Value+" "+v.Label.In(lang))
	}
	return strings.Join(parts, " / ")
}

// Draft is one document a new site starts with: its type and spec.
type Draft struct {
	Type *schema.DocType
	Spec Spec
}

// Required returns a draft of every document the framework fw asks for,
// read from its requirements (not a list of our own): one per item of a
// list requirement that a field of a document names (a regulation per
// kind, a job duty per post), one per document a requirement narrows by a
// single field value (the change-management regulation), and one of every
// other type a requirement names, except records (they are kept as the
// work is done) — in the framework's order. Year fields follow now (the
// plans in force when the site starts).
func Required(set *schema.Set, fw *schema.Framework, lang string, t T, now time.Time) []Draft {
	var out []Draft
	seen := map[string]bool{}
	ids := map[string]bool{}
	add := func(tp *schema.DocType, field, value, title string) {
		key := tp.Name + "\x00" + field + "\x00" + value
		if tp.Record || seen[key] || (field == "" && seen[tp.Name]) {
			return
		}
		seen[key] = true
		seen[tp.Name] = true
		id := draftID(tp, value, now)
		for n := 2; ids[id]; n++ {
			id = draftID(tp, value, now) + "-" + strconv.Itoa(n)
		}
		ids[id] = true
		if title == "" {
			// A to-do list names the draft by its type until it has a title.
			title = tp.Label.In(lang)
		}
		spec := Spec{ID: id, Lang: lang, Title: title, Now: now, Years: []int{draftYear(now)}}
		if field != "" {
			spec.Values = map[string]string{field: strconv.Quote(value)}
		}
		out = append(out, Draft{Type: tp, Spec: spec})
	}
	for _, a := range fw.Articles {
		for _, r := range a.Requirements {
			if r.Kind == schema.KindInfo || r.Kind == schema.KindManual || r.Kind == schema.KindRecord {
				continue
			}
			names := r.Types
			if r.Type != "" {
				names = append([]string{r.Type}, names...)
			}
			if len(names) == 0 {
				continue
			}
			tp := set.Types[names[0]]
			if tp == nil {
				continue
			}
			if f := tp.Field(r.Field); r.Kind == schema.KindList && len(r.Items) > 0 && f != nil && !strings.Contains(r.Field, ".") && f.Type == "enum" {
				for _, it := range r.Items {
					if enumHas(f, it.ID) {
						add(tp, r.Field, it.ID, it.Label.In(lang))
					}
				}
				continue
			}
			added := false
			fields := make([]string, 0, len(r.Where))
			for field := range r.Where {
				fields = append(fields, field)
			}
			sort.Strings(fields)
			for _, field := range fields {
				if s, ok := r.Where[field].(string); ok {
					if f := tp.Field(field); f != nil && f.Type == "enum" && enumHas(f, s) {
						add(tp, field, s, enumLabel(f, s, lang))
						added = true
					}
				}
			}
			if !added && !seen[tp.Name] {
				add(tp, "", "", "")
			}
		}
	}
	return out
}

// draftYear is the planning year of a new site: this year.
func draftYear(now time.Time) int { return now.Year() }

// draftID names a draft after its type's folder or name, its value and,
// for a type whose years come from the id, the years.
func draftID(tp *schema.DocType, value string, now time.Time) string {
	id := tp.Name
	if value != "" {
		id += "-" + value
	}
	var years []string
	for _, f := range tp.Fields {
		if f.Type == "year" && f.FromID > 0 {
			years = append(years, strconv.Itoa(yearFor(f, []int{draftYear(now)}, now)))
		}
	}
	if len(years) > 0 {
		id += "-" + strings.Join(years, "-")
	}
	return id
}

func enumHas(f *schema.Field, v string) bool {
	for _, x := range f.Values {
		if x.Value == v {
			return true
		}
	}
	return false
}

func enumLabel(f *schema.Field, v, lang string) string {
	for _, x := range f.Values {
		if x.Value == v {
			return x.Label.In(lang)
		}
	}
	return ""
}

// Files writes the drafts: path under the site to text. A required
// reference names a draft of a type it may refer to.
func Files(set *schema.Set, drafts []Draft, t T) map[string][]byte {
	pick := func(types []string) string {
		for _, want := range types {
			for _, d := range drafts {
				if d.Type.Name == want {
					return d.Spec.ID
				}
			}
		}
		return ""
	}
	out := map[string][]byte{}
	for _, d := range drafts {
		p, b := Write(set, d.Type, d.Spec, t, pick)
		out[p] = b
	}
	return out
}
