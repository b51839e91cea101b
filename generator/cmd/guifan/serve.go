package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/preview"
	"guifan/generator/watch"
)

type serveOptions struct {
	asOf  string
	addr  string
	once  bool
	quiet bool
}

func serveFlags(fs *flag.FlagSet) *serveOptions {
	o := &serveOptions{}
	fs.StringVar(&o.asOf, "as-of", "", "cmd.serve.as-of")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "cmd.serve.addr")
	fs.BoolVar(&o.once, "once", false, "cmd.serve.once")
	fs.BoolVar(&o.quiet, "quiet", false, "cmd.serve.quiet")
	return o
}

// stopSignals end a preview: Ctrl+C, a closed terminal, and the polite
// kill (SIGTERM) of a service manager or a script. Each stops the server
// and ends the run cleanly; the preview writes no files.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// quietPeriod is how long the files must be still before a rebuild: an
// editor's save is several writes in a few milliseconds.
const quietPeriod = 30 * time.Millisecond

// deferredOutputs are the outputs the preview makes on the first request
// for one of their files (by the folder of the site they are in): the
// site is rebuilt at every change, they only when asked for.
var deferredOutputs = map[string]string{"pdf/": "pdf", "excel/": "excel", "forms/": "forms"}

// runServe builds the site in memory, serves it on this computer, and
// rebuilds whenever a file of the site changes: open pages reload; a
// change that breaks the content shows the problems over the last good
// site, in the browser and in the terminal.
func runServe(e *env, args []string) int { return serve(context.Background(), e, args) }

// serve is runServe until ctx ends or a stop signal comes.
func serve(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve")
	o := serveFlags(fs)
	req, code, ok := parseSiteArgs(e, fs, args, &o.asOf, nil)
	if !ok {
		return code
	}
	// The address first: a port in use is told before a long build.
	ln, ok := listen(e, o.addr)
	if !ok {
		return exitMisuse
	}
	defer ln.Close()
	ctx, stop := signal.NotifyContext(ctx, stopSignals...)
	defer stop()

	p := newPreviewer(e, req, o)
	if code, ok := p.rebuild(nil); !ok {
		return code
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.stopped"))
		return exitOK
	}
	srv := &http.Server{Handler: p.pv, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.url", "http://"+ln.Addr().String()+"/index.html"))
	if o.once {
		return exitOK
	}
	err := watch.Watch(ctx, req.dir, quietPeriod, []string{"output"}, p.changed)
	p.wg.Wait()
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.stopped"))
	return exitOK
}

// listen listens on addr, saying why it cannot, and warns when the
// address reaches beyond this computer.
func listen(e *env, addr string) (net.Listener, bool) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if key := listenProblem(err); key != "" {
			e.errorf(key, addr)
		} else {
			e.errorf("cmd.serve.listen", addr, err.Error())
		}
		return nil, false
	}
	if !loopback(ln.Addr()) {
		fmt.Fprintln(e.stderr, e.cat.T("cmd.serve.open", ln.Addr().String()))
	}
	return ln, true
}

// previewer builds the site in memory for the preview server: the site at
// each change, the deferred outputs on first request.
type previewer struct {
	e    *env
	req  siteRequest
	o    *serveOptions
	pv   *preview.Server
	opt  build.Options
	live *build.Live // the site kept loaded, after the first build

	mu     sync.Mutex // over latest and what is published
	latest int        // the latest change's number
	wg     sync.WaitGroup
	// started is set once the first build is served.
	started atomic.Bool
}

func newPreviewer(e *env, req siteRequest, o *serveOptions) *previewer {
	deferred := slices.Sorted(maps.Values(deferredOutputs))
	p := &previewer{e: e, req: req, o: o, pv: preview.New(e.cat.T, build.CSP),
		opt: build.Options{Goal: build.GoalBuild, AsOf: req.asOf, Only: []string{"site"}, Defer: deferred, InMemory: true}}
	p.pv.Deferred = deferredOutputs
	p.pv.Make = p.make
	if !o.quiet && terminal(e.stderr) {
		// On a terminal, say which stage the first build is in (a long
		// one for a large site); a save's rebuild prints its summary only.
		p.opt.Progress = func(stage string) {
			if !p.started.Load() {
				fmt.Fprintln(e.stderr, e.cat.T("cmd.build.stage", e.cat.T("stage."+stage)))
			}
		}
	}
	return p
}

