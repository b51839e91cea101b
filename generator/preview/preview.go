// Package preview serves a site from memory while it is being edited: the
// last good build's files, the outputs made on first request (Make), an
// event stream that tells open pages to reload after each good build,
// and the problems of a broken one, which the pages show over themselves
// (live.js, live.css). Only the preview's responses carry the script;
// built files never do.
package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// Paths of the preview's own files and its event stream.
const (
	Prefix    = "/__guifan/"
	EventsURL = Prefix + "events"
	ScriptURL = Prefix + "live.js"
	StyleURL  = Prefix + "live.css"
)

// scriptTag is added to each HTML page served (same origin: the pages'
// CSP allows no inline script).
const scriptTag = `<script src="` + ScriptURL + `" defer></script>`

var (
	//go:embed live.js
	liveJS []byte
	//go:embed live.css
	liveCSS []byte
)

// Problem is one diagnostic as the overlay shows it.
type Problem struct {
	Place    string `json:"place"` // path:line:col
	Severity string `json:"severity"`
	Error    bool   `json:"error"`
	Message  string `json:"message"`
	Line     string `json:"line,omitempty"` // the source line
}

// Problems is what the overlay shows: a title and the problems.
type Problems struct {
	Title    string    `json:"title"`
	Problems []Problem `json:"problems"`
}

// Server serves the site. Its zero value is not usable: use New.
type Server struct {
	// Make makes a deferred output (Deferred) for the current build,
	// returning its files by path relative to the site's root. It is
	// called at most once per build and output, on the first request for
	// one of its files.
	Make func(kind string) (map[string][]byte, error)
	// Deferred maps a folder of the site ("pdf/") to the output that
	// makes its files ("pdf").
	Deferred map[string]string

	t   func(string, ...any) string
	csp string

	mu       sync.Mutex
	gen      int
	built    time.Time
	files    map[string][]byte
	made     map[string]*made
	problems *Problems
	subs     map[chan event]bool
}

// made is a deferred output of one build, made once.
type made struct {
	done  chan struct{}
	files map[string][]byte
	err   error
}

type event struct {
	name string
	data []byte
}

// New returns a server with no site yet. t gives the catalog's messages;
// csp is the site's Content-Security-Policy, sent with every file.
func New(t func(string, ...any) string, csp string) *Server {
	return &Server{t: t, csp: csp, files: map[string][]byte{}, made: map[string]*made{}, subs: map[chan event]bool{}}
}

// Publish serves a new good build (files by path relative to the site's
// root), forgets the deferred outputs made for the last one and the
// problems, and tells open pages to reload.
func (s *Server) Publish(files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	s.built = time.Now()
	s.files = files
	s.made = map[string]*made{}
	s.problems = nil
	s.send(event{"reload", s.genJSON()})
}

// maxPaths is how many changed paths a reload event names; beyond, it
// names none and every open page reloads.
const maxPaths = 500

// Patch serves files (by path relative to the site's root) over the
// current build, before the rest of the build is made: a document's page
// just saved. Open pages that show one of them reload; the others do not.
// settled says the change fixes the problems shown, which go.
func (s *Server) Patch(files map[string][]byte, settled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := maps.Clone(s.files)
	var changed []string
	for p, data := range files {
		if old, ok := next[p]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
		next[p] = data
	}
	if len(changed) == 0 && (!settled || s.problems == nil) {
		return
	}
	s.swap(next, changed, settled)
}

// Update serves a new good build (files by path relative to the site's
// root) in place of the last, forgets the deferred outputs made for it and
// the problems, and tells open pages which files changed: a page reloads
// when its own file did. Nothing is sent when no file changed and no
// problems were shown.
func (s *Server) Update(files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var changed []string
	for p, data := range files {
		if old, ok := s.files[p]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
	}
	for p := range s.files {
		if _, ok := files[p]; !ok {
			changed = append(changed, p)
		}
	}
	s.made = map[string]*made{}
	if len(changed) == 0 && s.problems == nil {
		s.files = files
		return
	}
	s.swap(files, changed, true)
}

// swap serves files, tells open pages the paths that changed, and
// forgets the problems when settled. Called with s.mu held.
func (s *Server) swap(files map[string][]byte, changed []string, settled bool) {
	s.gen++
	s.built = time.Now()
	s.files = files
	if settled {
		s.problems = nil
	}
	if len(changed) > maxPaths {
		s.send(event{"reload", s.genJSON()}) // no paths: every page reloads
		return
	}
	slices.Sort(changed)
	data, _ := json.Marshal(struct {
		Gen   int      `json:"gen"`
		Paths []string `json:"paths"`
	}{s.gen, append([]string{}, changed...)})
	s.send(event{"reload", data})
}

