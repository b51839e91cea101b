package schema_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/schema"
	"guifan/schemas"
)

// TestPageDeclared: the built-in FAQ and glossary declare their pages (the
// site reads the kind from the schema, not the type's name), and the
// emergency plans are listed on the home page.
func TestPageDeclared(t *testing.T) {
	t.Parallel()
	s := load(t)
	faq, gl := s.Types["faq"].Page, s.Types["glossary"].Page
	if faq == nil || faq.Kind != schema.PageEntries || faq.Heading != "category" || !faq.Home {
		t.Errorf("faq page %+v", faq)
	}
	if gl == nil || gl.Kind != schema.PageTerms || gl.Term != "term" || gl.Definition != "definition" || gl.Translation != "en" || gl.Aliases != "aliases" {
		t.Errorf("glossary page %+v", gl)
	}
	if s.Types["emergency-plan"].Home.In("zh-CN") == "" || s.Types["regulation"].Home.In("zh-CN") != "" {
		t.Error("home: emergency plans only")
	}
}

// TestPageChecked: a page of an unknown kind, an entries page without
// heading entries, a terms page without a table or naming columns that do
// not exist, and a type whose page would take one of the site's own
// folders are reported at the key that says so.
func TestPageChecked(t *testing.T) {
	t.Parallel()
	doc, err := schemas.FS.ReadFile("document.toml")
	if err != nil {
		t.Fatal(err)
	}
	const table = `
[[fields]]
name = "words"
type = "table"
columns = [{ name = "word", type = "string" }, { name = "meaning", type = "text" }]
[[fields]]
name = "topic"
type = "string"
`
	for _, c := range []struct {
		name, head, page string
		want             []string // code:line:col
	}{
		{"x-faq", `entries = "headings"`, `kind = "entries"` + "\nheading = \"topic\"", nil},
		{"x-words", `entries = "words"`, `kind = "terms"` + "\nterm = \"word\"\ndefinition = \"meaning\"", nil},
		{"x-bad", ``, `kind = "list"`, []string{"schema.bad-value:5:8"}},
		{"x-faq", ``, `kind = "entries"`, []string{"schema.page-entries:5:8"}},
		{"x-faq", `entries = "headings"`, `kind = "entries"` + "\nheading = \"nosuch\"", []string{"schema.bad-ref:6:11"}},
		{"x-words", `entries = "headings"`, `kind = "terms"` + "\nterm = \"word\"\ndefinition = \"meaning\"", []string{"schema.page-terms:5:8"}},
		{"x-words", `entries = "words"`, `kind = "terms"` + "\nterm = \"word\"", []string{"schema.missing:4:1"}},
		{"x-words", `entries = "words"`, `kind = "terms"` + "\nterm = \"word\"\ndefinition = \"meaning\"\naliases = \"other\"", []string{"schema.bad-ref:8:11"}},
		{"forms", `entries = "headings"`, `kind = "entries"`, []string{"schema.page-name:4:1"}},
	} {
		src := fmt.Sprintf("name = %q\nlabel = { zh-CN = \"试\", en = \"Test\" }\n%s\n[page]\n%s\n%s", c.name, c.head, c.page, table)
		_, diags := schema.Load(fstest.MapFS{
			"document.toml":             &fstest.MapFile{Data: doc},
			"types/" + c.name + ".toml": &fstest.MapFile{Data: []byte(src)},
		})
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%s:%d:%d", d.Code, d.Pos.Line, d.Pos.Col))
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s\n%s\ngot  %v\nwant %v", c.name, src, got, c.want)
		}
	}
}
