package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
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

// runServe builds the site into a folder of its own, serves it on this
// computer, and rebuilds whenever a file of the site changes; a change that
// breaks the content prints the problems and keeps the last good site.
func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve")
	o := serveFlags(fs)
	op, code, ok := openSite(e, fs, args, &o.asOf, nil)
	if !ok {
		return code
	}
	out, err := os.MkdirTemp("", "guifan-serve-")
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	defer os.RemoveAll(out)
	publish := func(op opened) bool {
		files, diags, _, ok := makeOutputs(e, op, []string{"site", "excel", "forms"})
		if !ok {
			return false
		}
		if err := build.Publish(out, "", files); err != nil {
			e.errorf("cmd.build.write-failed", out, err.Error())
			return false
		}
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.built", len(op.site.Project.Docs), diags.Warnings()))
		return true
	}
	if !publish(op) {
		return exitInvalid
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		e.errorf("cmd.serve.listen", o.addr, err.Error())
		return exitMisuse
	}
	// http.Dir opens files by path on each request, so it serves whatever
	// build Publish has swapped in last.
	srv := &http.Server{Handler: http.FileServer(http.Dir(filepath.Join(out, "site")))}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.url", "http://"+ln.Addr().String()+"/index.html"))
	if o.once {
		return exitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err = watch.Watch(ctx, op.dir, 300*time.Millisecond, []string{"output"}, func(paths []string) {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.changed", len(paths), paths[0]))
		site, diags, err := build.Load(os.DirFS(op.dir))
		if err != nil {
			e.errorf("cli.internal", err.Error())
			return
		}
		publish(opened{dir: op.dir, site: site, diags: diags, asOf: op.asOf})
	})
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.serve.stopped"))
	return exitOK
}
