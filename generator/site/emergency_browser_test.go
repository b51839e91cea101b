package site_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

// draftDemo builds the site pages of a copy of the demo in which the
// ransomware plan is a draft; it returns the site folder.
func draftDemo(t *testing.T) string {
	t.Helper()
	root := filepath.Join("..", "..")
	src := t.TempDir()
	for _, name := range []string{"hospital.toml", "content", "schemas", "themes", "audit"} {
		if err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join(root, name))); err != nil && !os.IsNotExist(err) {
			// hospital.toml is a file: copy it as one.
			data, rerr := os.ReadFile(filepath.Join(root, name))
			if rerr != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	plan := filepath.Join(src, "content", "emergency", "ep-ransomware.md")
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), `status = "in_force"`, `status = "draft"`, 1)
	if text == string(data) {
		t.Fatal(`ep-ransomware.md has no status = "in_force"`)
	}
	if err := os.WriteFile(plan, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, diags, err := build.Load(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	diags.Append(s.Check(asOf))
	if diags.Errors() > 0 {
		t.Fatalf("content has errors: %+v", diags)
	}
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, s.Project.Hospital.Lang())
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := s.Outputs(m, asOf, cat, []string{"site"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := build.Publish(out, src, files); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(out, "site")
}

// planLayout is what the browser finds on a plan's page.
type planLayout struct {
	First     string  // class of the first element after the title (and banner)
	Banner    string  // the banner's text, if any
	CardTop   float64 // where the card starts, in pixels from the top
	CardH     float64
	Emergency string // the header's 应急 link
}

const planLayoutJS = `(() => {
  const art = document.querySelector("main article");
  let el = art.querySelector("h1").nextElementSibling;
  const banner = art.querySelector(":scope > .banner");
  if (el && el.classList.contains("banner")) el = el.nextElementSibling;
  const card = art.querySelector(".action-card");
  const r = card ? card.getBoundingClientRect() : {top: -1, height: 0};
  const em = document.querySelector("header .emergency-link");
  return JSON.stringify({First: el ? el.className : "", Banner: banner ? banner.textContent.trim() : "",
    CardTop: r.top, CardH: r.height, Emergency: em ? em.textContent.trim() : ""});
})()`

func layoutOf(t *testing.T, raw string) planLayout {
	t.Helper()
	var l planLayout
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// Every plan's page starts with its action card, which starts on the
// first screen on a wide screen and on a 390 px phone; the header offers
// 应急; a draft plan carries its banner on its page, in its type's list
// and on the home page, and a plan in force carries none.
func TestEmergencyPlansInBrowser(t *testing.T) {
	site := draftDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	plans, err := filepath.Glob(filepath.Join(site, "docs", "ep-*.html"))
	if err != nil || len(plans) < 4 {
		t.Fatalf("plan pages: %v %v", plans, err)
	}
	for _, width := range []int64{1366, 390} {
		do(t, ctx, chromedp.EmulateViewport(width, 800))
		for _, p := range plans {
			id := strings.TrimSuffix(filepath.Base(p), ".html")
			do(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(p)), chromedp.WaitVisible(chromedp.CSS("main h1")))
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](planLayoutJS))
			if err != nil {
				t.Fatal(err)
			}
			l := layoutOf(t, raw)
			if l.First != "action-card" {
				t.Errorf("%d px, %s: first content after the title is %q, want the action card", width, id, l.First)
			}
			if l.CardTop < 0 || l.CardTop > 700 {
				t.Errorf("%d px, %s: the action card starts at %.0f px, not on the first screen", width, id, l.CardTop)
			}
			if l.Emergency != "应急" {
				t.Errorf("%d px, %s: header's emergency link %q", width, id, l.Emergency)
			}
			draft := id == "ep-ransomware"
			if draft != strings.Contains(l.Banner, "草稿") {
				t.Errorf("%d px, %s: banner %q (draft %v)", width, id, l.Banner, draft)
			}
			shoot(t, ctx, "plan-"+id+"-"+map[int64]string{1366: "wide", 390: "phone"}[width])
		}
	}
	// The home page's emergency block and the plans' list mark the draft.
	for _, page := range []string{"index.html", "types/emergency-plan/index.html"} {
		do(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(site, page))), chromedp.WaitVisible(chromedp.CSS("main h1")))
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(Array.from(document.querySelectorAll("main a[href*='docs/ep-']")).map(a => {
			const row = a.closest("li, tr");
			const mark = row && row.querySelector(".banner-mark");
			return [a.getAttribute("href"), mark ? (mark.getAttribute("title") || mark.textContent) : ""];
		}))`))
		if err != nil {
			t.Fatal(err)
		}
		var rows [][2]string
		if err := json.Unmarshal([]byte(raw), &rows); err != nil {
			t.Fatal(err)
		}
		if len(rows) < 4 {
			t.Errorf("%s lists %d plans: %v", page, len(rows), rows)
		}
		for _, r := range rows {
			draft := strings.Contains(r[0], "ep-ransomware")
			if draft != strings.Contains(r[1], "草稿") {
				t.Errorf("%s: %s marked %q", page, r[0], r[1])
			}
		}
	}
}

// The contents list nests a heading under the one it belongs to: a link's
// depth in the list is its heading's level less one, and a heading that
// carries its own number (一、, （一）) is not numbered again by the list.
func TestContentsNumbering(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	do(t, ctx, chromedp.EmulateViewport(1366, 900))
	pages := []string{"docs/ep-network-outage.html", "docs/reg-emergency.html", "docs/org-structure.html", "docs/service-desk.html"}
	for _, page := range pages {
		p := filepath.Join(out, "site", filepath.FromSlash(page))
		if _, err := os.Stat(p); err != nil {
			continue
		}
		do(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(p)), chromedp.WaitVisible(chromedp.CSS("main h1")))
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		  const nav = document.querySelector("nav.toc-side");
		  if (!nav || getComputedStyle(nav).display === "none") return "null";
		  return JSON.stringify(Array.from(nav.querySelectorAll("a")).map(a => {
		    let depth = 0;
		    for (let e = a.parentElement; e && e !== nav; e = e.parentElement) if (e.tagName === "OL") depth++;
		    const h = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
		    return {Text: a.textContent, Depth: depth, Level: h ? +h.tagName.slice(1) : 0,
		      Marker: getComputedStyle(a.parentElement).listStyleType};
		  }));
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		var items []struct {
			Text         string
			Depth, Level int
			Marker       string
		}
		if err := json.Unmarshal([]byte(raw), &items); err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			t.Errorf("%s: no side contents at 1366 px", page)
			continue
		}
		nested := false
		for _, it := range items {
			if it.Level == 0 || it.Depth != it.Level-1 {
				t.Errorf("%s: %q is %d deep in the contents, its heading is h%d", page, it.Text, it.Depth, it.Level)
			}
			nested = nested || it.Depth > 1
			if ownNumbered(it.Text) && it.Marker != "none" {
				t.Errorf("%s: %q carries its number and the list numbers it again (%s)", page, it.Text, it.Marker)
			}
			if !ownNumbered(it.Text) && it.Marker == "none" {
				t.Errorf("%s: %q has no number at all", page, it.Text)
			}
		}
		if page == pages[0] && !nested {
			t.Errorf("%s: no nested contents for its ### headings", page)
		}
	}
}

// ownNumbered reports whether a heading starts with a number of its own.
func ownNumbered(s string) bool {
	for _, p := range []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "（", "(", "第"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return len(s) > 0 && s[0] >= '0' && s[0] <= '9'
}