// Fail keeps the last good build served and tells open pages to show p.
// Problems the pages already show are not sent again (a save's quick
// look and its full check often find the same).
func (s *Server) Fail(p Problems) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, _ := json.Marshal(p)
	if s.problems != nil {
		if old, _ := json.Marshal(s.problems); bytes.Equal(old, data) {
			return
		}
	}
	s.problems = &p
	s.send(event{"problems", data})
}

// Gen is the number of good builds published.
func (s *Server) Gen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

func (s *Server) genJSON() []byte { return fmt.Appendf(nil, `{"gen":%d}`, s.gen) }

// send passes an event to every subscriber; one that has not read its
// last events misses this one (it reloads on the next hello).
func (s *Server) send(ev event) {
	for c := range s.subs {
		select {
		case c <- ev:
		default:
		}
	}
}

// ServeHTTP serves the site's files and nothing else:
//
//   - files only: a folder is never listed; "/x/" serves x/index.html and
//     "/x" sends the browser to "/x/" when there is one, else 404;
//   - "/x/index.html" is served as it is, not redirected to "/x/", so the
//     site's links (which name index.html, to work from file://) are the
//     URLs the browser shows;
//   - names are looked up in the build's files: nothing outside them;
//   - GET and HEAD only; the messages come from the catalog;
//
// and the preview's own: the event stream, live.js and live.css.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.fail(w, http.StatusMethodNotAllowed, "cmd.serve.method")
		return
	}
	switch r.URL.Path {
	case EventsURL:
		s.events(w, r)
		return
	case ScriptURL:
		s.serve(w, r, "live.js", liveJS, time.Time{})
		return
	case StyleURL:
		s.serve(w, r, "live.css", liveCSS, time.Time{})
		return
	}
	p := r.URL.Path
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.Lock()
	files, built := s.files, s.built
	s.mu.Unlock()
	data, ok := files[name]
	if !ok {
		data, ok = s.deferred(name)
	}
	if !ok {
		if _, ix := files[name+"/index.html"]; ix {
			http.Redirect(w, r, (&url.URL{Path: "/" + name + "/"}).EscapedPath(), http.StatusMovedPermanently)
			return
		}
		s.fail(w, http.StatusNotFound, "cmd.serve.not-found")
		return
	}
	if strings.HasSuffix(name, ".html") {
		data = Inject(data)
	}
	s.serve(w, r, path.Base(name), data, built)
}

// deferred returns a file of a deferred output, making the output first
// when this build has not made it yet.
func (s *Server) deferred(name string) ([]byte, bool) {
	kind := ""
	for dir, k := range s.Deferred {
		if strings.HasPrefix(name, dir) {
			kind = k
		}
	}
	if kind == "" || s.Make == nil {
		return nil, false
	}
	s.mu.Lock()
	m := s.made[kind]
	if m == nil {
		m = &made{done: make(chan struct{})}
		s.made[kind] = m
		go func() {
			m.files, m.err = s.Make(kind)
			close(m.done)
		}()
	}
	s.mu.Unlock()
	<-m.done
	data, ok := m.files[name]
	return data, ok && m.err == nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, name string, data []byte, mod time.Time) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	if s.csp != "" {
		h.Set("Content-Security-Policy", s.csp)
	}
	http.ServeContent(w, r, name, mod, bytes.NewReader(data))
}

func (s *Server) fail(w http.ResponseWriter, code int, key string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	fmt.Fprintln(w, s.t(key))
}

// Inject returns an HTML page with the preview's script added before
// </body> (at the end when there is none). The page itself is not changed.
func Inject(page []byte) []byte {
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(scriptTag)+1)
	out = append(out, page[:at]...)
	out = append(out, scriptTag...)
	out = append(out, '\n')
	return append(out, page[at:]...)
}

// events streams server-sent events to one page: hello (the build it
// sees; a page that reconnects to a newer build reloads), reload after
// each good build, problems when a change breaks the content (at once on
// connecting while it is broken).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		s.fail(w, http.StatusInternalServerError, "cmd.serve.not-found")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	c := make(chan event, 16)
	s.mu.Lock()
	s.subs[c] = true
	first := []event{{"hello", s.genJSON()}}
	if s.problems != nil {
		data, _ := json.Marshal(s.problems)
		first = append(first, event{"problems", data})
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, c)
		s.mu.Unlock()
	}()
	write := func(ev event) bool {
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	for _, ev := range first {
		if !write(ev) {
			return
		}
	}
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			if !write(ev) {
				return
			}
		case <-keep.C:
			if _, err := fmt.Fprint(w, ": keep\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