// make builds a deferred output (pdf, excel, forms) on first request,
// from the site as the preview has it loaded (build.Live.Make).
func (p *previewer) make(kind string) (map[string][]byte, error) {
	e := p.e
	start := time.Now()
	res, err := p.live.Make(kind)
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return nil, err
	}
	if res.Invalid() {
		// The content changed since the site was built; the rebuild under
		// way says what is wrong.
		return nil, errors.New("invalid content")
	}
	if !p.o.quiet {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.made", kind, time.Since(start).Milliseconds()))
	}
	return siteFiles(res.Files), nil
}

// changed rebuilds the site after a change. The site stays loaded
// (build.Live): the saved documents' pages are served (or their problems
// shown) at once, and the rest of the site is rebuilt in the background,
// its open pages reloading only when their own file changed. A change
// that comes while the last is being rebuilt does not wait for it: only
// the latest change's site is published.
func (p *previewer) changed(paths []string) {
	start := time.Now()
	p.mu.Lock()
	p.latest++
	n := p.latest
	p.mu.Unlock()
	finish := p.live.Start(paths, func(q build.Quick) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if n == p.latest {
			p.quick(q)
		}
	})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		res, err := finish()
		p.mu.Lock()
		defer p.mu.Unlock()
		if n == p.latest && (res == nil || !res.Canceled) {
			p.show(paths, start, res, err)
		}
	}()
}

// rebuild builds the site the first time and serves it, or shows its
// problems.
func (p *previewer) rebuild(changed []string) (int, bool) {
	start := time.Now()
	var res *build.Result
	var err error
	p.live, res, err = build.NewLive(p.req.dir, p.opt)
	p.started.Store(true)
	return p.show(changed, start, res, err)
}

// show serves a build, or shows its problems over the last good one;
// changed is nil for the first build.
func (p *previewer) show(changed []string, start time.Time, res *build.Result, err error) (int, bool) {
	e := p.e
	if err != nil {
		return stagesFailed(e, p.req.dir, p.opt, res, err), false
	}
	pr := printer(e, res.Site)
	if res.Invalid() {
		pr.Text(e.stderr, res.Diags)
		summarize(e, res.Diags, res.Docs)
		p.fail(pr, res.Diags)
		return exitInvalid, false
	}
	if changed == nil {
		p.pv.Publish(siteFiles(res.Files))
	} else {
		p.pv.Update(siteFiles(res.Files))
	}
	if !p.o.quiet {
		pr.Text(e.stderr, res.Diags)
		if changed == nil {
			fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.built", res.Docs, res.Diags.Warnings()))
		} else {
			fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.rebuilt", len(changed), changed[0], res.Docs, res.Diags.Warnings(), time.Since(start).Milliseconds()))
		}
	}
	return exitOK, true
}

// quick serves the pages of the documents just saved, or shows their
// problems, before the rest of the site is rebuilt.
func (p *previewer) quick(q build.Quick) {
	if q.Problems.Errors() > 0 {
		p.fail(printer(p.e, q.Site), q.Problems)
		return
	}
	p.pv.Patch(siteFiles(q.Files), q.Settled)
}

// fail shows the problems over the last good site.
func (p *previewer) fail(pr diag.Printer, l diag.List) {
	p.pv.Fail(preview.Problems{Title: p.e.cat.T("cmd.serve.overlay", l.Errors()), Problems: preview.FromDiags(pr, l)})
}

// siteFiles returns the files of a run under site/, by their path in the
// site; the restricted copies and the report are not served.
func siteFiles(files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for p, data := range files {
		if rest, ok := strings.CutPrefix(p, "site/"); ok {
			out[rest] = data
		}
	}
	return out
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
