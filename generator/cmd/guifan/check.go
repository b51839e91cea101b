package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
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
	req, code, ok := parseSiteArgs(e, fs, args, &o.asOf, &o.format)
	if !ok {
		return code
	}
	res, code, ok := runStages(e, req.dir, build.Options{Goal: build.GoalCheck, AsOf: req.asOf})
	if !ok {
		return code
	}
	p := printer(e, res.Site)
	if o.format == "json" {
		if err := p.JSON(e.stdout, res.Diags); err != nil {
			e.errorf("cli.internal", err.Error())
			return exitMisuse
		}
	} else {
		p.Text(e.stderr, res.Diags)
		summarize(e, res.Diags, res.Docs)
	}
	if res.Invalid() {
		return exitInvalid
	}
	return exitOK
}

// parseAsOf reads --as-of; empty means today. The clock is read here and
// nowhere else.
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

// siteRequest is what the arguments of a command that works on a site
// ask for: the folder and the date it is assessed at.
type siteRequest struct {
	dir  string
	asOf model.Date
}

// parseSiteArgs does what every command that works on a site does first:
// parse the flags (which fill asOfFlag and format), check them and find
// the site folder among the arguments. format is nil for commands without
// --format.
func parseSiteArgs(e *env, fs *flag.FlagSet, args []string, asOfFlag, format *string) (siteRequest, int, bool) {
	positional, code, ok := parseFlags(e, fs, args)
	if !ok {
		return siteRequest{}, code, false
	}
	if format != nil && *format != "text" && *format != "json" {
		e.errorf("cli.bad-format", *format, "text, json")
		return siteRequest{}, exitMisuse, false
	}
	asOf, ok := parseAsOf(e, *asOfFlag)
	if !ok {
		return siteRequest{}, exitMisuse, false
	}
	dir, code, ok := siteDir(e, fs.Name(), positional)
	if !ok {
		return siteRequest{}, code, false
	}
	return siteRequest{dir: dir, asOf: asOf}, 0, true
}

// runStages runs build.Run and turns its errors into messages and exit
// codes: a folder that is not a site, an output folder guifan may not
// write, an output --only does not know, or an internal failure.
func runStages(e *env, dir string, opt build.Options) (*build.Result, int, bool) {
	res, err := build.Run(dir, opt)
	if err == nil {
		return res, 0, true
	}
	return nil, stagesFailed(e, dir, opt, res, err), false
}

// stagesFailed says why a run of the stages failed (err, not nil) and
// returns the exit code.
func stagesFailed(e *env, dir string, opt build.Options, res *build.Result, err error) int {
	var oe *build.OutputError
	var ue *build.UnknownOutputError
	switch {
	case errors.Is(err, build.ErrNoSite):
		e.errorf("cli.no-site", dir)
	case errors.As(err, &oe):
		if res != nil {
			printer(e, res.Site).Text(e.stderr, res.Diags)
		}
		e.outputError(opt.Out, err)
	case errors.As(err, &ue):
		e.errorf("cmd.build.bad-only", ue.Name, strings.Join(build.OutputNames(), ", "))
	default:
		if res != nil {
			printer(e, res.Site).Text(e.stderr, res.Diags)
		}
		e.errorf("cli.internal", err.Error())
	}
	return exitMisuse
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
