package main

import (
	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/report"
)

// runReport prints the compliance-gap report. Content errors are printed
// first and make the exit code 1, but the report is still produced from
// what could be read, because a gap report is most useful exactly when
// things are incomplete.
func runReport(e *env, args []string) int {
	fs := newFlags(e, "report")
	o := formatFlags(fs)
	op, code, ok := openSite(e, fs, args, &o.asOf, &o.format)
	if !ok {
		return code
	}
	site, diags, asOf := op.site, op.diags, op.asOf
	diags.Append(site.Check(asOf))
	rep, ad := makeReport(e, site, asOf, o.format == "json")
	diags.Append(ad)
	diags.Sort()
	if diags.Errors() > 0 {
		printer(e, site).Text(e.stderr, diags)
		summarize(e, diags, len(site.Project.Docs))
	}
	if rep == nil {
		return exitInvalid
	}
	if o.format == "json" {
		if err := rep.WriteJSON(e.stdout); err != nil {
			e.errorf("cli.internal", err.Error())
			return exitMisuse
		}
	} else {
		rep.WriteText(e.stdout, e.cat.T)
	}
	if diags.Errors() > 0 {
		return exitInvalid
	}
	return exitOK
}

// makeReport assesses the site. The JSON report is in the site's default
// language; the text report in the interface language.
func makeReport(e *env, site *build.Site, asOf model.Date, siteLang bool) (*report.Report, diag.List) {
	m, diags := site.Assess(asOf)
	if m == nil {
		return nil, diags
	}
	cat := e.cat
	if siteLang {
		c, err := i18n.Load(site.ThemeFS, site.Project.Hospital.Lang())
		if err == nil {
			cat = c
		}
	}
	return report.Build(m, site.Project.Hospital.Name, cat, report.AllDocuments()), diags
}
