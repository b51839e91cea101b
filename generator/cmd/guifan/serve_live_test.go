package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer the preview writes to while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copyTree copies the files of src into dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sseEvent is one server-sent event.
type sseEvent struct{ name, data string }

// livePreview is a running preview of a site, for a test.
type livePreview struct {
	base   string
	out    *syncBuffer
	events chan sseEvent
}

// startPreview runs guifan serve on dir (on 127.0.0.1, a free port) until
// the test ends, and subscribes to its event stream.
func startPreview(t testing.TB, dir string, extra ...string) *livePreview {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errs := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	e := &env{cat: zhCatalog(t), stdout: out, stderr: errs}
	args := append([]string{"--addr", "127.0.0.1:0", "--as-of", "2026-11-25"}, extra...)
	go func() { done <- serve(ctx, e, append(args, dir)) }()
	var base string
	prefix := strings.SplitN(e.cat.T("cmd.serve.url", "\x00"), "\x00", 2)[0]
	for deadline := time.Now().Add(3 * time.Minute); base == ""; time.Sleep(20 * time.Millisecond) {
		if _, rest, ok := strings.Cut(out.String(), prefix); ok {
			base, _, _ = strings.Cut(rest, "/index.html")
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d before serving:\n%s\n%s", code, out, errs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s\n%s", out, errs)
		}
	}
	resp, err := http.Get(base + "/__guifan/events")
	if err != nil {
		t.Fatal(err)
	}
	p := &livePreview{base: base, out: out, events: make(chan sseEvent, 64)}
	go func() {
		defer close(p.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev sseEvent
		for sc.Scan() {
			switch line := sc.Text(); {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				p.events <- ev
				ev = sseEvent{}
			}
		}
	}()
	t.Cleanup(func() {
		resp.Body.Close()
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve ended with %d:\n%s\n%s", code, out, errs)
		}
	})
	if ev := <-p.events; ev.name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	return p
}

// get returns the status and body of a path of the preview.
func (p *livePreview) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(p.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// next returns the next event, failing the test when none comes (the
// preview is stuck; this is not a measure of speed).
func (p *livePreview) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-p.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(2 * time.Minute):
		t.Fatalf("no event; the preview printed:\n%s", p.out)
	}
	return sseEvent{}
}

