package i18n_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"guifan/generator/i18n"
	"guifan/generator/schema"
	"guifan/themes"
)

func catalogs(t *testing.T) (zh, en *i18n.Catalog) {
	t.Helper()
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	zh, err = i18n.Load(theme, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	en, err = i18n.Load(theme, "en")
	if err != nil {
		t.Fatal(err)
	}
	return zh, en
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z]`)

// TestCatalogsAgree checks that zh-CN and en have the same keys and that
// each message takes the same number of arguments in both languages.
func TestCatalogsAgree(t *testing.T) {
	zh, en := catalogs(t)
	if !slices.Equal(zh.Keys(), en.Keys()) {
		for _, k := range zh.Keys() {
			if !slices.Contains(en.Keys(), k) {
				t.Errorf("en lacks %s", k)
			}
		}
		for _, k := range en.Keys() {
			if !slices.Contains(zh.Keys(), k) {
				t.Errorf("zh-CN lacks %s", k)
			}
		}
	}
	for _, k := range zh.Keys() {
		a := len(verb.FindAllString(strings.ReplaceAll(zh.T(k), "%%", ""), -1))
		b := len(verb.FindAllString(strings.ReplaceAll(en.T(k), "%%", ""), -1))
		if a != b {
			t.Errorf("%s: zh-CN has %d arguments, en %d", k, a, b)
		}
	}
}

// codeUse finds message keys written as literals in Go code: diagnostics
// codes passed to Add/Warn, and keys passed to T/errorf/DidYouMean.
var codeUse = regexp.MustCompile(`(?:\.Add|\.Warn)\((?:[^()"\n]|\([^()\n]*\))*?, "([a-z][a-z0-9-]*\.[a-z0-9.-]+)"|(?:\.T|errorf)\("([a-z][a-z0-9-]*\.[a-z0-9.-]+)"|Key: "([a-z][a-z0-9-]*\.[a-z0-9.-]+)"`)

// TestEveryKeyUsedInCodeExists scans the Go sources for message keys and
// checks the catalogs have them, so no user ever sees a raw key.
func TestEveryKeyUsedInCodeExists(t *testing.T) {
	zh, _ := catalogs(t)
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(filepath.Join(root, "generator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range codeUse.FindAllStringSubmatch(string(src), -1) {
			key := m[1] + m[2] + m[3]
			found++
			if !zh.Has(key) {
				t.Errorf("%s: message key %q is not in the catalogs", p, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Errorf("found only %d key uses; is the pattern still right?", found)
	}
	// Keys built at run time.
	for typ := range schema.FieldTypes {
		if !zh.Has("type." + typ) {
			t.Errorf("type.%s missing", typ)
		}
	}
	for _, typ := range []string{"string", "integer", "float", "boolean", "date", "datetime", "table-array", "array", "table", "nothing"} {
		if !zh.Has("type." + typ) {
			t.Errorf("type.%s missing", typ)
		}
	}
	for _, k := range []string{"severity.error", "severity.warning"} {
		if !zh.Has(k) {
			t.Errorf("%s missing", k)
		}
	}
}

func TestFallbackAndArguments(t *testing.T) {
	zh, en := catalogs(t)
	if got := en.T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key gives %q, want the key itself", got)
	}
	if got := zh.T("field.required", "title", schema.Text{"zh-CN": "标题", "en": "Title"}); !strings.Contains(got, "标题") {
		t.Errorf("localized argument not resolved: %q", got)
	}
	if got := en.T("field.required", "title", schema.Text{"zh-CN": "标题", "en": "Title"}); !strings.Contains(got, "Title") {
		t.Errorf("localized argument not resolved in English: %q", got)
	}
}

// TestLanguages: the languages are the theme's catalogs, the default
// first; a theme that adds a catalog adds a language, and a folder or a
// file of another kind is not one.
func TestLanguages(t *testing.T) {
	t.Parallel()
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	if got := i18n.Languages(theme); !slices.Equal(got, []string{"zh-CN", "en"}) {
		t.Errorf("built-in theme: %v", got)
	}
	own := fstest.MapFS{
		"i18n/fr.toml":       {Data: []byte("x = \"y\"\n")},
		"i18n/de.toml":       {Data: []byte("x = \"y\"\n")},
		"i18n/zh-CN.toml":    {Data: []byte("x = \"y\"\n")},
		"i18n/notes.txt":     {Data: []byte("not a catalog")},
		"i18n/old.toml/a.md": {Data: []byte("a folder")},
	}
	if got := i18n.Languages(own); !slices.Equal(got, []string{"zh-CN", "de", "fr"}) {
		t.Errorf("own theme: %v", got)
	}
	if got := i18n.Languages(fstest.MapFS{}); !slices.Equal(got, []string{"zh-CN"}) {
		t.Errorf("no i18n folder: %v", got)
	}
}

// TestDate: a date is written by the catalog's format, in each language.
func TestDate(t *testing.T) {
	t.Parallel()
	zh, en := catalogs(t)
	if got := zh.Date(2026, time.March, 1); got != "2026年3月1日" {
		t.Errorf("zh-CN: %q", got)
	}
	if got := en.Date(2026, time.March, 1); got != "2026-03-01" {
		t.Errorf("en: %q", got)
	}
}
