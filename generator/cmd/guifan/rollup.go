package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"guifan/generator/rollup"
	"guifan/generator/schema"
	"guifan/schemas"
	"guifan/themes"
)

// rollupOptions are the flags of guifan rollup.
type rollupOptions struct {
	out       string
	asOf      string
	framework string
}

func rollupFlags(fs *flag.FlagSet) *rollupOptions {
	o := &rollupOptions{}
	fs.StringVar(&o.out, "o", "rollup", "cmd.rollup.o")
	fs.StringVar(&o.asOf, "as-of", "", "cmd.rollup.as-of")
	fs.StringVar(&o.framework, "framework", "", "cmd.rollup.framework")
	return o
}

// runRollup rolls up hospitals' submission files into the health
// commission's site, workbook and summary. A bad input file is a message
// and is skipped; only misuse or an output that cannot be written fails.
func runRollup(e *env, args []string) int {
	flags := newFlags(e, "rollup")
	o := rollupFlags(flags)
	inputs, code, ok := parseFlags(e, flags, args)
	if !ok {
		return code
	}
	if len(inputs) == 0 {
		inputs = []string{"."}
	}
	asOf, ok := parseAsOf(e, o.asOf)
	if !ok {
		return exitMisuse
	}
	set, diags := schema.Load(schemas.FS)
	if diags.Errors() > 0 {
		e.errorf("cli.internal", "built-in schemas")
		return exitMisuse
	}
	id := o.framework
	ids := set.FrameworkIDs()
	if id == "" && len(ids) > 0 {
		id = ids[0]
	}
	fw := set.Frameworks[id]
	if fw == nil {
		e.errorf("cmd.rollup.unknown-framework", id, strings.Join(ids, e.cat.T("list.sep")))
		return exitMisuse
	}
	if !rollupOutputOK(e, o.out) {
		return exitMisuse
	}
	theme, _ := fs.Sub(themes.FS, "default")
	sum, err := rollup.Run(inputs, rollup.Options{
		Framework: fw, AsOf: asOf, Catalog: e.cat, Theme: theme, Out: o.out,
		Notify: func(n rollup.Notice) {
			if n.Level != rollup.Info {
				fmt.Fprintln(e.stderr, n.Text)
			}
		},
	})
	if err != nil {
		e.outputError(o.out, err)
		return exitMisuse
	}
	if sum.Accepted == 0 {
		e.errorf("cmd.rollup.no-input", strings.Join(inputs, " "))
		return exitInvalid
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.rollup.done", len(sum.Hospitals), sum.Accepted, sum.Files, sum.Skipped, sum.Edited,
		filepath.Join(o.out, "site", "index.html")))
	if sum.Skipped > 0 {
		return exitInvalid
	}
	return exitOK
}

// rollupOutputOK checks the output folder: absent, empty, or a previous
// roll-up (which has summary.json), whose site/ is then made afresh. Any
// other folder is refused: the roll-up never writes over a user's files.
func rollupOutputOK(e *env, out string) bool {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return true
	}
	if err != nil {
		e.outputError(out, err)
		return false
	}
	if _, err := os.Stat(filepath.Join(out, "summary.json")); err != nil {
		e.errorf("cmd.rollup.not-empty", out)
		return false
	}
	if err := os.RemoveAll(filepath.Join(out, "site")); err != nil {
		e.outputError(out, err)
		return false
	}
	return true
}

// runSynthRollup writes -n made-up hospitals' submission files into a new
// folder (guifan synth rollup), for measuring and demonstrating rollup.
func runSynthRollup(e *env, args []string) int {
	flags := newFlags(e, "synth")
	o := synthFlags(flags)
	positional, code, ok := parseFlags(e, flags, args)
	if !ok {
		return code
	}
	if len(positional) > 0 {
		e.errorf("cli.too-many-args", strings.Join(positional, " "), "synth rollup")
		return exitMisuse
	}
	if o.out == "" || o.n < 1 {
		flags.Usage()
		return exitMisuse
	}
	if o.n > maxSynthDocs {
		e.errorf("cmd.synth.too-many", o.n, maxSynthDocs)
		return exitMisuse
	}
	if entries, err := os.ReadDir(o.out); err == nil && len(entries) > 0 {
		e.errorf("cmd.synth.not-empty", o.out)
		return exitMisuse
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		e.outputError(o.out, err)
		return exitMisuse
	}
	set, diags := schema.Load(schemas.FS)
	ids := set.FrameworkIDs()
	if diags.Errors() > 0 || len(ids) == 0 {
		e.errorf("cli.internal", "built-in schemas")
		return exitMisuse
	}
	_, err := rollup.Synthesize(set.Frameworks[ids[0]], o.n, o.seed, e.cat.Lang, e.cat.T("report.internal-doc"), func(name string, data []byte) error {
		p := filepath.Join(o.out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		e.outputError(o.out, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.synth.rollup-done", o.n, o.out, o.seed))
	return exitOK
}
