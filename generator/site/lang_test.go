package site_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var toggleRE = regexp.MustCompile(`<nav class="lang-toggle"[^>]*><a href="([^"]+)" hreflang="([^"]+)"`)

// TestLanguageToggle: the demo lists zh-CN and en; both are built, the
// second under site/en/, and every page of each links the same page of the
// other, which exists; the English pages say lang="en" and name the
// hospital in English.
func TestLanguageToggle(t *testing.T) {
	out := buildDemo(t)
	root := filepath.Join(out, "site")
	pages := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "forms/") && strings.Count(rel, "/") > 2 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page := string(b)
		if !strings.Contains(page, `<header class="masthead">`) {
			return nil // not a page of the site's layout (a printable form)
		}
		pages++
		m := toggleRE.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no language toggle", rel)
			return nil
		}
		en := strings.HasPrefix(rel, "en/")
		want := "en/" + rel
		if en {
			want = strings.TrimPrefix(rel, "en/")
		}
		if got := path.Clean(path.Join(path.Dir(rel), m[1])); got != want {
			t.Errorf("%s: the toggle links %s, want %s", rel, got, want)
		} else if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(want))); err != nil {
			t.Errorf("%s: the toggle's page %s is missing", rel, want)
		}
		lang := `<html lang="zh-CN">`
		if en {
			lang = `<html lang="en">`
			if m[2] != "zh-CN" {
				t.Errorf("%s: toggle hreflang %s", rel, m[2])
			}
		}
		if !strings.Contains(page, lang) {
			t.Errorf("%s: not %s", rel, lang)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Errorf("only %d pages checked", pages)
	}
	home, err := os.ReadFile(filepath.Join(root, "en", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(home), `<span class="brand-name">Beijing Demonstration Hospital</span>`) {
		t.Error("the English home page does not name the hospital in English")
	}
}

// TestEnglishPunctuation: the English pages' own words (labels, lists,
// separators) use English punctuation: the action card's labels end in
// ": ", lists of articles are separated by ", ".
func TestEnglishPunctuation(t *testing.T) {
	out := buildDemo(t)
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(out, "site", filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	en, zh := read("en/docs/ep-network-outage.html"), read("docs/ep-network-outage.html")
	if !strings.Contains(en, `<strong>Scenario: </strong>`) || !strings.Contains(zh, `<strong>适用场景：</strong>`) {
		t.Error("the action card's scenario label is not punctuated for its language")
	}
	doc := read("en/docs/reg-backup.html")
	if !regexp.MustCompile(`Art\. \d+</a>, <a`).MatchString(doc) || regexp.MustCompile(`Art\. \d+</a>、`).MatchString(doc) {
		t.Error("the English page's list of articles is not separated by commas")
	}
	// The interface's words: no Chinese punctuation in the header, menu
	// and footer of an English page.
	for _, p := range []string{"en/index.html", "en/search/index.html", "en/faq/index.html", "en/docs/reg-backup.html"} {
		page := read(p)
		for _, part := range []string{between(page, "<header", "</header>"), between(page, `<nav class="mainnav"`, `</nav>`), between(page, `<footer`, `</footer>`)} {
			if i := strings.IndexAny(part, "，。：；、（）《》"); i >= 0 {
				t.Errorf("%s: Chinese punctuation in the interface: %q", p, part[max(0, i-40):min(len(part), i+20)])
			}
		}
	}
}

func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	before, _, _ := strings.Cut(after, to)
	return before
}

// TestOneLanguageNoToggle: a site that lists one language builds it only,
// with no toggle.
func TestOneLanguageNoToggle(t *testing.T) {
	t.Parallel()
	files, _ := siteOutputs(t, filepath.Join("..", "..", "examples", "community-hospital"))
	for p, b := range files {
		if strings.HasPrefix(p, "site/en/") {
			t.Fatalf("%s built for a site in one language", p)
		}
		if strings.HasSuffix(p, ".html") && strings.Contains(string(b), "lang-toggle") {
			t.Fatalf("%s has a language toggle", p)
		}
	}
}
