package preview

import (
	"bufio"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/themes"
)

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	theme, _ := fs.Sub(themes.FS, "default")
	cat, err := i18n.Load(theme, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestHandler: the preview serves the build's files and nothing else: no
// folder listings, no redirect of /x/index.html, no way out by "..", GET
// and HEAD only, the site's CSP and nosniff on every file, the live
// script in HTML pages only, and a new build is served from the next
// request. (Moved from the CLI's TestServeHandler, which served a folder.)
func TestHandler(t *testing.T) {
	t.Parallel()
	cat := catalog(t)
	s := New(cat.T, "default-src 'self'")
	s.Publish(map[string][]byte{
		"index.html":        []byte("<html><body>home</body></html>"),
		"docs/a/index.html": []byte("page a"),
		"assets/search.js":  []byte("var x;"),
		"empty/note.txt":    []byte("note"),
	})
	get := func(method, target string) (int, string, http.Header) {
		t.Helper()
		req := httptest.NewRequest(method, "http://127.0.0.1/", nil)
		req.URL.Path = target // as sent, not cleaned by a client
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Result().Body)
		return rec.Code, string(body), rec.Header()
	}
	notFound := cat.T("cmd.serve.not-found")
	home := "<html><body>home" + scriptTag + "\n</body></html>"
	for _, c := range []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/", 200, home},
		{"GET", "/index.html", 200, home},
		{"HEAD", "/index.html", 200, ""},
		{"GET", "/docs/a/index.html", 200, "page a" + scriptTag},
		{"GET", "/docs/a/", 200, "page a" + scriptTag},
		{"GET", "/assets/search.js", 200, "var x;"},
		{"GET", "/docs/", 404, notFound},
		{"GET", "/docs", 404, notFound},
		{"GET", "/empty/", 404, notFound},
		{"GET", "/assets/", 404, notFound},
		{"GET", "/nothing.html", 404, notFound},
		{"GET", "/../restricted/secret.txt", 404, notFound},
		{"GET", "/..%2frestricted/secret.txt", 404, notFound},
		{"GET", "/../../etc/passwd", 404, notFound},
		{"POST", "/index.html", 405, cat.T("cmd.serve.method")},
		{"PUT", ScriptURL, 405, cat.T("cmd.serve.method")},
	} {
		code, body, hdr := get(c.method, c.path)
		if code != c.code || strings.TrimSpace(body) != c.body {
			t.Errorf("%s %s: %d %q, want %d %q", c.method, c.path, code, body, c.code, c.body)
		}
		if code == 200 && (hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Content-Security-Policy") != "default-src 'self'" || hdr.Get("Cache-Control") != "no-cache") {
			t.Errorf("%s %s: headers %v", c.method, c.path, hdr)
		}
		if code == 405 && hdr.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q", c.method, c.path, hdr.Get("Allow"))
		}
	}
	if code, _, hdr := get("GET", "/docs/a"); code != http.StatusMovedPermanently || hdr.Get("Location") != "/docs/a/" {
		t.Errorf("/docs/a: %d to %q, want 301 to /docs/a/", code, hdr.Get("Location"))
	}
	if _, _, hdr := get("GET", "/assets/search.js"); !strings.HasPrefix(hdr.Get("Content-Type"), "text/javascript") {
		t.Errorf("search.js served as %q", hdr.Get("Content-Type"))
	}
	if code, body, hdr := get("GET", ScriptURL); code != 200 || !strings.Contains(body, "EventSource") || !strings.HasPrefix(hdr.Get("Content-Type"), "text/javascript") {
		t.Errorf("live.js: %d %q", code, hdr.Get("Content-Type"))
	}
	if code, body, hdr := get("GET", StyleURL); code != 200 || !strings.Contains(body, ".guifan-overlay") || !strings.HasPrefix(hdr.Get("Content-Type"), "text/css") {
		t.Errorf("live.css: %d %q", code, hdr.Get("Content-Type"))
	}

	// A new build replaces the files as a whole.
	s.Publish(map[string][]byte{"index.html": []byte("rebuilt")})
	if _, body, _ := get("GET", "/index.html"); body != "rebuilt"+scriptTag+"\n" {
		t.Errorf("after a rebuild: %q", body)
	}
	if code, _, _ := get("GET", "/docs/a/"); code != 404 {
		t.Errorf("a page the new build has not: %d", code)
	}
}