// TestServeLive is the preview's acceptance test: on a copy of the
// community hospital, each change (an edit, a new document, a renamed one,
// a deleted one) sends open pages a reload event and is served; a change
// that breaks the content sends the problems (place, message, source line)
// while the last good page stays served, and its fix sends a reload and
// clears them. Heavy outputs are made when first asked for.
func TestServeLive(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site")
	copyTree(t, filepath.Join("..", "..", "..", "examples", "community-hospital"), dir)
	faq := filepath.Join(dir, "content", "faq", "faq-common.md")
	orig, err := os.ReadFile(faq)
	if err != nil {
		t.Fatal(err)
	}
	p := startPreview(t, dir)
	cat := zhCatalog(t)
	const page = "/docs/faq-common.html"
	if code, body := p.get(t, page); code != 200 || !strings.Contains(body, `<script src="/__guifan/live.js" defer></script>`) {
		t.Fatalf("%s: %d, live script served: %v", page, code, strings.Contains(body, "/__guifan/live.js"))
	}
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// reloaded waits for the reload that makes ok true: a change the
	// watcher sees in two batches reloads twice.
	var reloads []string // the reload events' data, in order
	reloaded := func(what string, ok func() bool) {
		t.Helper()
		for {
			ev := p.next(t)
			if ev.name == "problems" {
				t.Fatalf("%s: problems %s", what, ev.data)
			}
			if ev.name == "reload" {
				reloads = append(reloads, ev.data)
			}
			if ev.name == "reload" && ok() {
				return
			}
		}
	}
	served := func(path, text string) func() bool {
		return func() bool {
			code, body := p.get(t, path)
			return code == 200 && strings.Contains(body, text)
		}
	}
	gone := func(path string) func() bool {
		return func() bool { code, _ := p.get(t, path); return code == 404 }
	}

	// An edit.
	edited := strings.Replace(string(orig), "# 信息系统常见问题解答\n", "# 信息系统常见问题解答\n\n预览测试改动甲。\n", 1)
	if edited == string(orig) {
		t.Fatal("the FAQ's title line moved; update the test")
	}
	write(faq, edited)
	reloaded("edit", served(page, "预览测试改动甲"))
	// The reload names the files that changed, so that open pages whose
	// own file did not change stay as they are.
	if last := reloads[len(reloads)-1]; !strings.Contains(last, `"paths":[`) || !strings.Contains(last, `"docs/faq-common.html"`) {
		t.Errorf("the reload after an edit does not name the page: %s", last)
	}

	// A new document.
	newDoc := func(id, title string) string {
		fm := string(orig)
		fm = strings.Replace(fm, `id = "faq-common"`, `id = "`+id+`"`, 1)
		fm = strings.Replace(fm, `number = "CYSQ-XXK-FAQ-2025-001"`, `number = "CYSQ-XXK-FAQ-2025-0`+map[string]string{"faq-preview": "91", "faq-renamed": "92"}[id]+`"`, 1)
		fm = strings.Replace(fm, "信息系统常见问题解答", title, -1)
		return fm
	}
	added := filepath.Join(dir, "content", "faq", "faq-preview.md")
	write(added, newDoc("faq-preview", "预览新增问答"))
	reloaded("add", served("/docs/faq-preview.html", "预览新增问答"))

	// A renamed document: a new id, the old page gone.
	renamed := filepath.Join(dir, "content", "faq", "faq-renamed.md")
	write(renamed, newDoc("faq-renamed", "预览改名问答"))
	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	both := func() bool {
		return served("/docs/faq-renamed.html", "预览改名问答")() && gone("/docs/faq-preview.html")()
	}
	reloaded("rename", both)

	// A deleted document.
	if err := os.Remove(renamed); err != nil {
		t.Fatal(err)
	}
	reloaded("delete", gone("/docs/faq-renamed.html"))

	// A broken edit: the problems come, the last good page stays.
	broken := strings.Replace(edited, `status = "in_force"`, `status = "in_farce"`, 1)
	write(faq, broken)
	var problems struct {
		Title    string
		Problems []struct {
			Place, Severity, Message, Line string
			Error                          bool
		}
	}
	for {
		ev := p.next(t)
		if ev.name == "reload" {
			continue // a batch seen before the broken save
		}
		if ev.name != "problems" {
			t.Fatalf("after a broken edit: %+v", ev)
		}
		if err := json.Unmarshal([]byte(ev.data), &problems); err != nil {
			t.Fatal(err)
		}
		break
	}
	found := false
	for _, pr := range problems.Problems {
		if strings.HasPrefix(pr.Place, "content/faq/faq-common.md:8:") && pr.Error && pr.Severity == cat.T("severity.error") &&
			strings.Contains(pr.Line, `status = "in_farce"`) && pr.Message != "" && !strings.Contains(pr.Message, "%!") {
			found = true
		}
	}
	if !found || problems.Title != cat.T("cmd.serve.overlay", len(problems.Problems)) {
		t.Errorf("problems of the broken edit: %+v", problems)
	}
	if !served(page, "预览测试改动甲")() {
		t.Error("the last good page is not served while the content is broken")
	}
	if code, body := p.get(t, "/__guifan/live.js"); code != 200 || !strings.Contains(body, "problems") {
		t.Errorf("live.js: %d", code)
	}

	// The fix reloads the pages, which then hear no problems.
	write(faq, strings.Replace(edited, "预览测试改动甲", "预览测试改动乙", 1))
	reloaded("fix", served(page, "预览测试改动乙"))
	again := startSubscriber(t, p.base)
	if ev := <-again; ev.name != "hello" {
		t.Errorf("a page opened after the fix: %+v", ev)
	}
	// It may still hear the rest of the site arrive (the whole-site
	// rebuild after the saved page: reload events naming the files that
	// changed), but never the fixed problems again.
	quiet := time.After(200 * time.Millisecond)
listen:
	for {
		select {
		case ev := <-again:
			if ev.name != "reload" {
				t.Errorf("a page opened after the fix hears %+v", ev)
			}
		case <-quiet:
			break listen
		}
	}

	// The heavy outputs, made when first asked for; the downloads page
	// links to them.
	_, downloads := p.get(t, "/downloads/index.html")
	for _, link := range []string{"../excel/audit-checklist.xlsx", "../pdf/all.pdf"} {
		if !strings.Contains(downloads, `href="`+link+`"`) {
			t.Errorf("the downloads page does not link %s", link)
		}
	}
	if code, body := p.get(t, "/excel/audit-checklist.xlsx"); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("the workbook: %d", code)
	}
	if code, body := p.get(t, "/forms/work-order.pdf"); code != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("a blank form: %d", code)
	}
	if code, _ := p.get(t, "/pdf/docs/no-such-doc.pdf"); code != 404 {
		t.Errorf("a PDF no build makes: %d", code)
	}
}

// startSubscriber opens another event stream of a preview.
func startSubscriber(t *testing.T, base string) <-chan sseEvent {
	t.Helper()
	resp, err := http.Get(base + "/__guifan/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := make(chan sseEvent, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			switch line := sc.Text(); {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case line == "" && ev.name != "":
				c <- ev
				ev = sseEvent{}
			}
		}
	}()
	return c
}

// BenchmarkServeSaveToReload measures the preview on the demo hospital
// (content/, hospital.toml and audit/ at the repository root): from saving
// a document to its page served after the reload event.
func BenchmarkServeSaveToReload(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	root := filepath.Join("..", "..", "..")
	for _, name := range []string{"content", "audit"} {
		copyTree(b, filepath.Join(root, name), filepath.Join(dir, name))
	}
	data, err := os.ReadFile(filepath.Join(root, "hospital.toml"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hospital.toml"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "faq", "*.md"))
	if len(matches) == 0 {
		b.Fatal("no FAQ in the demo")
	}
	doc := matches[0]
	orig, _ := os.ReadFile(doc)
	id := strings.TrimSuffix(filepath.Base(doc), ".md")
	p := startPreview(b, dir, "--quiet")
	b.ResetTimer()
	for i := range b.N {
		mark := "保存测试" + strings.Repeat("甲", i%7) + string(rune('0'+i%10))
		if err := os.WriteFile(doc, append(append([]byte{}, orig...), "\n\n"+mark+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			ev := p.next(b)
			if ev.name == "problems" {
				b.Fatalf("problems: %s", ev.data)
			}
			if ev.name != "reload" {
				continue
			}
			if _, body := p.get(b, "/docs/"+id+".html"); strings.Contains(body, mark) {
				break
			}
		}
	}
}
