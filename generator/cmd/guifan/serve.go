package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"guifan/generator/build"
	"guifan/generator/watch"
)

type serveOptions struct {
	asOf string
	addr string
	once bool
}

func serveFlags(fs *flag.FlagSet) *serveOptions {
	o := &serveOptions{}
	fs.StringVar(&o.asOf, "as-of", "", "cmd.serve.as-of")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "cmd.serve.addr")
	fs.BoolVar(&o.once, "once", false, "cmd.serve.once")
	return o
}

// stopSignals end a preview: Ctrl+C, a closed terminal, and the polite
// kill (SIGTERM) of a service manager or a script. Each removes the
// temporary folder before guifan exits.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// The output folder inside serve's temporary folder, and the folder
// served. build.Publish replaces the output folder as a whole at each
// rebuild, so the handler opens the served folder again, by name, at each
// request, through an os.Root of the temporary folder (which stays).
const (
	outDir    = "out"
	servedDir = outDir + "/site"
)

// runServe builds the site into a folder of its own, serves it on this
// computer, and rebuilds whenever a file of the site changes; a change that
// breaks the content prints the problems and keeps the last good site.
func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve")
	o := serveFlags(fs)
	req, code, ok := parseSiteArgs(e, fs, args, &o.asOf, nil)
	if !ok {
		return code
	}
	// The address first: a port in use is told before a long build.
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		if key := listenProblem(err); key != "" {
			e.errorf(key, o.addr)
		} else {
			e.errorf("cmd.serve.listen", o.addr, err.Error())
		}
		return exitMisuse
	}
	defer ln.Close()
	if !loopback(ln.Addr()) {
		fmt.Fprintln(e.stderr, e.cat.T("cmd.serve.open", ln.Addr().String()))
	}
	// From here on a stop signal ends the run through the deferred calls
	// below, which remove the temporary folder.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	defer stop()
	tmp, err := os.MkdirTemp("", "guifan-serve-")
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, outDir)
	opt := build.Options{Goal: build.GoalBuild, AsOf: req.asOf, Only: []string{"site", "excel", "forms"}, Out: out}
	publish := func() (int, bool) {
		res, code, ok := runStages(e, req.dir, opt)
		if !ok {
			return code, false
		}
		printer(e, res.Site).Text(e.stderr, res.Diags)
		if res.Invalid() {
			summarize(e, res.Diags, res.Docs)
			return exitInvalid, false
		}
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.built", res.Docs, res.Diags.Warnings()))
		return exitOK, true
	}
	if code, ok := publish(); !ok {
		return code
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.stopped"))
		return exitOK
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	defer root.Close()
	srv := &http.Server{Handler: siteHandler(root, servedDir, e.cat.T), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.url", "http://"+ln.Addr().String()+"/index.html"))
	if o.once {
		return exitOK
	}
	err = watch.Watch(ctx, req.dir, 300*time.Millisecond, []string{"output"}, func(paths []string) {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.changed", len(paths), paths[0]))
		publish()
	})
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.stopped"))
	return exitOK
}

// listenProblem returns the catalog key that says why an address cannot
// be listened on, and what to write instead; "" for a reason it does not
// know (the system's words are shown then).
func listenProblem(err error) string {
	var addrErr *net.AddrError
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return "cmd.serve.listen-in-use"
	case errors.Is(err, syscall.EACCES):
		return "cmd.serve.listen-denied"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "cmd.serve.listen-not-here"
	case errors.As(err, &dnsErr):
		return "cmd.serve.listen-no-host"
	case errors.As(err, &addrErr):
		return "cmd.serve.listen-bad"
	}
	return ""
}

// loopback reports whether a listening address is reachable from this
// computer only. An unspecified address (0.0.0.0, [::], ":8080") listens on
// every network the computer is on.
func loopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// siteHandler serves the files of the folder dir of root, and nothing
// else:
//
//   - files only: a folder is never listed; "/x/" serves x/index.html and
//     "/x" sends the browser to "/x/" when there is one, else 404;
//   - "/x/index.html" is served as it is, not redirected to "/x/" as
//     http.FileServer does, so the site's links (which name index.html, to
//     work from file://) are the URLs the browser shows;
//   - names are opened through an os.Root of the folder, which refuses
//     "..", absolute names and symbolic links that lead out of it;
//   - GET and HEAD only; the messages come from the catalog.
//
// The folder is opened again at each request, so a rebuild that replaces it
// is served from the next request on.
func siteHandler(root *os.Root, dir string, t func(string, ...any) string) http.Handler {
	fail := func(w http.ResponseWriter, code int, key string) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(code)
		fmt.Fprintln(w, t(key))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			fail(w, http.StatusMethodNotAllowed, "cmd.serve.method")
			return
		}
		site, err := root.OpenRoot(dir)
		if err != nil {
			fail(w, http.StatusNotFound, "cmd.serve.not-found")
			return
		}
		defer site.Close()
		p := r.URL.Path
		name := strings.TrimPrefix(path.Clean("/"+p), "/")
		if name == "" || strings.HasSuffix(p, "/") {
			name = path.Join(name, "index.html")
		}
		f, err := site.Open(filepath.FromSlash(name))
		if err != nil {
			fail(w, http.StatusNotFound, "cmd.serve.not-found")
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			fail(w, http.StatusNotFound, "cmd.serve.not-found")
			return
		}
		if st.IsDir() {
			if ix, err := site.Stat(filepath.FromSlash(name + "/index.html")); err == nil && ix.Mode().IsRegular() {
				http.Redirect(w, r, (&url.URL{Path: "/" + name + "/"}).EscapedPath(), http.StatusMovedPermanently)
				return
			}
			fail(w, http.StatusNotFound, "cmd.serve.not-found")
			return
		}
		if !st.Mode().IsRegular() {
			fail(w, http.StatusNotFound, "cmd.serve.not-found")
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, st.Name(), st.ModTime(), f)
	})
}