// TestInject: the script goes before the last </body>, or at the end.
func TestInject(t *testing.T) {
	t.Parallel()
	for page, want := range map[string]string{
		"<p>a</body></html>":        "<p>a" + scriptTag + "\n</body></html>",
		"<p></body>x</body>":        "<p></body>x" + scriptTag + "\n</body>",
		"no body":                   "no body" + scriptTag + "\n",
		"<script>x</script></body>": "<script>x</script>" + scriptTag + "\n</body>",
	} {
		if got := string(Inject([]byte(page))); got != want {
			t.Errorf("Inject(%q) = %q, want %q", page, got, want)
		}
	}
}

// TestDeferredMadeOnce: a deferred output is made on the first request
// for one of its files, once per build, and again after a new build.
func TestDeferredMadeOnce(t *testing.T) {
	t.Parallel()
	s := New(catalog(t).T, "")
	var calls atomic.Int32
	s.Deferred = map[string]string{"pdf/": "pdf"}
	s.Make = func(kind string) (map[string][]byte, error) {
		n := calls.Add(1)
		return map[string][]byte{"pdf/a.pdf": []byte(kind + string(rune('0'+n)))}, nil
	}
	s.Publish(map[string][]byte{"index.html": []byte("home")})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close) // after the streams' bodies are closed
	get := func(p string) (int, string) {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for range 3 {
		if code, body := get("/pdf/a.pdf"); code != 200 || body != "pdf1" {
			t.Errorf("/pdf/a.pdf: %d %q", code, body)
		}
	}
	if code, _ := get("/pdf/none.pdf"); code != 404 {
		t.Errorf("/pdf/none.pdf: %d", code)
	}
	if calls.Load() != 1 {
		t.Errorf("made %d times", calls.Load())
	}
	s.Publish(map[string][]byte{"index.html": []byte("home")})
	if code, body := get("/pdf/a.pdf"); code != 200 || body != "pdf2" {
		t.Errorf("after a new build: %d %q", code, body)
	}
}

// Event is one server-sent event read by a test.
type Event struct{ Name, Data string }

// Subscribe reads the event stream of a preview at base into a channel.
func subscribe(t *testing.T, base string) <-chan Event {
	t.Helper()
	resp, err := http.Get(base + EventsURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events served as %q", ct)
	}
	c := make(chan Event, 64)
	go func() {
		defer close(c)
		sc := bufio.NewScanner(resp.Body)
		var ev Event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.Name != "":
				c <- ev
				ev = Event{}
			}
		}
	}()
	return c
}

// TestEvents: a page hears hello with the build it sees, problems when a
// change breaks the content (also on connecting while it is broken), and
// reload after the next good build.
func TestEvents(t *testing.T) {
	t.Parallel()
	cat := catalog(t)
	s := New(cat.T, "")
	s.Publish(map[string][]byte{"index.html": []byte("home")})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close) // after the streams' bodies are closed
	events := subscribe(t, srv.URL)
	if ev := <-events; ev.Name != "hello" || ev.Data != `{"gen":1}` {
		t.Fatalf("first event %+v", ev)
	}
	src := diag.NewSource("content/a.md", []byte("+++\nid = \"A b\"\n+++\n"))
	var l diag.List
	l.Add(diag.Pos{File: "content/a.md", Line: 2, Col: 6}, "id.duplicate", "A b", "content/b.md")
	p := diag.Printer{
		Message:  func(d diag.Diagnostic) string { return cat.T(d.Code, d.Args...) },
		Severity: func(sv diag.Severity) string { return cat.T("severity." + sv.String()) },
		Source: func(f string) *diag.Source {
			if f == src.Name {
				return src
			}
			return nil
		},
	}
	s.Fail(Problems{Title: "broken", Problems: FromDiags(p, l)})
	ev := <-events
	var got Problems
	if err := json.Unmarshal([]byte(ev.Data), &got); ev.Name != "problems" || err != nil {
		t.Fatalf("after a broken change: %+v %v", ev, err)
	}
	want := Problem{Place: "content/a.md:2:6", Severity: cat.T("severity.error"), Error: true, Message: cat.T("id.duplicate", "A b", "content/b.md"), Line: `id = "A b"`}
	if got.Title != "broken" || len(got.Problems) != 1 || got.Problems[0] != want {
		t.Errorf("problems %+v, want %+v", got, want)
	}
	late := subscribe(t, srv.URL)
	if ev := <-late; ev.Name != "hello" {
		t.Errorf("late page: %+v", ev)
	}
	if ev := <-late; ev.Name != "problems" {
		t.Errorf("a page opened while broken: %+v", ev)
	}
	if _, body := getBody(t, srv.URL+"/index.html"); !strings.HasPrefix(body, "home") {
		t.Errorf("the last good page is not served: %q", body)
	}
	s.Publish(map[string][]byte{"index.html": []byte("fixed")})
	for _, c := range []<-chan Event{events, late} {
		if ev := <-c; ev.Name != "reload" || ev.Data != `{"gen":2}` {
			t.Errorf("after a fix: %+v", ev)
		}
	}
	fresh := subscribe(t, srv.URL)
	<-fresh
	s.Publish(map[string][]byte{"index.html": []byte("again")})
	if ev := <-fresh; ev.Name != "reload" {
		t.Errorf("a page opened after the fix hears %+v, want reload (no problems left)", ev)
	}
}

