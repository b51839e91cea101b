package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/textfile"
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
		doc.Control = Control(set, doc)
		validate.Check(validate.Input{Schemas: set, Docs: []*model.Document{doc}})
	})
}

func codes(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Code)
	}
	return out
}

// TestEmptyFile: a 0-byte document is reported (it used to be skipped
// silently), as is one holding only blanks.
func TestEmptyFile(t *testing.T) {
	for _, raw := range []string{"", " \n\t\n"} {
		for _, format := range []string{"markdown", "toml"} {
			doc, _, diags := Parse("content/regulations/x.md", format, []byte(raw))
			if doc != nil || len(diags) != 1 || diags[0].Code != "file.empty" {
				t.Errorf("%q as %s: %v, want file.empty", raw, format, diags)
			}
		}
	}
	fsys := fstest.MapFS{"content/regulations/empty.md": {Data: nil}}
	_, _, diags := Load(fsys, builtin(t))
	if got := codes(diags); len(got) != 1 || got[0] != "file.empty" {
		t.Errorf("Load of a 0-byte file: %v", got)
	}
}

// TestOldMacLineEnds: CR alone ends lines as CRLF does; positions are the
// lines an editor shows.
func TestOldMacLineEnds(t *testing.T) {
	raw := "+++\rtitle = \"数据备份制度\"\rkind = \"backup\"\rstatus = \"draft\"\r+++\r\r# 数据备份制度\r\r## 总则\r正文\r"
	doc, _, diags := Parse("content/regulations/backup.md", "markdown", []byte(raw))
	if len(diags) > 0 || doc == nil {
		t.Fatalf("got %v", diags)
	}
	if p := doc.Pos("kind", false); p.Line != 3 || p.Col != 8 {
		t.Errorf("kind at %d:%d, want 3:8", p.Line, p.Col)
	}
	if len(doc.Headings) != 2 || doc.Headings[1].Line != 9 {
		t.Errorf("headings %+v, want 总则 on line 9", doc.Headings)
	}
}

// TestFrontMatterSyntaxExplained: a TOML error in front matter is a
// catalog message at the file's line.
func TestFrontMatterSyntaxExplained(t *testing.T) {
	raw := "+++\ntitle = “数据备份”\n+++\n"
	_, _, diags := Parse("content/regulations/x.md", "markdown", []byte(raw))
	if len(diags) != 1 || diags[0].Code != "toml.syntax" || diags[0].Pos.Line != 2 || diags[0].Pos.Col != 9 {
		t.Fatalf("got %+v", diags)
	}
	if m, ok := diags[0].Args[0].(diag.Msg); !ok || m.Key != "toml.curly-quote" {
		t.Errorf("argument %#v, want the toml.curly-quote message", diags[0].Args[0])
	}
}

// TestLoadRefusesSpecialAndLargeFiles: only regular files are read, and
// only up to model.MaxFileBytes; each refusal is a diagnostic at the file.
func TestLoadRefusesSpecialAndLargeFiles(t *testing.T) {
	ok := []byte("+++\ntitle = \"制度\"\nstatus = \"draft\"\n+++\n")
	big := append(append([]byte{}, ok...), make([]byte, model.MaxFileBytes)...)
	for i := len(ok); i < len(big); i++ {
		big[i] = 'x'
	}
	fsys := fstest.MapFS{
		"content/regulations/ok.md":   {Data: ok},
		"content/regulations/pipe.md": {Mode: fs.ModeNamedPipe},
		"content/regulations/dev.md":  {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"content/regulations/big.md":  {Data: big},
	}
	docs, _, diags := Load(fsys, builtin(t))
	if len(docs) != 1 || docs[0].Path != "content/regulations/ok.md" {
		t.Errorf("documents %v", docs)
	}
	want := map[string]string{
		"content/regulations/big.md":  "file.too-large",
		"content/regulations/dev.md":  "file.special",
		"content/regulations/pipe.md": "file.special",
	}
	got := map[string]string{}
	for _, d := range diags {
		got[d.Pos.File] = d.Code
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// FuzzSplitFrontMatter: for any text, splitting front matter never
// panics, and when it succeeds the pieces are the text: an opening "+++"
// line, the front matter, a closing "+++" line, then the body, which
// starts at the line it says.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"x\"\n+++\nbody\n", "+++\n+++", "+++ \t\n+++\t\n", "---\na: b\n---\n",
		"+++\ntitle = 1\n", "", "+++", "+++\n\n\n+++\n\n# h\n", "x\n+++\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return // bounded: the splitter is linear; big inputs add nothing
		}
		data, dd := textfile.Decode("x.md", data) // as Parse does
		if len(dd) > 0 {
			return
		}
		src := diag.NewSource("x.md", data)
		var diags diag.List
		front, body, bodyLine, ok := splitFrontMatter(data, src, &diags)
		if !ok {
			if len(diags) != 1 {
				t.Fatalf("failed with %d diagnostics, want 1", len(diags))
			}
			return
		}
		if len(diags) != 0 {
			t.Fatalf("succeeded with diagnostics %v", diags)
		}
		open := src.Line(1)
		if strings.TrimRight(open, " \t") != "+++" {
			t.Fatalf("opening line %q", open)
		}
		if !bytes.HasSuffix(data, body) || !bytes.Contains(data, front) {
			t.Fatal("pieces are not the text")
		}
		start := src.Offset(2)
		if !bytes.HasPrefix(data[start:], front) {
			t.Fatal("front matter does not start on line 2")
		}
		closing := data[start+len(front) : len(data)-len(body)]
		if strings.TrimRight(strings.TrimSuffix(string(closing), "\n"), " \t") != "+++" {
			t.Fatalf("closing line %q", closing)
		}
		if got := bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1; len(body) > 0 && got != bodyLine {
			t.Fatalf("body starts on line %d, says %d", got, bodyLine)
		}
		for n := 2; n < bodyLine-1; n++ {
			if strings.TrimRight(src.Line(n), " \t") == "+++" {
				t.Fatalf("front matter closed on line %d, not at the first +++ (line %d)", bodyLine-1, n)
			}
		}
	})
}
