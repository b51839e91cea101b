package config

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/diag"
	"guifan/themes"
)

// TestBuiltinThemeFonts: the built-in theme names its fonts in its
// manifest, Song first for text and Hei first for headings.
func TestBuiltinThemeFonts(t *testing.T) {
	t.Parallel()
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	th, diags := ReadTheme(theme, "themes/default")
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if want := []string{"fonts/gbsn00lp.ttf", "fonts/wqy-microhei.ttc#0"}; !slices.Equal(th.Fonts.Serif, want) {
		t.Errorf("serif %v, want %v", th.Fonts.Serif, want)
	}
	if want := []string{"fonts/wqy-microhei.ttc#0", "fonts/gbsn00lp.ttf"}; !slices.Equal(th.Fonts.Sans, want) {
		t.Errorf("sans %v, want %v", th.Fonts.Sans, want)
	}
	for _, spec := range append(th.Fonts.Serif, th.Fonts.Sans...) {
		file, _, _ := FontSpec(spec)
		if _, err := fs.Stat(theme, file); err != nil {
			t.Errorf("%s: %v", spec, err)
		}
	}
}

// TestThemeManifestProblems: a site's own manifest is reported at the
// entry that is wrong, in themes/<name>/theme.toml; a bad font entry is
// dropped with a warning and the others kept; a theme without a manifest
// takes the fonts of the theme it overrides.
func TestThemeManifestProblems(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		src   string
		want  []string // code line:col severity
		serif []string
	}{
		{"[fonts]\nserif = [\"fonts/a.ttf\", \"fonts/b.ttc#x\", \"C:\\\\Fonts\\\\c.ttf\", \"/usr/d.ttf\", \"../e.ttf\", \"fonts/f.ttc#1\"]\n",
			[]string{"theme.font-face 2:25 warning", "theme.font-path 2:42 warning", "theme.font-path 2:62 warning", "theme.font-path 2:76 warning"},
			[]string{"fonts/a.ttf", "fonts/f.ttc#1"}},
		{"[fonts]\nsize = 12\n", []string{"theme.manifest-unknown 2:1 error"}, nil},
		{"[fonts]\nserif = \"fonts/a.ttf\"\n", []string{"theme.manifest-type 2:9 error"}, nil},
		{"[fonts\nserif = []\n", []string{"toml.syntax 1:7 error"}, nil},
	} {
		th, diags := ParseTheme([]byte(c.src), "themes/mine/theme.toml")
		var got []string
		for _, d := range diags {
			if d.Pos.File != "themes/mine/theme.toml" {
				t.Errorf("%q: at file %q", c.src, d.Pos.File)
			}
			sev := "error"
			if d.Severity == diag.Warning {
				sev = "warning"
			}
			got = append(got, fmt.Sprintf("%s %d:%d %s", d.Code, d.Pos.Line, d.Pos.Col, sev))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q:\ngot  %v\nwant %v", c.src, got, c.want)
		}
		if !slices.Equal(th.Fonts.Serif, c.serif) {
			t.Errorf("%q: serif %v, want %v", c.src, th.Fonts.Serif, c.serif)
		}
	}
	base := &Theme{Fonts: Fonts{Serif: []string{"fonts/song.ttf"}, Sans: []string{"fonts/hei.ttf"}}}
	own, diags := ReadTheme(fstest.MapFS{"fonts/x.ttf": {}}, "themes/mine")
	if len(diags) > 0 {
		t.Errorf("no manifest: %v", diags)
	}
	if f := own.Over(base); !slices.Equal(f.Serif, base.Fonts.Serif) || !slices.Equal(f.Sans, base.Fonts.Sans) {
		t.Errorf("no manifest: %v", f)
	}
	own, _ = ParseTheme([]byte("[fonts]\nsans = [\"fonts/mine.ttf\"]\n"), "themes/mine/theme.toml")
	if f := own.Over(base); !slices.Equal(f.Serif, base.Fonts.Serif) || !slices.Equal(f.Sans, []string{"fonts/mine.ttf"}) {
		t.Errorf("own sans: %v", f)
	}
}
