package content

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/validate"
	"guifan/schemas"
)

func builtin(t testing.TB) *schema.Set {
	t.Helper()
	s, diags := schema.Load(schemas.FS)
	if len(diags) > 0 {
		t.Fatalf("built-in schemas: %v", diags)
	}
	return s
}

func TestWindowsFilePositions(t *testing.T) {
	// UTF-8 with BOM and CRLF, as Notepad writes it.
	raw := "\uFEFF+++\r\ntitle = \"数据备份制度\"\r\nkind = \"backup\"\r\nstatus = \"draft\"\r\n+++\r\n\r\n# 数据备份制度\r\n\r\n## 总则\r\n正文\r\n"
	doc, _, diags := Parse("content/regulations/backup.md", "markdown", []byte(raw))
	if len(diags) > 0 || doc == nil {
		t.Fatalf("got %v", diags)
	}
	if got := doc.String("title"); got != "数据备份制度" {
		t.Errorf("title %q", got)
	}
	if p := doc.Pos("kind", false); p.Line != 3 || p.Col != 8 {
		t.Errorf("kind at %d:%d, want 3:8", p.Line, p.Col)
	}
	if len(doc.Headings) != 2 || doc.Headings[1].Text != "总则" || doc.Headings[1].Line != 9 {
		t.Errorf("headings %+v, want 总则 on line 9", doc.Headings)
	}
	if doc.ID != "backup" {
		t.Errorf("id %q, want the file name", doc.ID)
	}
}

func TestBOMColumn(t *testing.T) {
	src := diag.NewSource("x", []byte("\uFEFFtitle = 1\n"))
	if p := src.Pos(3 + len("title = ")); p.Col != 9 {
		t.Errorf("column after a BOM = %d, want 9 (the BOM is invisible)", p.Col)
	}
}

func TestDefaultID(t *testing.T) {
	for in, want := range map[string]string{
		"content/regulations/backup.md":     "backup",
		"content/records/drills/index.md":   "drills",
		"content/registers/assets.toml":     "assets",
		"content/faq/faq-printers.markdown": "faq-printers",
	} {
		if got := defaultID(in); got != want {
			t.Errorf("defaultID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTypeFromFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"content/records/drills/d1.md": {Data: []byte("+++\ntitle = \"演练\"\nstatus = \"draft\"\n+++\n")},
		"content/regulations/r.md":     {Data: []byte("+++\ntitle = \"制度\"\nstatus = \"draft\"\n+++\n")},
		"content/plans/p.md":           {Data: []byte("+++\ntitle = \"规划\"\ntype = \"five-year-plan\"\nstatus = \"draft\"\n+++\n")},
		"content/assets/logo.png":      {Data: []byte{0x89, 'P', 'N', 'G'}},
	}
	docs, _, diags := Load(fsys, builtin(t))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := map[string]string{"d1": "drill-record", "r": "regulation", "p": "five-year-plan"}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want %d", len(docs), len(want))
	}
	for _, d := range docs {
		if d.Type != want[d.ID] {
			t.Errorf("%s: type %q, want %q", d.Path, d.Type, want[d.ID])
		}
	}
}

// FuzzParse feeds arbitrary bytes to the loader and the validator: no input
// may make them panic. The seeds are the files of the bad-input corpus.
func FuzzParse(f *testing.F) {
	set := builtin(f)
	seeds, _ := filepath.Glob("../cmd/guifan/testdata/check/*/site/content/*/*")
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, filepath.Ext(p) == ".toml")
		}
	}
	f.Add([]byte("+++\n[[leadership]]\nrole = 3\n[[leadership]]\n+++\n# x"), false)
	f.Add([]byte("+++\narticles = [\"x\", 1.5, []]\nrelated = [1]\nposts = [1, {post = 2}]\n+++\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isTOML bool) {
		format, name := "markdown", "content/regulations/x.md"
		if isTOML {
			format, name = "toml", "content/registers/x.toml"
		}
		doc, _, _ := Parse(name, format, data)
		if doc == nil {
			return
		}
		var diags diag.List
		resolveType(doc, set, &diags)
		validate.Check(validate.Input{Schemas: set, Docs: []*model.Document{doc}})
	})
}
