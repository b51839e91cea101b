package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/model"
)

// checkOptions are the flags of guifan check.
type checkOptions struct {
	format string
	asOf   string
}

func checkFlags(fs *flag.FlagSet) *checkOptions {
	o := &checkOptions{}
	fs.StringVar(&o.format, "format", "text", "cmd.check.format")
	fs.StringVar(&o.asOf, "as-of", "", "cmd.check.as-of")
	return o
}

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check")
	o := checkFlags(fs)
	positional, code, ok := parseFlags(e, fs, args)
	if !ok {
		return code
	}
	if o.format != "text" && o.format != "json" {
		e.errorf("cli.bad-format", o.format, "text, json")
		return exitMisuse
	}
	asOf, ok := parseAsOf(e, o.asOf)
	if !ok {
		return exitMisuse
	}
	dir, code, ok := siteDir(e, "check", positional)
	if !ok {
		return code
	}
	site, diags, code, ok := loadSite(e, dir)
	if !ok {
		return code
	}
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

// loadSite loads the site in dir, reporting a folder that is not a site.
func loadSite(e *env, dir string) (*build.Site, diag.List, int, bool) {
	site, diags, err := build.Load(os.DirFS(dir))
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
