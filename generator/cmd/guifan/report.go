package main

import (
	"flag"

	"guifan/generator/build"
)

// runReport prints the compliance-gap report. Content errors are printed
// first and make the exit code 1, but the report is still produced from
// what could be read, because a gap report is most useful exactly when
// things are incomplete. The JSON report is in the site's default
// language; the text report in the interface language.
func runReport(e *env, args []string) int {
	fs := newFlags(e, "report")
	o := formatFlags(fs)
	submit := submitFlag(fs)
	req, code, ok := parseSiteArgs(e, fs, args, &o.asOf, &o.format)
	if !ok {
		return code
	}
	json := o.format == "json"
	opt := build.Options{Goal: build.GoalReport, AsOf: req.asOf, Submit: *submit}
	if !json {
		opt.Catalog = e.cat
	}
	res, code, ok := runStages(e, req.dir, opt)
	if !ok {
		return code
	}
	if res.Invalid() {
		printer(e, res.Site).Text(e.stderr, res.Diags)
		summarize(e, res.Diags, res.Docs)
	}
	if res.Report == nil {
		return exitInvalid
	}
	if *submit {
		if res.Submission == nil {
			return exitInvalid
		}
		if _, err := e.stdout.Write(res.Submission); err != nil {
			e.errorf("cli.internal", err.Error())
			return exitMisuse
		}
	} else if err := res.WriteReport(e.stdout, json, e.cat); err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	if res.Invalid() {
		return exitInvalid
	}
	return exitOK
}

// submitFlag is report's --submit: print the submission file instead.
func submitFlag(fs *flag.FlagSet) *bool { return fs.Bool("submit", false, "cmd.report.submit") }
