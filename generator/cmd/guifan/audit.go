package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"guifan/generator/audit"
	"guifan/generator/coverage"
	"guifan/generator/excel"
	"guifan/generator/model"
)

type auditOptions struct {
	auditor string
	dryRun  bool
}

func auditFlags(fs *flag.FlagSet) *auditOptions {
	o := &auditOptions{}
	fs.StringVar(&o.auditor, "auditor", "", "cmd.audit.auditor-flag")
	fs.BoolVar(&o.dryRun, "dry-run", false, "cmd.audit.dry-run")
	return o
}

// runAudit handles "guifan audit import WORKBOOK [DIR]": it reads the
// auditor's columns of an audit workbook and merges them into the site's
// audit/attestations.toml, saying what changed.
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
	book := positional[1]
	dir, code, ok := siteDir(e, "audit", positional[2:])
	if !ok {
		return code
	}
	data, err := os.ReadFile(book)
	if err != nil {
		e.errorf("cmd.audit.read-failed", book, err.Error())
		return exitMisuse
	}
	meta, rows, err := excel.Read(data)
	if err != nil {
		if errors.Is(err, excel.ErrNotAudit) {
			e.errorf("cmd.audit.not-audit", book)
		} else {
			e.errorf("cmd.audit.read-failed", book, err.Error())
		}
		return exitMisuse
	}
	site, diags, code, ok := loadSite(e, dir)
	if !ok {
		return code
	}
	h := site.Project.Hospital
	if meta.Hospital != h.Name || meta.Framework != h.Framework {
		e.errorf("cmd.audit.wrong-site", book, meta.Hospital, meta.Framework, h.Name, h.Framework)
		return exitInvalid
	}
	fw := site.Schemas.Frameworks[h.Framework]
	today := model.DateOf(time.Now())
	existing, _, ad := audit.Load(os.DirFS(dir), fw, today)
	diags.Append(ad)
	if diags.Errors() > 0 {
		printer(e, site).Text(e.stderr, diags)
		return exitInvalid
	}
	known := map[string]bool{}
	for _, a := range fw.Articles {
		for _, r := range a.Requirements {
			known[r.ID] = true
		}
	}
	byReq := map[string]coverage.Attestation{}
	for _, a := range existing {
		byReq[a.Requirement] = a
	}
	listed := map[string]bool{}
	var incoming []coverage.Attestation
	bad := 0
	for _, r := range rows {
		listed[r.Requirement] = true
		if r.Verdict == "" {
			continue // a note without a verdict changes nothing
		}
		if !known[r.Requirement] {
			e.errorf("cmd.audit.unknown-requirement", r.Row, r.Requirement)
			bad++
			continue
		}
		v, ok := audit.ParseVerdict(r.Verdict)
		if !ok {
			e.errorf("cmd.audit.bad-verdict", r.Row, r.Requirement, r.Verdict)
			bad++
			continue
		}
		auditor := r.Auditor
		if auditor == "" {
			auditor = o.auditor
		}
		if auditor == "" {
			e.errorf("cmd.audit.no-auditor", r.Row, r.Requirement)
			bad++
			continue
		}
		date := today
		if r.Date != "" {
			date, _ = model.ParseDate(r.Date)
		} else if r.RawDate != "" {
			e.errorf("cmd.audit.bad-date", r.Row, r.Requirement, r.RawDate)
			bad++
			continue
		}
		if v == coverage.NotApplicable && strings.TrimSpace(r.Note) == "" {
			e.errorf("cmd.audit.no-justification", r.Row, r.Requirement)
			bad++
			continue
		}
		if old, ok := byReq[r.Requirement]; ok && audit.Unchanged(old, v, r.Note, auditor, date) {
			incoming = append(incoming, old)
			continue
		}
		incoming = append(incoming, audit.Incoming(r.Requirement, v, r.Note, auditor, date))
	}
	if bad > 0 {
		e.errorf("cmd.audit.nothing-written", bad)
		return exitInvalid
	}
	merged, changes := audit.Merge(existing, incoming, listed)
	n := 0
	for _, c := range changes {
		switch c.Kind {
		case "added":
			fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.added", c.Requirement, e.cat.T("status."+string(c.After.Verdict)), c.After.Auditor, c.After.Date.String()))
			n++
		case "changed":
			fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.changed", c.Requirement, e.cat.T("status."+string(c.Before.Verdict)), e.cat.T("status."+string(c.After.Verdict)), c.After.Auditor, c.After.Date.String()))
			n++
		case "kept":
			fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.kept", c.Requirement, e.cat.T("status."+string(c.Before.Verdict)), c.Before.Date.String()))
		}
	}
	if n == 0 {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.no-change"))
		return exitOK
	}
	if o.dryRun {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.dry-run-done", n))
		return exitOK
	}
	path := filepath.Join(dir, filepath.FromSlash(audit.File))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		e.errorf("cmd.audit.write-failed", path, err.Error())
		return exitMisuse
	}
	if err := os.WriteFile(path, audit.Format(e.cat.T("cmd.audit.file-header"), merged), 0o644); err != nil {
		e.errorf("cmd.audit.write-failed", path, err.Error())
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.written", n, path))
	return exitOK
}
