// Package skeleton writes starting points from the schemas: a new site
// (guifan init) and a new document of any type (guifan new), with the
// front matter every such document needs and the sections its type knows.
// Because it reads the schemas, a type or framework added as data gets its
// skeleton with no code change.
package skeleton

import (
	"fmt"
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

// Document returns the path (under the site) and text of a new draft
// document of type tp. pick names an existing document of one of the given
// types, for required references (a drill record's plan), or "".
func Document(set *schema.Set, tp *schema.DocType, id, lang string, t T, pick func(types []string) string) (string, []byte) {
	var fm strings.Builder
	line := func(key string, value string, comment string) {
		if comment != "" {
			fmt.Fprintf(&fm, "%s = %s  # %s\n", key, value, comment)
		} else {
			fmt.Fprintf(&fm, "%s = %s\n", key, value)
		}
	}
	title := t("skeleton.title", tp.Label.In(lang))
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
		fmt.Fprintf(&fm, "# %s = %s  # %s\n", name, placeholder(f, lang, t), f.Label.In(lang))
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
		value := placeholder(f, lang, t)
		if f.Type == "ref" && pick != nil {
			value = strconv.Quote(pick(f.RefTypes))
		}
		help := f.Label.In(lang)
		if f.Type == "enum" || f.Of == "enum" {
			help += "：" + enumHelp(f, lang)
		}
		if f.Required {
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
		fmt.Fprintf(&fm, "%s[[%s]]\n", prefix, f.Name)
		for _, c := range f.Columns {
			help := c.Label.In(lang)
			if c.Type == "enum" {
				help += "：" + enumHelp(c, lang)
			}
			fmt.Fprintf(&fm, "%s%s = %s  # %s\n", prefix, c.Name, placeholder(c, lang, t), help)
		}
	}
	if !tp.HasFormat("markdown") {
		return "content/" + tp.Dir + "/" + id + ".toml", []byte(fm.String())
	}
	var body strings.Builder
	fmt.Fprintf(&body, "+++\n%s+++\n\n# %s\n", fm.String(), title)
	for _, s := range tp.Sections {
		fmt.Fprintf(&body, "\n## %s\n\n%s\n", s.Label.In(lang), t("skeleton.section"))
	}
	dir := tp.Dir
	if dir == "" {
		dir = tp.Name
	}
	return "content/" + dir + "/" + id + ".md", []byte(body.String())
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
func placeholder(f *schema.Field, lang string, t T) string {
	switch f.Type {
	case "date":
		return time.Now().Format("2006-01-02")
	case "year":
		return strconv.Itoa(time.Now().Year())
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
