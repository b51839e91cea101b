package build_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

// miniSite is a site with one valid draft document and the given
// hospital.toml lines and extra files.
func miniSite(settings string, files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"hospital.toml":                     {Data: []byte("name = \"测试医院\"\n" + settings)},
		"content/regulations/reg-backup.md": {Data: []byte("+++\ntitle = \"数据备份管理制度\"\nkind = \"backup\"\nstatus = \"draft\"\n+++\n\n# 数据备份管理制度\n")},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// found lists diagnostics as "file:line:col code [args]".
func found(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %v", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Code, d.Args))
	}
	return out
}

func loadMini(t *testing.T, fsys fstest.MapFS) (*build.Site, diag.List) {
	t.Helper()
	s, diags, err := build.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return s, diags
}

// TestThemeName: the theme hospital.toml names must be an id and must
// exist; it used to be ignored silently.
func TestThemeName(t *testing.T) {
	_, diags := loadMini(t, miniSite("theme = \"nosuch\"\n", map[string]string{"themes/blue/assets/x.css": "x"}))
	if got := found(diags); len(got) != 1 || !strings.HasPrefix(got[0], "hospital.toml:2:9 config.theme-missing [nosuch themes/nosuch {[default blue] false}]") {
		t.Errorf("got %v", got)
	}
	_, diags = loadMini(t, miniSite("theme = \"../content\"\n", nil))
	if got := found(diags); len(got) != 1 || !strings.HasPrefix(got[0], "hospital.toml:2:9 config.theme-id") {
		t.Errorf("got %v", got)
	}
	s, diags := loadMini(t, miniSite("theme = \"blue\"\n", map[string]string{"themes/blue/assets/style.css": "own"}))
	if len(diags) > 0 {
		t.Errorf("an existing theme: %v", found(diags))
	}
	if b, _ := fsReadFile(s, "assets/style.css"); b != "own" {
		t.Errorf("the theme's own style.css is not used: %q", b)
	}
}

func fsReadFile(s *build.Site, name string) (string, error) {
	f, err := s.ThemeFS.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	buf := make([]byte, 512)
	for {
		n, err := f.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String(), nil
}

// TestLayoutErrorsAtTheOverride: a template that does not parse, or that
// drops the {{define "main"}} the base layout calls, is reported by Load
// (so by guifan check) at the site's own file and line, not as an internal
// error of guifan build naming the built-in file.
func TestLayoutErrorsAtTheOverride(t *testing.T) {
	_, diags := loadMini(t, miniSite("", map[string]string{
		"layouts/home.html":                "{{define \"main\"}}\n<p>{{if}}</p>{{end}}\n",
		"themes/default/layouts/doc.html":  "<p>no main here</p>\n",
		"themes/default/layouts/list.html": "{{define \"main\"}}<p>{{nosuch .}}</p>{{end}}\n",
		"layouts/faq.html":                 "{{define \"main\"}}<p>{{.Title}}</p>{{end}}\n",
	}))
	diags.Sort()
	want := []string{
		"layouts/home.html:2:1 theme.template [missing value for if]",
		"themes/default/layouts/doc.html:0:0 theme.missing-template [main]",
		`themes/default/layouts/list.html:1:1 theme.template [function "nosuch" not defined]`,
	}
	got := found(diags)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFontsCheckedOnce: fonts hospital.toml names are checked when the
// site is loaded, each problem reported once at its entry, and the PDF
// writer does not report them again ("invalid argument", twice).
func TestFontsCheckedOnce(t *testing.T) {
	settings := `[fonts]
serif = ["C:\\Windows\\Fonts\\simsun.ttc", "/usr/share/fonts/song.ttf", "fonts/missing.ttf", "fonts/notes.ttf", "fonts/source.otf", "fonts/song.ttc#x"]
`
	s, diags := loadMini(t, miniSite(settings, map[string]string{
		"fonts/notes.ttf":  "这不是字体文件，只是改了扩展名。",
		"fonts/source.otf": "OTTO\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
	}))
	var got []string
	for _, d := range diags {
		if d.Severity != diag.Warning {
			t.Errorf("font problems are warnings: %v", d)
		}
		arg := ""
		if len(d.Args) > 1 {
			arg = d.Args[1].(diag.Msg).Key
		}
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Code, arg))
	}
	want := []string{
		"3:10 config.font-path ",
		"3:44 config.font-path ",
		"3:73 config.font file.not-found",
		"3:94 config.font pdf.font-not-truetype",
		"3:113 config.font pdf.font-otf",
		"3:133 config.font-face ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(s.Project.Hospital.Fonts.Serif) != 0 {
		t.Errorf("unusable fonts kept: %v", s.Project.Hospital.Fonts.Serif)
	}
	asOf, _ := model.ParseDate("2026-11-25")
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	_, od, err := s.Outputs(m, asOf, cat, []string{"forms"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range od {
		if strings.HasPrefix(d.Code, "pdf.font") || strings.HasPrefix(d.Code, "config.font") {
			t.Errorf("font reported again while writing: %v", d)
		}
	}
}
