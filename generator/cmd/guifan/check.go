package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/model"
)

// formatOptions are the flags of guifan check and guifan report.
type formatOptions struct {
	format string
	asOf   string
}

// formatFlags declares --format and --as-of, described by the command's
// catalog entries ("cmd.check.format", "cmd.report.as-of").
func formatFlags(fs *flag.FlagSet) *formatOptions {
	o := &formatOptions{}
	fs.StringVar(&o.format, "format", "text", "cmd."+fs.Name()+".format")
	fs.StringVar(&o.asOf, "as-of", "", "cmd."+fs.Name()+".as-of")
	return o
}

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check")
	o := formatFlags(fs)
	op, code, ok := openSite(e, fs, args, &o.asOf, &o.format)
	if !ok {
		return code
	}
	site, diags, asOf := op.site, op.diags, op.asOf
	diags.Append(site.Check(asOf))
	_, ad := site.Assess(asOf) // reports problems in the attestations file
	diags.Append(ad)
	diags.Sort()
	p := printer(e, site)
	if o.format == "json" {
		if err := p.JSON(e.stdout, diags); err != nil {
			e.errorf("cli.internal", err.Error())
			return exitMisuse
		}
	} else {
		p.Text(e.stderr, diags)
		summarize(e, diags, len(site.Project.Docs))
	}
	if diags.Errors() > 0 {
		return exitInvalid
	}
	return exitOK
}

// parseAsOf reads --as-of; empty means today.
func parseAsOf(e *env, s string) (model.Date, bool) {
	if s == "" {
		return model.DateOf(time.Now()), true
	}
	d, ok := model.ParseDate(s)
	if !ok {
		e.errorf("cli.bad-date", s)
		return model.Date{}, false
	}
	return d, true
}

// opened is a site loaded for a command, with the date it is assessed at.
type opened struct {
	dir   string
	site  *build.Site
	diags diag.List
	asOf  model.Date
}

// openSite does what every command that works on a site does first:
// parse the flags (which fill asOfFlag and format), check them, find the
// site folder among the arguments and load the site. format is nil for
// commands without --format.
func openSite(e *env, fs *flag.FlagSet, args []string, asOfFlag, format *string) (opened, int, bool) {
	positional, code, ok := parseFlags(e, fs, args)
	if !ok {
		return opened{}, code, false
	}
	if format != nil && *format != "text" && *format != "json" {
		e.errorf("cli.bad-format", *format, "text, json")
		return opened{}, exitMisuse, false
	}
	asOf, ok := parseAsOf(e, *asOfFlag)
	if !ok {
		return opened{}, exitMisuse, false
	}
	dir, code, ok := siteDir(e, fs.Name(), positional)
	if !ok {
		return opened{}, code, false
	}
	site, diags, code, ok := loadSite(e, dir)
	return opened{dir: dir, site: site, diags: diags, asOf: asOf}, code, ok
}

// loadSite loads the site in dir, reporting a folder that is not a site.
func loadSite(e *env, dir string) (*build.Site, diag.List, int, bool) {
	site, diags, err := build.LoadDir(dir)
	if errors.Is(err, build.ErrNoSite) {
		e.errorf("cli.no-site", dir)
		return nil, nil, exitMisuse, false
	}
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return nil, nil, exitMisuse, false
	}
	return site, diags, 0, true
}

func printer(e *env, site *build.Site) diag.Printer {
	return diag.Printer{
		Message: func(d diag.Diagnostic) string { return e.cat.T(d.Code, d.Args...) },
		Severity: func(s diag.Severity) string {
			return e.cat.T("severity." + s.String())
		},
		Source: site.Source,
	}
}

func summarize(e *env, diags diag.List, docs int) {
	if diags.Errors() > 0 {
		fmt.Fprintln(e.stderr, e.cat.T("check.summary", e.cat.T("check.failed"), diags.Errors(), diags.Warnings(), docs))
		return
	}
	fmt.Fprintln(e.stderr, e.cat.T("check.ok", docs, diags.Warnings()))
}
