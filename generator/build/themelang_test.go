package build_test

import (
	"testing"
	"testing/fstest"

	"guifan/generator/build"
)

// TestThemeLanguages: the languages hospital.toml may name are those its
// theme has catalogs for, the site's own theme included.
func TestThemeLanguages(t *testing.T) {
	t.Parallel()
	refused := func(fsys fstest.MapFS) bool {
		_, diags, err := build.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if d.Code == "config.language" {
				return true
			}
		}
		return false
	}
	base := func() fstest.MapFS {
		return fstest.MapFS{"hospital.toml": {Data: []byte("name = \"x\"\ntheme = \"local\"\nlanguages = [\"zh-CN\", \"ug\"]\n")},
			"themes/local/assets/local.css": {Data: []byte("")}}
	}
	if !refused(base()) {
		t.Error("a language no catalog has was accepted")
	}
	withCatalog := base()
	withCatalog["themes/local/i18n/ug.toml"] = &fstest.MapFile{Data: []byte("[site]\n")}
	if refused(withCatalog) {
		t.Error("a language the site's own theme has a catalog for was refused")
	}
}
