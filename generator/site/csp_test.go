package site_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guifan/generator/site"
)

// headRE is how every page must start: the Content-Security-Policy is the
// first element of <head> after <meta charset>, so it governs everything
// after it.
var headRE = regexp.MustCompile(`^<!DOCTYPE html>\s*<html[^>]*>\s*<head>\s*<meta charset="utf-8">\s*` + regexp.QuoteMeta(site.CSPMeta))

// Inline code the policy would refuse: a <script> without src, an event
// handler attribute, a style attribute or <style> element.
var (
	inlineScriptRE = regexp.MustCompile(`(?i)<script(?:\s+(?:type|nonce|async|defer)(?:="[^"]*")?)*\s*>`)
	handlerRE      = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	styleRE        = regexp.MustCompile(`(?i)<style[\s>]|<[a-z][^>]*\sstyle\s*=`)
)

// TestCSPOnEveryPage: every HTML page of the demo site carries the policy
// first in <head> after the charset, exactly once, and holds nothing the
// policy would refuse (so nothing on the site silently stops working).
func TestCSPOnEveryPage(t *testing.T) {
	out := filepath.Join(buildDemo(t), "site")
	pages := 0
	kinds := map[string]bool{}
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(out, p)
		kinds[strings.Split(filepath.ToSlash(rel), "/")[0]] = true
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page := string(data)
		if !headRE.MatchString(page) {
			t.Errorf("%s: the policy is not the first element of <head> after the charset:\n%.300s", rel, page)
		}
		if n := strings.Count(page, "Content-Security-Policy"); n != 1 {
			t.Errorf("%s: %d policies", rel, n)
		}
		for _, re := range []*regexp.Regexp{inlineScriptRE, handlerRE, styleRE} {
			if m := re.FindString(page); m != "" {
				t.Errorf("%s: inline code the policy refuses: %s", rel, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"index.html", "docs", "types", "articles", "report", "faq", "glossary", "forms", "downloads", "search"} {
		if !kinds[k] {
			t.Errorf("no page under %s was checked", k)
		}
	}
	if pages < 50 {
		t.Errorf("only %d pages", pages)
	}
}

// TestCSPOwnLayout: a site's own base.html that leaves the policy out (and
// tries an inline script) still gets it, first in <head> after its
// charset.
func TestCSPOwnLayout(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	base, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "base.html"))
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(base), "{{csp}}\n", "<script>document.title = 'inline ran'</script>\n", 1)
	if own == string(base) {
		t.Fatal("the theme's base.html has no {{csp}}")
	}
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "base.html"), []byte(own), 0o644)
	files, _ := siteOutputs(t, dir)
	for _, p := range []string{"site/index.html", "site/docs/reg-security.html", "site/search/index.html"} {
		page := string(files[p])
		if !headRE.MatchString(page) {
			t.Errorf("%s: the policy is not first in <head>:\n%.400s", p, page)
		}
		if !strings.Contains(page, "inline ran") {
			t.Errorf("%s: the site's own base.html was not used", p)
		}
	}
}
