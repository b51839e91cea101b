package site_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLanguageToggleInBrowser: from file://, the toggle of a page opens
// the same page in the other language, and its toggle comes back.
func TestLanguageToggleInBrowser(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	site := "file://" + filepath.ToSlash(filepath.Join(out, "site")) + "/"
	type state struct {
		URL  string `json:"url"`
		Lang string `json:"lang"`
	}
	click := func(to string) state {
		t.Helper()
		do(t, ctx, chromedp.Click(chromedp.CSS(".lang-toggle a")), chromedp.WaitVisible(chromedp.CSS(`html[lang="`+to+`"] main h1`)))
		s, err := chromedp.Run(ctx, chromedp.Evaluate[state](`({url: location.href.split("#")[0].split("?")[0], lang: document.documentElement.lang})`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, p := range []string{"index.html", "docs/reg-backup/index.html", "faq/index.html", "search/index.html", "articles/17/index.html", "forms/index.html"} {
		do(t, ctx, chromedp.Navigate(site+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		got := click("en")
		if got.URL != site+"en/"+p || got.Lang != "en" {
			t.Errorf("%s: the toggle opened %s (lang %s), want %sen/%s in English", p, strings.TrimPrefix(got.URL, site), got.Lang, site, p)
			continue
		}
		back := click("zh-CN")
		if back.URL != site+p || back.Lang != "zh-CN" {
			t.Errorf("en/%s: the toggle opened %s (lang %s), want %s in Chinese", p, strings.TrimPrefix(back.URL, site), back.Lang, p)
		}
	}
}
