package site_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSubtitleFromHospital: the header's line beside the name and the
// home page's introduction are hospital.toml's (a community centre's 信息科
// is not a 信息中心); a hospital.toml without them gets the theme's words,
// which name no department.
func TestSubtitleFromHospital(t *testing.T) {
	t.Parallel()
	sub := regexp.MustCompile(`<span class="brand-sub">([^<]*)</span>`)
	lede := regexp.MustCompile(`<p class="lede">([^<]*)</p>`)
	example := filepath.Join("..", "..", "examples", "community-hospital")
	files, _ := siteOutputs(t, example)
	home := string(files["site/index.html"])
	if m := sub.FindStringSubmatch(home); m == nil || m[1] != "信息科 · 规章制度与操作规程" {
		t.Errorf("the community centre's subtitle: %v", m)
	}
	if m := lede.FindStringSubmatch(home); m == nil || !strings.HasPrefix(m[1], "本站汇集本中心信息科的") {
		t.Errorf("the community centre's introduction: %v", m)
	}
	for p, b := range files {
		if m := sub.FindSubmatch(b); m != nil && strings.Contains(string(m[1]), "信息中心") {
			t.Fatalf("%s: subtitle %s", p, m[1])
		}
	}

	// Without subtitle and intro: the theme's words.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(example)); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "hospital.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cut := regexp.MustCompile(`(?m)^(subtitle|intro)(_en)? = .*\n`).ReplaceAll(raw, nil)
	if len(cut) == len(raw) {
		t.Fatal("the example's hospital.toml has no subtitle to remove")
	}
	if err := os.WriteFile(filepath.Join(dir, "hospital.toml"), cut, 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ = siteOutputs(t, dir)
	home = string(files["site/index.html"])
	m, l := sub.FindStringSubmatch(home), lede.FindStringSubmatch(home)
	if m == nil || l == nil || m[1] == "" || l[1] == "" {
		t.Fatalf("no subtitle or introduction: %v %v", m, l)
	}
	for _, s := range []string{m[1], l[1]} {
		if strings.Contains(s, "信息中心") || strings.Contains(s, "信息科") {
			t.Errorf("the theme's words name a department: %q", s)
		}
	}
}
