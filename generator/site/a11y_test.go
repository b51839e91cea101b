package site_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeScript finds axe-core (installed by .ci/run with npm; GUIFAN_AXE may
// name axe.min.js).
func axeScript(t *testing.T) []byte {
	t.Helper()
	candidates := []string{os.Getenv("GUIFAN_AXE")}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return b
		}
	}
	if os.Getenv("GUIFAN_CI") != "" {
		t.Fatal("axe-core is required under CI (.ci/run installs it with npm)")
	}
	t.Skip("axe-core not installed; .ci/run installs it")
	return nil
}

type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any `json:"target"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestAccessibility runs axe-core on one page of each kind and fails on
// any serious or critical violation.
func TestAccessibility(t *testing.T) {
	axe := axeScript(t)
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	pages := []string{
		"index.html", "articles/index.html", "articles/21/index.html", "report/index.html",
		"articles/17/index.html", "articles/48/index.html", // the pictures (package chart)
		"faq/index.html", "glossary/index.html", "forms/index.html", "downloads/index.html",
		"types/regulation/index.html", "docs/reg-security.html", "docs/plan-2026.html",
		"docs/ep-his-database.html", "docs/org-structure.html", "forms/work-order/index.html",
	}
	run := func(p string) axeResult {
		t.Helper()
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: running axe: %v", p, err)
		}
		var res axeResult
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return res
	}
	for i, p := range pages {
		url := "file://" + filepath.ToSlash(filepath.Join(out, "site", p))
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatalf("%s: loading axe: %v", p, err)
		}
		if i == 0 {
			// The harness must be able to fail: an image without alt text
			// is a critical violation.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.createElement("img"); i.src = "x.png"; document.body.appendChild(i); return true })()`)); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, v := range run(p).Violations {
				found = found || v.ID == "image-alt"
			}
			if !found {
				t.Fatal("axe did not report an image without alt text; the check is not working")
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
				t.Fatal(err)
			}
		}
		res := run(p)
		for _, v := range res.Violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: %s (%s): %s, e.g. %v", p, v.ID, v.Impact, v.Help, v.Nodes[0].Target)
			}
		}
	}
}
