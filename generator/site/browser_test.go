package site_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium, or skips (fails under .ci/run) when it
// is not installed.
func browser(t *testing.T) (context.Context, func()) {
	t.Helper()
	return startBrowser(t)
}

// browserB is browser for benchmarks.
func browserB(b *testing.B) (context.Context, func()) {
	b.Helper()
	return startBrowser(b)
}

func startBrowser(t testing.TB) (context.Context, func()) {
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
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// A page restored from the back-forward cache sends no load event,
		// which navigation actions wait for.
		chromedp.Flag("disable-features", "BackForwardCache"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	// Start the browser without a deadline; steps get one below.
	if err := chromedp.Do(ctx); err != nil {
		cancelC()
		cancelA()
		t.Fatal(err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	return tctx, func() { cancelT(); cancelC(); cancelA() }
}

// watchRequests records every URL the page asks for.
func watchRequests(t *testing.T, ctx context.Context) func() []string {
	var mu sync.Mutex
	var urls []string
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, e.Request.URL)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), urls...)
	}
}

// shoot saves a screenshot when GUIFAN_SCREENSHOTS names a folder.
func shoot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("GUIFAN_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// clickThrough follows home → article 21 → an evidence document → back.
func clickThrough(t *testing.T, ctx context.Context, start, prefix string) {
	t.Helper()
	requests := watchRequests(t, ctx)
	do(t, ctx, chromedp.Navigate(start), chromedp.WaitVisible(chromedp.CSS("main h1")))
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, prefix+"home")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`nav.mainnav a[href="articles/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="../articles/21/index.html"]`)),
	)
	shoot(t, ctx, prefix+"articles")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`a[href="../articles/21/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(".requirement")),
	)
	heading := text(t, ctx, "main h1")
	shoot(t, ctx, prefix+"article-21")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(".evidence a")),
		chromedp.WaitVisible(chromedp.CSS(".control")),
	)
	docTitle := text(t, ctx, "main h1")
	shoot(t, ctx, prefix+"evidence-document")
	do(t, ctx, chromedp.NavigateBack(), chromedp.WaitVisible(chromedp.CSS(".requirement")))
	back := text(t, ctx, "main h1")
	if !strings.Contains(title, "北京示范医院") {
		t.Errorf("home title %q", title)
	}
	if !strings.Contains(heading, "21") {
		t.Errorf("article page heading %q", heading)
	}
	if docTitle == "" || docTitle == heading {
		t.Errorf("evidence page heading %q", docTitle)
	}
	if back != heading {
		t.Errorf("back gave %q, want %q", back, heading)
	}
	seen := requests()
	if len(seen) < 4 {
		t.Errorf("only %d requests recorded: %v", len(seen), seen)
	}
	for _, u := range seen {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "http://127.0.0.1") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request leaves the machine: %s", u)
		}
	}
}

func TestBrowserFromFile(t *testing.T) {
	out := buildDemo(t)
	ctx, cancel := browser(t)
	defer cancel()
	clickThrough(t, ctx, "file://"+filepath.ToSlash(filepath.Join(out, "site", "index.html")), "file-")
}

func TestBrowserFromServer(t *testing.T) {
	out := buildDemo(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(filepath.Join(out, "site")))}
	go srv.Serve(ln)
	defer srv.Close()
	ctx, cancel := browser(t)
	defer cancel()
	clickThrough(t, ctx, "http://"+ln.Addr().String()+"/index.html", "http-")
}
