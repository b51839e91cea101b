package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"guifan/generator/build"
	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/i18n"
)

type buildOptions struct {
	asOf string
	out  string
	only string
}

func buildFlags(fs *flag.FlagSet) *buildOptions {
	o := &buildOptions{}
	fs.StringVar(&o.asOf, "as-of", "", "cmd.build.as-of")
	fs.StringVar(&o.out, "o", "", "cmd.build.out")
	fs.StringVar(&o.only, "only", "", "cmd.build.only")
	return o
}

// runBuild runs the stages in order: load, check, assess, then the outputs,
// published together into the output folder. Content with errors builds
// nothing, so a broken edit never replaces a good intranet site.
func runBuild(e *env, args []string) int {
	fs := newFlags(e, "build")
	o := buildFlags(fs)
	op, code, ok := openSite(e, fs, args, &o.asOf, nil)
	if !ok {
		return code
	}
	site, dir := op.site, op.dir
	var only []string
	if o.only != "" {
		for _, name := range strings.Split(o.only, ",") {
			name = strings.TrimSpace(name)
			if !slices.Contains(config.KnownOutputs, name) {
				e.errorf("cmd.build.bad-only", name, strings.Join(config.KnownOutputs, ","))
				return exitMisuse
			}
			only = append(only, name)
		}
	}
	out := o.out
	if out == "" {
		out = filepath.Join(dir, "output")
	}
	// Refuse a bad output folder before the work of building.
	if _, err := build.CheckOutput(out, dir); err != nil {
		e.outputError(out, err)
		return exitMisuse
	}
	files, diags, code, ok := makeOutputs(e, op, only)
	if !ok {
		return code
	}
	if err := build.Publish(out, dir, files); err != nil {
		e.outputError(out, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.build.done", len(site.Project.Docs), diags.Warnings(), out))
	return exitOK
}

// makeOutputs runs the stages after loading: check, assess, then every
// output. It prints the diagnostics and returns the files, or an exit code
// when the content has errors.
func makeOutputs(e *env, op opened, only []string) (map[string][]byte, diag.List, int, bool) {
	site, diags, asOf := op.site, op.diags, op.asOf
	diags.Append(site.Check(asOf))
	m, ad := site.Assess(asOf)
	diags.Append(ad)
	if diags.Errors() > 0 || m == nil {
		diags.Sort()
		printer(e, site).Text(e.stderr, diags)
		summarize(e, diags, len(site.Project.Docs))
		return nil, diags, exitInvalid, false
	}
	cat, err := i18n.Load(site.ThemeFS, site.Project.Hospital.Lang())
	if err != nil {
		cat = e.cat
	}
	files, od, err := site.Outputs(m, asOf, cat, only)
	diags.Append(od)
	diags.Sort()
	printer(e, site).Text(e.stderr, diags)
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return nil, diags, exitMisuse, false
	}
	if diags.Errors() > 0 {
		summarize(e, diags, len(site.Project.Docs))
		return nil, diags, exitInvalid, false
	}
	return files, diags, exitOK, true
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
