package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"guifan/generator/build"
)

type buildOptions struct {
	asOf  string
	out   string
	only  string
	quiet bool
}

func buildFlags(fs *flag.FlagSet) *buildOptions {
	o := &buildOptions{}
	fs.StringVar(&o.asOf, "as-of", "", "cmd.build.as-of")
	fs.StringVar(&o.out, "o", "", "cmd.build.out")
	fs.StringVar(&o.only, "only", "", "cmd.build.only")
	fs.BoolVar(&o.quiet, "quiet", false, "cmd.build.quiet")
	return o
}

// buildHelp lists the outputs --only can name, from build's table.
func buildHelp(e *env) {
	fmt.Fprintln(e.stdout, "\n"+e.cat.T("cmd.build.outputs"))
	for _, k := range build.OutputKinds() {
		fmt.Fprintf(e.stdout, "  %-12s %s\n", k.Name, e.cat.T(k.Help))
	}
}

// runBuild builds the site into its output folder. Content with errors
// builds nothing, so a broken edit never replaces a good intranet site.
func runBuild(e *env, args []string) int {
	fs := newFlags(e, "build")
	o := buildFlags(fs)
	req, code, ok := parseSiteArgs(e, fs, args, &o.asOf, nil)
	if !ok {
		return code
	}
	var only []string
	if o.only != "" {
		for _, name := range strings.Split(o.only, ",") {
			only = append(only, strings.TrimSpace(name))
		}
	}
	out := o.out
	if out == "" {
		out = filepath.Join(req.dir, "output")
	}
	opt := build.Options{Goal: build.GoalBuild, AsOf: req.asOf, Only: only, Out: out, LimitMemory: true}
	if !o.quiet && terminal(e.stderr) {
		// On a terminal, say which stage a long build is in.
		opt.Progress = func(stage string) { fmt.Fprintln(e.stderr, e.cat.T("cmd.build.stage", e.cat.T("stage."+stage))) }
	}
	res, code, ok := runStages(e, req.dir, opt)
	if !ok {
		return code
	}
	printer(e, res.Site).Text(e.stderr, res.Diags)
	if res.Invalid() {
		summarize(e, res.Diags, res.Docs)
		return exitInvalid
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.build.done", res.Docs, res.Diags.Warnings(), res.Out))
	return exitOK
}

// outputError prints why an output folder was refused or could not be
// written, in the catalog's words.
func (e *env) outputError(out string, err error) {
	var oe *build.OutputError
	if errors.As(err, &oe) {
		e.errorf("output."+oe.Code, oe.Path, oe.Detail)
		return
	}
	e.errorf("cmd.build.write-failed", out, err.Error())
}

// terminal reports whether w is a terminal (progress is shown there only,
// never in a file or a pipe).
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
