package audit

import (
	"io/fs"
	"path"
	"strings"
	"sync"

	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/themes"
)

// Given are the verdicts an auditor may give (the workbook's dropdown
// offers these four).
var Given = []coverage.Status{coverage.Met, coverage.Partial, coverage.Missing, coverage.NotApplicable}

// Verdicts are the words that name each verdict, as message catalogs give
// them: a verdict's status.<id> (what the workbook's dropdown shows and
// what the site calls it) and the further words of audit.verdict-also.<id>,
// separated by "|" (符合 for 满足). Words are matched ignoring case and
// surrounding blanks. The zero value knows no words.
type Verdicts struct {
	words map[string]coverage.Status
}

// VerdictWords returns the words cats give for each verdict. When two
// catalogs give one word to two verdicts, the later catalog wins.
func VerdictWords(cats ...*i18n.Catalog) Verdicts {
	v := Verdicts{words: map[string]coverage.Status{}}
	for _, c := range cats {
		if c == nil {
			continue
		}
		for _, s := range Given {
			var words []string
			if key := "status." + string(s); c.Has(key) {
				words = append(words, c.T(key))
			}
			if key := "audit.verdict-also." + string(s); c.Has(key) {
				words = append(words, strings.Split(c.T(key), "|")...)
			}
			for _, w := range words {
				if w = normal(w); w != "" {
					v.words[w] = s
				}
			}
		}
	}
	return v
}

// Catalogs returns the catalog of every language themeFS (a theme folder)
// has under i18n/, in the order of their file names. A catalog that cannot
// be read is left out.
func Catalogs(themeFS fs.FS) []*i18n.Catalog {
	entries, err := fs.ReadDir(themeFS, "i18n")
	if err != nil {
		return nil
	}
	var cats []*i18n.Catalog
	for _, e := range entries {
		lang, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || e.IsDir() || path.Ext(lang) != "" {
			continue
		}
		if c, err := i18n.Load(themeFS, lang); err == nil {
			cats = append(cats, c)
		}
	}
	return cats
}

// builtin is the words of the built-in theme's catalogs, every language.
var builtin = sync.OnceValue(func() Verdicts {
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		return Verdicts{}
	}
	return VerdictWords(Catalogs(theme)...)
})

// ParseVerdict reads a verdict as an auditor may write it: its id (met,
// partial, missing, not_applicable), a word of words (a site's catalogs,
// whose theme may rename 满足), or a word of the built-in catalogs, in
// that order.
func ParseVerdict(s string, words ...Verdicts) (coverage.Status, bool) {
	n := normal(s)
	for _, id := range Given {
		if n == string(id) {
			return id, true
		}
	}
	for _, w := range append(words, builtin()) {
		if v, ok := w.words[n]; ok {
			return v, true
		}
	}
	return "", false
}

func normal(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
