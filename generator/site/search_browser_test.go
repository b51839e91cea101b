package site_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

type hit struct {
	Doc   string `json:"doc"`
	Title string `json:"title"`
	HTML  string `json:"html"`
}

// searchPage opens search/index.html?q=... from file:// and returns the
// results as the page shows them.
func searchPage(t *testing.T, ctx context.Context, out, q string) []hit {
	t.Helper()
	u := "file://" + filepath.ToSlash(filepath.Join(out, "site", "search", "index.html")) + "?q=" + url.QueryEscape(q)
	if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("#search-form"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.hasAttribute("data-search-done")`))
		if err != nil {
			t.Fatal(err)
		}
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%q: the search never finished", q)
		}
		time.Sleep(20 * time.Millisecond)
	}
	hits, err := chromedp.Run(ctx, chromedp.Evaluate[[]hit](`Array.from(document.querySelectorAll("#search-results li")).map(li => ({doc: li.querySelector("a").dataset.doc, title: li.querySelector("a").textContent, html: li.innerHTML}))`))
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// TestSearchInBrowser types Chinese and Latin queries into the search page
// opened from file:// and checks the expected documents come first, with
// the matched words highlighted.
func TestSearchInBrowser(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	cases := []struct{ q, want string }{
		{"数据备份", "reg-backup"},
		{"备份", "reg-backup"},
		{"数据备", "reg-backup"},
		{"UPS", "proc-facilities"},
		{"不间断电源", "proc-facilities"},
		{"VPN", "faq-network"},
		{"HIS", ""},
		{"数据库管理岗", "duty-dba"},
	}
	for _, c := range cases {
		hits := searchPage(t, ctx, out, c.q)
		if len(hits) == 0 {
			t.Errorf("%q: no results", c.q)
			continue
		}
		if c.want != "" {
			found := false
			for _, h := range hits[:min(3, len(hits))] {
				found = found || h.Doc == c.want
			}
			if !found {
				var top []string
				for _, h := range hits[:min(5, len(hits))] {
					top = append(top, h.Doc+" "+h.Title)
				}
				t.Errorf("%q: %s not in the top 3: %v", c.q, c.want, top)
			}
		}
		if !strings.Contains(hits[0].HTML, "<mark>") {
			t.Errorf("%q: the first result has no highlighted words: %s", c.q, hits[0].HTML)
		}
	}
	// Instant suggestions come from the title list as the user types.
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => { const i = document.getElementById("search-q"); i.value = "应急预案"; i.dispatchEvent(new Event("input")); return document.querySelectorAll("#search-suggest option").length })()`))
	if err != nil || n == 0 {
		t.Errorf("no instant suggestions for 应急预案 (%v)", err)
	}
	if os.Getenv("GUIFAN_SCREENSHOTS") != "" {
		searchPage(t, ctx, out, "数据备份")
		shoot(t, ctx, "search")
	}
}
