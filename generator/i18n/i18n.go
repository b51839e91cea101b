// Package i18n holds the message catalogs: every word guifan says to a user
// (CLI help, diagnostics, and later the site, PDFs and workbooks) comes from
// themes/<theme>/i18n/<lang>.toml, never from a string in Go.
//
// A catalog is a flat TOML table of key = "text". Texts are fmt formats;
// translators may reorder arguments with %[2]s.
package i18n

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"guifan/generator/diag"
	"guifan/generator/tomlfile"
)

// Catalog is the messages of one language, with a fallback catalog for
// keys it lacks.
type Catalog struct {
	Lang     string
	msgs     map[string]string
	fallback *Catalog
}

// Default language of every output and message.
const Default = "zh-CN"

// Load reads the catalog of lang from themeFS (a theme folder, holding
// i18n/). Keys missing from lang fall back to zh-CN.
func Load(themeFS fs.FS, lang string) (*Catalog, error) {
	base, err := read(themeFS, Default)
	if err != nil {
		return nil, err
	}
	if lang == Default || lang == "" {
		return base, nil
	}
	c, err := read(themeFS, lang)
	if err != nil {
		return nil, err
	}
	c.fallback = base
	return c, nil
}

// Languages lists the languages a theme has catalogs for (its
// i18n/<lang>.toml files): Default first, the others sorted. These are the
// languages guifan knows; a theme that adds a catalog adds a language.
func Languages(themeFS fs.FS) []string {
	entries, err := fs.ReadDir(themeFS, "i18n")
	if err != nil {
		return []string{Default}
	}
	langs := []string{Default}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || e.IsDir() || name == "" || name == Default || path.Base(name) != name {
			continue
		}
		langs = append(langs, name)
	}
	sort.Strings(langs[1:])
	return langs
}

func read(themeFS fs.FS, lang string) (*Catalog, error) {
	data, err := fs.ReadFile(themeFS, "i18n/"+lang+".toml")
	if err != nil {
		return nil, err
	}
	doc, err := tomlfile.Parse([]byte(strings.TrimPrefix(string(data), "\uFEFF")))
	if err != nil {
		return nil, fmt.Errorf("i18n/%s.toml: %w", lang, err)
	}
	c := &Catalog{Lang: lang, msgs: map[string]string{}}
	flatten("", doc.Data, c.msgs)
	return c, nil
}

// flatten turns nested tables into dotted keys, so a catalog may group
// keys under [field] or write "field.unknown" at the top.
func flatten(prefix string, m map[string]any, out map[string]string) {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			out[key] = v
		case map[string]any:
			flatten(key, v, out)
		}
	}
}

// Has reports whether the catalog (or its fallback) has key.
func (c *Catalog) Has(key string) bool {
	if _, ok := c.msgs[key]; ok {
		return true
	}
	return c.fallback != nil && c.fallback.Has(key)
}

// Keys returns the catalog's own keys, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T returns the message for key formatted with args. Arguments that are
// catalog keys (diag.Key) or texts in several languages (diag.Localized)
// are put into this catalog's language first. A missing key yields the key
// itself, so a gap in a catalog is visible but never fatal.
func (c *Catalog) T(key string, args ...any) string {
	format, ok := c.lookup(key)
	if !ok {
		format = key
	}
	if len(args) == 0 {
		return format
	}
	local := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case diag.Key:
			local[i] = c.T(string(a))
		case diag.Msg:
			if a.Key == "" {
				local[i] = ""
			} else {
				local[i] = c.T(a.Key, a.Args...)
			}
		case diag.Phrase:
			m := a.Phrase()
			local[i] = c.T(m.Key, m.Args...)
		case diag.Localized:
			local[i] = a.In(c.Lang)
		case diag.Items:
			sep := c.T("list.sep")
			if a.Or {
				sep = c.T("list.or")
			}
			parts := make([]string, len(a.Items))
			for j, it := range a.Items {
				switch it := it.(type) {
				case diag.Phrase:
					m := it.Phrase()
					parts[j] = c.T(m.Key, m.Args...)
				case diag.Localized:
					parts[j] = it.In(c.Lang)
				default:
					parts[j] = fmt.Sprint(it)
				}
			}
			local[i] = strings.Join(parts, sep)
		default:
			local[i] = a
		}
	}
	return fmt.Sprintf(format, local...)
}

// Date shows a date as people read it in the catalog's language (its
// value.date format: 2026年3月1日, 2026-03-01): the one way a date is written
// on the site, in PDFs and in workbooks.
func (c *Catalog) Date(year int, month time.Month, day int) string {
	return c.T("value.date", year, int(month), day)
}

func (c *Catalog) lookup(key string) (string, bool) {
	if s, ok := c.msgs[key]; ok {
		return s, true
	}
	if c.fallback != nil {
		return c.fallback.lookup(key)
	}
	return "", false
}

// FromEnv picks the interface language from the environment: English when
// LC_ALL, LC_MESSAGES or LANG starts with "en", Chinese otherwise.
func FromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "en") {
				return "en"
			}
			return Default
		}
	}
	return Default
}
