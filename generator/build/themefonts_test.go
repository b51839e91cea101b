package build

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestThemeFonts: the PDF fonts are named by the theme's manifest
// (theme.toml), not by Go; a site's own theme replaces the lists it names
// and keeps the built-in ones it does not; a bad entry is a warning at
// its place in the manifest.
func TestThemeFonts(t *testing.T) {
	t.Parallel()
	s, diags, err := Load(fstest.MapFS{"hospital.toml": {Data: []byte("name = \"x\"\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.themeFonts.Serif) == 0 || len(s.themeFonts.Sans) == 0 {
		t.Fatalf("built-in theme fonts: %+v (%v)", s.themeFonts, diags)
	}
	builtin := s.themeFonts
	s, diags, err = Load(fstest.MapFS{
		"hospital.toml":          {Data: []byte("name = \"x\"\ntheme = \"mine\"\n")},
		"themes/mine/theme.toml": {Data: []byte("[fonts]\nserif = [\"fonts/wqy-microhei.ttc#0\", \"../escape.ttf\"]\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.themeFonts.Serif, []string{"fonts/wqy-microhei.ttc#0"}) || !slices.Equal(s.themeFonts.Sans, builtin.Sans) {
		t.Errorf("own theme fonts: %+v", s.themeFonts)
	}
	found := false
	for _, d := range diags {
		if d.Code == "theme.font-path" && d.Pos.File == "themes/mine/theme.toml" && d.Pos.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning at the bad entry: %v", diags)
	}
	serif, sans, _ := s.fonts()
	if len(serif) != 1 || len(sans) == 0 {
		t.Errorf("fonts loaded: %d serif, %d sans", len(serif), len(sans))
	}
}
