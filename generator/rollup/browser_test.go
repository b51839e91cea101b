package rollup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"guifan/generator/build"
)

// startBrowser starts headless Chromium at 1366 px wide, or skips (fails
// under CI) when it is not installed.
func startBrowser(t *testing.T) (context.Context, func()) {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("GUIFAN_CI") != "" {
			t.Fatal("Chromium is required under CI")
		}
		t.Skip("Chromium not installed; .ci/run installs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-features", "BackForwardCache"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelC()
		cancelA()
		t.Fatal(err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	return tctx, func() { cancelT(); cancelC(); cancelA() }
}

// shoot saves a screenshot when GUIFAN_SCREENSHOTS names a folder.
func shoot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("GUIFAN_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
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

// exampleSubmissions writes the demo and community hospitals' submissions
// into dir, as guifan build makes them.
func exampleSubmissions(t *testing.T, dir string) {
	t.Helper()
	for name, site := range map[string]string{"demo": filepath.Join("..", ".."), "community": filepath.Join("..", "..", "examples", "community-hospital")} {
		s, _, err := build.LoadDir(site)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := s.Assess(rollupDay)
		data, err := s.Submission(m, rollupDay)
		if err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(dir, name, "submission.json"), data)
	}
}

// The demo and community hospitals plus 200 made-up ones roll up into a
// site that works from file://: the table sorts by score and filters by
// district, and a heat-map cell opens the hospital's article.
func TestBrowserRollup(t *testing.T) {
	dir := t.TempDir()
	exampleSubmissions(t, dir)
	n := synthTo(t, framework(t), filepath.Join(dir, "synth"), 200, 11)
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run([]string{dir}, options(t, framework(t), out))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accepted != n+2 || sum.Skipped != 0 {
		t.Fatalf("accepted %d of %d: %+v", sum.Accepted, n+2, sum.Notices)
	}
	ctx, cancel := startBrowser(t)
	defer cancel()
	var mu sync.Mutex
	var urls []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	site := "file://" + filepath.ToSlash(filepath.Join(out, "site"))
	do(t, ctx, chromedp.Navigate(site+"/index.html"), chromedp.WaitVisible(chromedp.CSS("#hospitals")))
	shoot(t, ctx, "rollup-table")

	// Sort by score: highest first, then lowest first.
	scores := `Array.from(document.querySelectorAll("#hospitals tbody tr")).filter(r => !r.hidden).map(r => parseFloat(r.cells[3].dataset.v))`
	do(t, ctx, chromedp.Click(chromedp.CSS("#sort-score")))
	desc := eval[[]float64](t, ctx, scores)
	if len(desc) != len(sum.Hospitals) || !sort.SliceIsSorted(desc, func(i, j int) bool { return desc[i] > desc[j] }) {
		t.Errorf("after one click on score, %d rows, not highest first: %v", len(desc), head(desc))
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("#sort-score")))
	asc := eval[[]float64](t, ctx, scores)
	if !sort.Float64sAreSorted(asc) {
		t.Errorf("after two clicks on score, not lowest first: %v", head(asc))
	}
	if got := eval[string](t, ctx, `document.querySelector("#sort-score").closest("th").getAttribute("aria-sort")`); got != "ascending" {
		t.Errorf("aria-sort %q", got)
	}

	// Filter by the community hospital's district.
	const district = "北京市朝阳区"
	want := 0
	for _, h := range sum.Hospitals {
		if h.District == district {
			want++
		}
	}
	eval[bool](t, ctx, `(() => { const s = document.getElementById("f-district"); s.value = "`+district+`"; s.dispatchEvent(new Event("change")); return true })()`)
	shown := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#hospitals tbody tr")).filter(r => !r.hidden).map(r => r.dataset.district)`)
	if len(shown) != want || want < 2 {
		t.Errorf("filtered by %s: %d rows shown, want %d", district, len(shown), want)
	}
	for _, d := range shown {
		if d != district {
			t.Errorf("a row of %s shown under the filter %s", d, district)
		}
	}
	count := eval[string](t, ctx, `document.getElementById("f-count").textContent`)
	if !strings.Contains(count, "显示 ") || !strings.Contains(count, " / ") {
		t.Errorf("count says %q", count)
	}
	shoot(t, ctx, "rollup-filtered")

	// From the heat map, the community hospital's article 21.
	const name = "北京市朝阳区示例社区卫生服务中心"
	idx := -1
	for i, h := range sum.Hospitals {
		if h.Name == name {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("%s is not rolled up", name)
	}
	h := sum.Hospitals[idx]
	cell := `a[href="r/` + itoa(h.Latest.Page) + `.html#a21"]`
	do(t, ctx, chromedp.Navigate(site+"/"+heatPath(idx/HeatRows+1)), chromedp.WaitVisible(chromedp.CSS("svg")))
	shoot(t, ctx, "rollup-heatmap")
	do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS(cell)), chromedp.Click(chromedp.CSS(cell)), chromedp.WaitVisible(chromedp.CSS("#a21")))
	loc := eval[string](t, ctx, `location.href`)
	h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`)
	h2 := eval[string](t, ctx, `document.querySelector("#a21 h2").textContent`)
	if !strings.HasSuffix(loc, "#a21") || !strings.Contains(h1, name) || !strings.Contains(h2, "第 21 条") {
		t.Errorf("the heat-map cell led to %s: %q / %q", loc, h1, h2)
	}
	shoot(t, ctx, "rollup-article")
	mu.Lock()
	defer mu.Unlock()
	for _, u := range urls {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request leaves the machine: %s", u)
		}
	}
}

func head(x []float64) []float64 {
	if len(x) > 10 {
		return x[:10]
	}
	return x
}

func itoa(n int) string { return strconv.Itoa(n) }
