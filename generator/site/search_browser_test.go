package site_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/model"
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

// searchShown is the search page's status line and the entries of its
// two lists (exact, near) as the page shows them.
type searchShown struct {
	Status    string   `json:"status"`
	Exact     []string `json:"exact"`
	Near      []string `json:"near"`
	NearShown bool     `json:"nearShown"`
	Filters   []int    `json:"filters"`
	Snippets  []string `json:"snippets"`
}

func searchLists(t *testing.T, ctx context.Context, out, q string) searchShown {
	t.Helper()
	searchPage(t, ctx, out, q)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[searchShown](`(() => {
		const hrefs = sel => Array.from(document.querySelectorAll(sel + " li > a")).map(a => a.getAttribute("href").replace(/^\.\.\//, ""));
		return {
			status: document.getElementById("search-status").textContent,
			exact: hrefs("#search-results"), near: hrefs("#search-near"),
			nearShown: !document.getElementById("search-near").hidden && !document.getElementById("search-near-h").hidden,
			snippets: Array.from(document.querySelectorAll("#search-results li, #search-near li")).map(li => li.innerHTML),
			filters: Array.from(document.querySelectorAll("#search-filters label")).map(l => +l.textContent.match(/\((\d+)\)/)[1]),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestSearchNoExactMatch: a query no entry really matches (xyz不存在: xyz
// is nowhere) says so, lists nothing as found and shows the near matches
// under their own heading; a query that matches counts what it shows.
func TestSearchNoExactMatch(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	got := searchLists(t, ctx, out, "xyz不存在")
	if !strings.Contains(got.Status, "没有与“xyz不存在”完全相符的结果") {
		t.Errorf("xyz不存在: status %q does not say there is no exact match", got.Status)
	}
	if len(got.Exact) != 0 {
		t.Errorf("xyz不存在: %d results listed as found: %v", len(got.Exact), got.Exact)
	}
	if len(got.Near) == 0 || !got.NearShown {
		t.Errorf("xyz不存在: near matches not shown apart (%d, shown %v)", len(got.Near), got.NearShown)
	}
	// A query with matches: the count line agrees with the list.
	got = searchLists(t, ctx, out, "数据备份")
	m := regexp.MustCompile(`找到 (\d+) 条结果(?:，显示前 (\d+) 条)?`).FindStringSubmatch(got.Status)
	if m == nil {
		t.Fatalf("数据备份: status %q", got.Status)
	}
	total, _ := strconv.Atoi(m[1])
	shown := total
	if m[2] != "" {
		shown, _ = strconv.Atoi(m[2])
	}
	if shown != len(got.Exact) || total < shown {
		t.Errorf("数据备份: status %q but %d results listed", got.Status, len(got.Exact))
	}
	// With exact and near matches: the status counts both lists, and the
	// filters' counts add up to what is listed.
	got = searchLists(t, ctx, out, "忘了密码")
	m = regexp.MustCompile(`找到 (\d+) 条结果(?:，显示前 (\d+) 条)?(?:；另列 (\d+) 条相近的结果)?`).FindStringSubmatch(got.Status)
	if m == nil {
		t.Fatalf("忘了密码: status %q", got.Status)
	}
	exact, _ := strconv.Atoi(m[1])
	if m[2] != "" {
		exact, _ = strconv.Atoi(m[2])
	}
	near, _ := strconv.Atoi(m[3])
	if exact != len(got.Exact) || near != len(got.Near) {
		t.Errorf("忘了密码: status %q but %d found and %d near listed", got.Status, len(got.Exact), len(got.Near))
	}
	sum := 0
	for _, n := range got.Filters {
		sum += n
	}
	if sum != len(got.Exact)+len(got.Near) {
		t.Errorf("忘了密码: the filters count %v, %d listed", got.Filters, len(got.Exact)+len(got.Near))
	}
}

// TestSearchSnippetsAtMatch: the snippets of the first results show the
// words found, highlighted, even when they are far into a long document.
func TestSearchSnippetsAtMatch(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	for _, q := range []string{"离线磁带", "表空间扩容", "机房温度", "锁定15分钟"} {
		got := searchLists(t, ctx, out, q)
		if len(got.Snippets) == 0 {
			t.Errorf("%q: no results", q)
			continue
		}
		for i, html := range got.Snippets[:min(5, len(got.Snippets))] {
			_, snip, _ := strings.Cut(html, `<p class="snippet">`)
			if !strings.Contains(snip, "<mark>") {
				t.Errorf("%q: result %d's snippet has no highlighted word: %s", q, i+1, snip)
			}
		}
	}
}

// TestSearchSameOrderAsGo: the page ranks as search.Index.Query does, the
// second stage (titles, types, one document's repeats) included.
func TestSearchSameOrderAsGo(t *testing.T) {
	out := buildDemo(t)
	site, _, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	m, _ := site.Assess(asOf)
	cat, err := i18n.Load(site.ThemeFS, site.Project.Hospital.Lang())
	if err != nil {
		t.Fatal(err)
	}
	idx := site.SearchIndex(m, cat)
	ctx, cancel := browser(t)
	defer cancel()
	for _, q := range []string{"断网", "五年规划", "扫码枪没反应", "忘了密码", "xyz不存在", "HIS 很慢", "UPS", "数据备份", "打印空白工作单"} {
		got := searchLists(t, ctx, out, q)
		page := append(got.Exact, got.Near...)
		var want []string
		for _, r := range idx.Query(q) {
			if len(want) == len(page) {
				break
			}
			want = append(want, idx.Entries[r.Entry].URL)
		}
		if !slices.Equal(page, want) {
			t.Errorf("%q: the page ranks\n%v\nGo ranks\n%v", q, page, want)
		}
	}
}
