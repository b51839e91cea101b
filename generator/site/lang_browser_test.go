package site_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	for _, p := range []string{"index.html", "docs/reg-backup.html", "faq/index.html", "search/index.html", "articles/17/index.html", "forms/index.html"} {
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
	// The search page's toggle asks the other language's page the same.
	out2 := searchPage(t, ctx, out, "数据备份")
	if len(out2) == 0 {
		t.Fatal("数据备份: no results")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".lang-toggle a")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #search-form`)))
	var q string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// The page's script fills the box and searches once loaded.
		var err error
		q, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.hasAttribute("data-search-done") ? new URLSearchParams(location.search).get("q") + "|" + document.getElementById("search-q").value : ""`))
		if err != nil {
			t.Fatal(err)
		}
		if q != "" {
			break
		}
	}
	if q != "数据备份|数据备份" {
		t.Errorf("the English search page was opened with %q, want the same query", q)
	}
}
