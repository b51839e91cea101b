package rollup

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/schemas"
	"guifan/themes"
)

func framework(t testing.TB) *schema.Framework {
	t.Helper()
	set, diags := schema.Load(schemas.FS)
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	return set.Frameworks["beijing-2008"]
}

func theme(t testing.TB) fs.FS {
	t.Helper()
	th, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func catalog(t testing.TB, lang string) *i18n.Catalog {
	t.Helper()
	cat, err := i18n.Load(theme(t), lang)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

var rollupDay = model.Date{Year: 2026, Month: 11, Day: 25}

func options(t testing.TB, fw *schema.Framework, out string) Options {
	return Options{Framework: fw, AsOf: rollupDay, Catalog: catalog(t, "zh-CN"), Theme: theme(t), Out: out}
}

// synthTo writes n synthesized hospitals' submissions under dir and
// returns the number of files.
func synthTo(t testing.TB, fw *schema.Framework, dir string, n int, seed uint64) int {
	t.Helper()
	files, err := Synthesize(fw, n, seed, "zh-CN", "一份内部文件", func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
