package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"guifan/generator/build"
	"guifan/generator/synth"
)

// synthOptions are the flags of guifan synth.
type synthOptions struct {
	n    int
	out  string
	seed uint64
}

func synthFlags(fs *flag.FlagSet) *synthOptions {
	o := &synthOptions{}
	fs.IntVar(&o.n, "n", 1000, "cmd.synth.n")
	fs.StringVar(&o.out, "o", "", "cmd.synth.o")
	fs.Uint64Var(&o.seed, "seed", 1, "cmd.synth.seed")
	return o
}

// maxSynthDocs bounds a synthetic site: it is made in memory before any
// file is written (10,000 documents are about 46 MB).
const maxSynthDocs = 200_000

// runSynth writes a synthetic site of -n documents into a new folder, for
// measuring guifan (and comparing it with other tools) at sizes no real
// site of ours reaches. It never writes into a folder that holds anything.
func runSynth(e *env, args []string) int {
	if len(args) > 0 && args[0] == "rollup" {
		return runSynthRollup(e, args[1:])
	}
	flags := newFlags(e, "synth")
	o := synthFlags(flags)
	positional, code, ok := parseFlags(e, flags, args)
	if !ok {
		return code
	}
	if len(positional) > 0 {
		e.errorf("cli.too-many-args", strings.Join(positional, " "), "synth")
		return exitMisuse
	}
	if o.out == "" {
		flags.Usage()
		return exitMisuse
	}
	if o.n > maxSynthDocs {
		e.errorf("cmd.synth.too-many", o.n, maxSynthDocs)
		return exitMisuse
	}
	files, err := synth.Builtin(o.n, o.seed)
	if err != nil {
		e.errorf("cmd.synth.too-few", o.n)
		return exitMisuse
	}
	if entries, err := os.ReadDir(o.out); err == nil && len(entries) > 0 {
		e.errorf("cmd.synth.not-empty", o.out)
		return exitMisuse
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		e.outputError(o.out, err)
		return exitMisuse
	}
	if err := build.CreateFiles(o.out, files); err != nil {
		e.scaffoldError(o.out, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.synth.done", o.n, o.out, o.seed))
	return exitOK
}
