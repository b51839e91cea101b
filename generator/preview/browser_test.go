package preview

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLiveScriptInBrowser runs live.js in headless Chromium: an open page
// reloads when a reload event names its file, and only then; a problem
// shows the overlay over the page, and a fix that changes no file of
// this page takes it away without reloading.
func TestLiveScriptInBrowser(t *testing.T) {
	t.Parallel()
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
		t.Skip("Chromium not installed")
	}
	cat := catalog(t)
	s := New(cat.T, "default-src 'self'; script-src 'self'; style-src 'self'")
	html := func(text string) []byte {
		return []byte("<!doctype html><html><head><title>t</title></head><body><p id=\"text\">" + text + "</p></body></html>")
	}
	s.Publish(map[string][]byte{"docs/a/index.html": html("a1"), "docs/b/index.html": html("b1")})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-features", "BackForwardCache"), chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	eval := func(js string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// The page is ready when live.js has opened its event stream (the one
	// page's; a reloaded page's old stream is closed first): a mark on
	// window tells whether the page has reloaded since.
	ready := func() {
		t.Helper()
		var open bool
		for deadline := time.Now().Add(30 * time.Second); !open; time.Sleep(50 * time.Millisecond) {
			s.mu.Lock()
			open = len(s.subs) > 0
			s.mu.Unlock()
			if time.Now().After(deadline) {
				t.Fatal("live.js did not open the event stream")
			}
		}
		time.Sleep(200 * time.Millisecond) // the hello event read
		eval(`(window.guifanMark = 1) === 1`)
	}
	marked := func() bool { return eval(`window.guifanMark === 1`) }
	overlay := func() bool { return eval(`!!document.getElementById("guifan-overlay")`) }
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: timed out", what)
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/docs/a/")); err != nil {
		t.Fatal(err)
	}
	ready()

	// Another page's file changed: this one stays.
	s.Patch(map[string][]byte{"docs/b/index.html": html("b2")}, false)
	time.Sleep(700 * time.Millisecond)
	if !marked() {
		t.Error("the page reloaded when another page's file changed")
	}
	// Its own file changed: it reloads and shows the new text.
	s.Patch(map[string][]byte{"docs/a/index.html": html("a2")}, false)
	waitFor("reload of the changed page", func() bool {
		return !marked() && eval(`(document.getElementById("text") || {}).textContent === "a2"`)
	})
	ready()

	// Problems: the overlay over the last good page; the fix of a file
	// that is not this page's takes it away without a reload.
	s.Fail(Problems{Title: "broken", Problems: []Problem{{Place: "content/b.md:2:1", Severity: "错误", Error: true, Message: "m", Line: "x"}}})
	waitFor("the overlay", overlay)
	s.Update(map[string][]byte{"docs/a/index.html": html("a2"), "docs/b/index.html": html("b3")})
	waitFor("the overlay gone", func() bool { return !overlay() })
	if !marked() {
		t.Error("the page reloaded when a fix changed another page only")
	}
}
