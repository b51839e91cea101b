package main

import (
	"flag"
	"fmt"
)

type buildOptions struct {
	asOf string
}

func buildFlags(fs *flag.FlagSet) *buildOptions {
	o := &buildOptions{}
	fs.StringVar(&o.asOf, "as-of", "", "cmd.build.as-of")
	return o
}

// runBuild runs the stages that exist so far: load and check. The output
// stages (site, PDF, workbooks, forms, report) slot in after the check.
func runBuild(e *env, args []string) int {
	fs := newFlags(e, "build")
	o := buildFlags(fs)
	positional, code, ok := parseFlags(e, fs, args)
	if !ok {
		return code
	}
	asOf, ok := parseAsOf(e, o.asOf)
	if !ok {
		return exitMisuse
	}
	dir, code, ok := siteDir(e, "build", positional)
	if !ok {
		return code
	}
	site, diags, code, ok := loadSite(e, dir)
	if !ok {
		return code
	}
	diags.Append(site.Check(asOf))
	diags.Sort()
	printer(e, site).Text(e.stderr, diags)
	if diags.Errors() > 0 {
		summarize(e, diags, len(site.Project.Docs))
		return exitInvalid
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.build.done", len(site.Project.Docs), diags.Warnings()))
	return exitOK
}
