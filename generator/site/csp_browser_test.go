package site_test

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"net/http"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"guifan/generator/site"
)

// watchCSP records, in window.__csp, every violation of the page's
// Content-Security-Policy, from the start of every page loaded afterwards.
// (A script added this way is the browser's own and is not subject to the
// policy.)
func watchCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI); });`,
	})
	if err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// planted is what an attacker would like a page to run: an inline script
// (in <head>, after the policy, and in the body), an event handler, inline
// styles and a <base> that would send relative links elsewhere.
const (
	plantedHead = `<script>window.pwned = (window.pwned || []).concat("head");</script>`
	plantedBody = `<script>window.pwned = (window.pwned || []).concat("body");</script>` +
		`<img id="planted-img" alt="" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" onload="window.pwned = (window.pwned || []).concat('handler')">` +
		`<p id="planted-style" style="color: rgb(255, 0, 0)">planted</p>` +
		`<style>#planted-sheet { color: rgb(255, 0, 0) }</style><p id="planted-sheet">planted</p>` +
		`<base href="http://127.0.0.1:9/">`
)

// TestCSPBlocksPlantedCode plants inline code in a copy of a built page
// and opens it in Chromium, from file:// and from a web server that sends
// no policy of its own: none of it runs, while the site's own stylesheet
// applies. The same page without the policy does run it, so the plant
// works and the policy is what stops it.
func TestCSPBlocksPlantedCode(t *testing.T) {
	out := buildDemo(t)
	src, err := os.ReadFile(filepath.Join(out, "site", "docs", "reg-security.html"))
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile(filepath.Join(out, "site", "assets", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(src)
	if !strings.Contains(page, site.CSPMeta) || !strings.Contains(page, `<main id="main" class="wrap" tabindex="-1">`) {
		t.Fatal("the page is not as this test expects")
	}
	page = strings.Replace(page, site.CSPMeta, site.CSPMeta+plantedHead, 1)
	page = strings.Replace(page, `<main id="main" class="wrap" tabindex="-1">`, `<main id="main" class="wrap" tabindex="-1">`+plantedBody, 1)
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("assets/style.css", string(css))
	write("docs/planted.html", page)
	write("docs/control.html", strings.Replace(page, site.CSPMeta, "", 1))

	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx, cancel := browser(t)
	defer cancel()
	watchCSP(t, ctx)
	for _, base := range []string{"file://" + filepath.ToSlash(dir), srv.URL} {
		do(t, ctx, chromedp.Navigate(base+"/docs/planted.html"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		time.Sleep(200 * time.Millisecond) // let an image's load event fire, were it allowed
		if got := eval[[]string](t, ctx, `window.pwned || []`); len(got) != 0 {
			t.Errorf("%s: planted code ran: %v", base, got)
		}
		for _, id := range []string{"planted-style", "planted-sheet"} {
			if c := eval[string](t, ctx, `getComputedStyle(document.getElementById("`+id+`")).color`); c == "rgb(255, 0, 0)" {
				t.Errorf("%s: the planted style of #%s applies", base, id)
			}
		}
		if b := eval[string](t, ctx, `document.baseURI`); strings.Contains(b, "127.0.0.1:9") {
			t.Errorf("%s: the planted <base> applies: %s", base, b)
		}
		if bg := eval[string](t, ctx, `getComputedStyle(document.querySelector(".masthead")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" {
			t.Errorf("%s: the site's own stylesheet does not apply", base)
		}
		violations := strings.Join(eval[[]string](t, ctx, `window.__csp`), "\n")
		for _, d := range []string{"script-src-elem", "script-src-attr", "style-src-attr", "style-src-elem", "base-uri"} {
			if !strings.Contains(violations, d) {
				t.Errorf("%s: no %s violation reported; got:\n%s", base, d, violations)
			}
		}
		shoot(t, ctx, "csp-planted-"+strings.SplitN(base, ":", 2)[0])

		do(t, ctx, chromedp.Navigate(base+"/docs/control.html"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		time.Sleep(200 * time.Millisecond)
		if got := strings.Join(eval[[]string](t, ctx, `window.pwned || []`), ","); got != "head,body,handler" {
			t.Errorf("%s: without the policy the planted code should run; ran: %q", base, got)
		}
	}
}

// TestCSPSiteWorks opens one page of each kind of the built site from
// file:// and checks that the policy refuses nothing the site itself uses:
// the stylesheet, the search scripts and index (loaded by <script> tags),
// the print button of a form (assets/form.js). Search still finds.
func TestCSPSiteWorks(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	watchCSP(t, ctx)
	root := "file://" + filepath.ToSlash(filepath.Join(out, "site")) + "/"
	for _, p := range []string{
		"index.html", "docs/reg-security.html", "docs/plan-2026.html", "types/regulation/index.html",
		"articles/index.html", "articles/21/index.html", "report/index.html", "faq/index.html",
		"glossary/index.html", "forms/index.html", "forms/work-order/index.html", "forms/operation-log/index.html",
		"downloads/index.html", "search/index.html",
	} {
		do(t, ctx, chromedp.Navigate(root+p), chromedp.WaitVisible(chromedp.CSS("main")))
		if v := eval[[]string](t, ctx, `window.__csp`); len(v) != 0 {
			t.Errorf("%s: the policy refused: %v", p, v)
		}
		if !eval[bool](t, ctx, `!!document.querySelector('meta[http-equiv="Content-Security-Policy"]')`) {
			t.Errorf("%s: no policy", p)
		}
		if strings.HasPrefix(p, "forms/") && p != "forms/index.html" {
			if eval[bool](t, ctx, `document.querySelector(".print-button").hidden`) {
				t.Errorf("%s: the print button is hidden: assets/form.js did not run", p)
			}
			shoot(t, ctx, "csp-"+strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "-"))
		}
	}
	// The search box in every page's header submits to the search page
	// (form-action 'self' must allow it from file:// too).
	do(t, ctx, chromedp.Navigate(root+"docs/reg-security.html"), chromedp.WaitVisible(chromedp.CSS("#site-q")),
		chromedp.SendKeys(chromedp.CSS("#site-q"), "备份"), chromedp.Submit(chromedp.CSS("#site-q")),
		chromedp.WaitVisible(chromedp.CSS("#search-form")))
	if u := eval[string](t, ctx, `location.href`); !strings.Contains(u, "search/index.html?q=") {
		t.Errorf("the header's search box led to %s", u)
	}
	for _, q := range []string{"数据备份", "UPS"} {
		hits := searchPage(t, ctx, out, q)
		if len(hits) == 0 {
			t.Errorf("%q: no results under the policy", q)
		}
		if v := eval[[]string](t, ctx, `window.__csp`); len(v) != 0 {
			t.Errorf("search %q: the policy refused: %v", q, v)
		}
	}
	shoot(t, ctx, "csp-search")
}

var mediaBoxRE = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

// TestFormPrintSize: a printed form keeps its paper and orientation now
// that they come from the stylesheet's named pages instead of an inline
// <style>: A4 portrait for most, A4 landscape for the wide ones.
func TestFormPrintSize(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	yes := true
	for _, c := range []struct {
		form      string
		landscape bool
	}{{"work-order", false}, {"operation-log", true}} {
		u := "file://" + filepath.ToSlash(filepath.Join(out, "site", "forms", c.form, "index.html"))
		do(t, ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(".blank-form")))
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
		if err != nil {
			t.Fatal(err)
		}
		m := mediaBoxRE.FindSubmatch(res.Data)
		if m == nil {
			t.Fatalf("%s: no page size in the printed PDF", c.form)
		}
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if c.landscape {
			w, h = h, w
		}
		// A4 is 595.3 × 841.9 points.
		if w < 590 || w > 600 || h < 836 || h > 848 {
			t.Errorf("%s: printed on %.1f × %.1f points, want A4 %s", c.form, w, h, map[bool]string{true: "landscape", false: "portrait"}[c.landscape])
		}
	}
}