func getBody(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestWindow: a long source line is shown around its column.
func TestWindow(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("一", 150) + "X" + strings.Repeat("二", 150)
	w := window(long, 151)
	if !strings.Contains(w, "X") || !strings.HasPrefix(w, "…") || !strings.HasSuffix(w, "…") || len([]rune(w)) != maxLine+2 {
		t.Errorf("window: %q", w)
	}
	if window("short\n", 3) != "short" {
		t.Error("a short line is shown whole")
	}
}

// TestReloadNamesPaths: a saved page served first (Patch) and the rest of
// the build after it (Update) send reload events that name the files
// whose bytes changed, so a page reloads only when its own file did;
// an update that changes nothing sends nothing; a fix clears the
// problems even when no file changed.
func TestReloadNamesPaths(t *testing.T) {
	t.Parallel()
	cat := catalog(t)
	s := New(cat.T, "")
	s.Publish(map[string][]byte{"index.html": []byte("home"), "docs/a/index.html": []byte("a1"), "docs/b/index.html": []byte("b1")})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	events := subscribe(t, srv.URL)
	if ev := <-events; ev.Name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	next := func(want Event) {
		t.Helper()
		select {
		case ev := <-events:
			if ev != want {
				t.Errorf("event %+v, want %+v", ev, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no event, want %+v", want)
		}
	}
	s.Patch(map[string][]byte{"docs/a/index.html": []byte("a2")}, false)
	next(Event{"reload", `{"gen":2,"paths":["docs/a/index.html"]}`})
	if _, body := getBody(t, srv.URL+"/docs/a/index.html"); !strings.HasPrefix(body, "a2") {
		t.Errorf("the patched page: %q", body)
	}
	// The rest of the build: a's page as patched, b's changed, c new, the
	// home page gone.
	s.Update(map[string][]byte{"docs/a/index.html": []byte("a2"), "docs/b/index.html": []byte("b2"), "docs/c/index.html": []byte("c")})
	next(Event{"reload", `{"gen":3,"paths":["docs/b/index.html","docs/c/index.html","index.html"]}`})
	if code, _ := getBody(t, srv.URL+"/index.html"); code != 404 {
		t.Errorf("a file the update left out is served: %d", code)
	}
	// Nothing changed: no event; the next one is the problems'.
	s.Update(map[string][]byte{"docs/a/index.html": []byte("a2"), "docs/b/index.html": []byte("b2"), "docs/c/index.html": []byte("c")})
	s.Patch(map[string][]byte{"docs/a/index.html": []byte("a2")}, false)
	s.Fail(Problems{Title: "broken"})
	s.Fail(Problems{Title: "broken"}) // the same problems again: not sent
	next(Event{"problems", `{"title":"broken","problems":null}`})
	// A quick look that settles the site clears them with no file changed.
	s.Patch(map[string][]byte{"docs/a/index.html": []byte("a2")}, true)
	next(Event{"reload", `{"gen":4,"paths":[]}`})
	s.Fail(Problems{Title: "broken again"})
	next(Event{"problems", `{"title":"broken again","problems":null}`})
	s.Update(map[string][]byte{"docs/a/index.html": []byte("a2"), "docs/b/index.html": []byte("b2"), "docs/c/index.html": []byte("c")})
	next(Event{"reload", `{"gen":5,"paths":[]}`})
	late := subscribe(t, srv.URL)
	if ev := <-late; ev.Name != "hello" || ev.Data != `{"gen":5}` {
		t.Errorf("a page opened after the fix: %+v", ev)
	}
	select {
	case ev := <-late:
		t.Errorf("a page opened after the fix hears %+v", ev)
	case <-time.After(100 * time.Millisecond):
	}
}
