package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"

	"guifan/generator/build"
)

type auditOptions struct {
	auditor string
	asOf    string
	dryRun  bool
}

func auditFlags(fs *flag.FlagSet) *auditOptions {
	o := &auditOptions{}
	fs.StringVar(&o.auditor, "auditor", "", "cmd.audit.auditor-flag")
	fs.StringVar(&o.asOf, "as-of", "", "cmd.audit.as-of")
	fs.BoolVar(&o.dryRun, "dry-run", false, "cmd.audit.dry-run")
	return o
}

// writeFileAtomic, when set, replaces how audit import writes a file
// (fsutil.WriteFileAtomic); tests set it to make a write fail.
var writeFileAtomic func(path string, data []byte, perm fs.FileMode) error

// fieldNames are the catalog keys of the keys of an attestation but its
// verdict, for saying what an import changed.
var fieldNames = map[string]string{
	"auditor":       "cmd.audit.field-auditor",
	"date":          "cmd.audit.field-date",
	"justification": "cmd.audit.field-justification",
	"note":          "cmd.audit.field-note",
}

// runAudit handles "guifan audit import WORKBOOK [DIR]": build.ImportAudit
// merges the auditor's columns of an audit workbook into the site's
// audit/attestations.toml; this prints what changed, or why nothing did.
func runAudit(e *env, args []string) int {
	fs := newFlags(e, "audit")
	o := auditFlags(fs)
	positional, code, ok := parseFlags(e, fs, args)
	if !ok {
		return code
	}
	if len(positional) < 2 || positional[0] != "import" {
		fs.Usage()
		return exitMisuse
	}
	asOf, ok := parseAsOf(e, o.asOf)
	if !ok {
		return exitMisuse
	}
	book := positional[1]
	dir, code, ok := siteDir(e, "audit", positional[2:])
	if !ok {
		return code
	}
	res, diags, err := build.ImportAudit(dir, book, build.AuditOptions{
		Auditor: o.auditor, AsOf: asOf, DryRun: o.dryRun, WriteFile: writeFileAtomic,
	})
	var ie *build.ImportError
	switch {
	case errors.Is(err, build.ErrNoSite):
		e.errorf("cli.no-site", dir)
		return exitMisuse
	case errors.As(err, &ie):
		e.errorf(ie.Msg.Key, ie.Msg.Args...)
		if ie.Invalid {
			return exitInvalid
		}
		return exitMisuse
	case err != nil:
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	if diags.Errors() > 0 {
		printer(e, res.Site).Text(e.stderr, diags)
		if res.BadRows > 0 {
			e.errorf("cmd.audit.nothing-written", res.BadRows)
		}
		return exitInvalid
	}
	status := func(v any) string { return e.cat.T(fmt.Sprint("status.", v)) }
	for _, c := range res.Changes {
		switch c.Kind {
		case build.AuditAdded:
			fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.added", c.Requirement, status(c.After.Verdict), c.After.Auditor, c.After.Date.String()))
		case build.AuditChanged:
			fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.changed", c.Requirement, status(c.Before.Verdict), status(c.After.Verdict), c.After.Auditor, c.After.Date.String()))
			// What else changed, key by key (the verdict is on the line).
			for _, f := range c.Fields() {
				if f.Field == "verdict" {
					continue
				}
				show := func(v string) string {
					if v == "" {
						return e.cat.T("cmd.audit.blank")
					}
					return v
				}
				fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.field", e.cat.T(fieldNames[f.Field]), show(f.Before), show(f.After)))
			}
		case build.AuditKept:
			fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.kept", c.Requirement, status(c.Before.Verdict), c.Before.Date.String()))
		}
	}
	// What was kept as well as what changed.
	sum := res.Summary
	order := e.cat.T("cmd.audit.order-kept")
	if !sum.OrderKept {
		order = e.cat.T("cmd.audit.order-lost")
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.summary-line", sum.Added, sum.Changed, sum.Unchanged, sum.Blank, sum.NotListed, sum.CommentsKept, sum.Comments, order))
	switch {
	case res.Changed == 0:
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.no-change"))
	case o.dryRun:
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.dry-run-done", res.Changed))
	case res.Backup != "":
		if res.Rewritten {
			e.errorf("cmd.audit.rewritten", res.Path, res.Backup)
		}
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.written-backup", res.Changed, res.Path, res.Backup))
	default:
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.written", res.Changed, res.Path))
	}
	return exitOK
}
