package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/build"
)

// TestThemeVerdictWords: a site whose theme renames a verdict (status.met
// = 达标) may write that word in a hand-edited attestations file; check
// takes it as the workbook import does, and refuses a word no catalog has.
func TestThemeVerdictWords(t *testing.T) {
	t.Parallel()
	dir := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	theme := filepath.Join(dir, "themes", "renamed", "i18n")
	os.MkdirAll(theme, 0o755)
	os.WriteFile(filepath.Join(theme, "zh-CN.toml"), []byte("[status]\nmet = \"达标\"\n"), 0o644)
	hosp := filepath.Join(dir, "hospital.toml")
	data, _ := os.ReadFile(hosp)
	os.WriteFile(hosp, append([]byte("theme = \"renamed\"\n"), data...), 0o644)
	att := filepath.Join(dir, "audit", "attestations.toml")
	old, err := os.ReadFile(att)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(old), `verdict = "partial"`, `verdict = "达标"`, 1)
	if text == string(old) {
		t.Fatal("no partial verdict to rename")
	}
	for _, c := range []struct {
		word string
		ok   bool
	}{{"达标", true}, {"大概满足", false}} {
		os.WriteFile(att, []byte(strings.Replace(text, "达标", c.word, 1)), 0o644)
		res, err := build.Run(dir, build.Options{Goal: build.GoalCheck, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		refused := false
		for _, d := range res.Diags {
			refused = refused || d.Code == "attest.verdict"
		}
		if refused == c.ok {
			t.Errorf("verdict %q: refused = %v, want %v (%v)", c.word, refused, !c.ok, res.Diags)
		}
	}
}
