package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"guifan/generator/audit"
	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/excel"
	"guifan/generator/fsutil"
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
	data, ok := readWorkbook(e, book)
	if !ok {
		return exitMisuse
	}
	meta, rows, err := excel.Read(data)
	if err != nil {
		switch {
		case errors.Is(err, excel.ErrNotAudit):
			e.errorf("cmd.audit.not-audit", book)
		case errors.Is(err, excel.ErrNotWorkbook):
			e.errorf("cmd.audit.not-workbook", book)
		case errors.Is(err, excel.ErrEncrypted):
			e.errorf("cmd.audit.encrypted", book)
		case errors.Is(err, excel.ErrTooLarge):
			e.errorf("cmd.audit.too-large", book, fsutil.Size(model.MaxWorkbookBytes))
		case errors.Is(err, excel.ErrInflates):
			e.errorf("cmd.audit.inflates", book, fsutil.Size(model.MaxWorkbookUnzipped))
		default:
			e.errorf("cmd.audit.damaged", book)
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
	// The file is read once: its text is what gets edited and backed up.
	old, ad := audit.Read(site.FS())
	diags.Append(ad)
	var existing []coverage.Attestation
	if old != nil && ad.Errors() == 0 {
		var pd diag.List
		existing, _, pd = audit.Parse(old, fw, today)
		diags.Append(pd)
	}
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
		if r.Invalid != "" {
			e.errorf("cmd.audit.bad-text", r.Row, r.Requirement, diag.Key("excel.col."+r.Invalid))
			bad++
			continue
		}
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
			e.errorf("cmd.audit.bad-date", r.Row, r.Requirement, r.RawDate, model.MinYear, model.MaxYear)
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
	text, rewritten, err := audit.Write(old, e.cat.T("cmd.audit.file-header"), merged)
	if err != nil {
		// The edited text would not read back as the merged attestations:
		// a defect of guifan, and nothing is written.
		e.errorf("cmd.audit.edit-failed", audit.File)
		return exitMisuse
	}
	if o.dryRun {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.dry-run-done", n))
		return exitOK
	}
	path := filepath.Join(dir, filepath.FromSlash(audit.File))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		e.errorf("cmd.audit.write-failed", path, writeReason(e, err))
		return exitMisuse
	}
	// The previous version is kept beside the file; the file itself is
	// replaced in one step, so that it holds the old text or the new one
	// whatever happens.
	backup := path + ".bak"
	// Someone may have saved the file in an editor since it was read; their
	// change must not be overwritten.
	if now, err := os.ReadFile(path); (old == nil) != errors.Is(err, os.ErrNotExist) || old != nil && !bytes.Equal(now, old) {
		e.errorf("cmd.audit.changed-meanwhile", path)
		return exitInvalid
	}
	if old != nil {
		if err := writeFileAtomic(backup, old, 0o644); err != nil {
			e.errorf("cmd.audit.backup-failed", backup, writeReason(e, err), path)
			return exitMisuse
		}
	}
	if err := writeFileAtomic(path, text, 0o644); err != nil {
		e.errorf("cmd.audit.write-failed", path, writeReason(e, err))
		return exitMisuse
	}
	if rewritten {
		e.errorf("cmd.audit.rewritten", path, backup)
	}
	if old != nil {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.written-backup", n, path, backup))
	} else {
		fmt.Fprintln(e.stdout, e.cat.T("cmd.audit.written", n, path))
	}
	return exitOK
}

// writeFileAtomic is fsutil.WriteFileAtomic; tests replace it to make a
// write fail.
var writeFileAtomic = fsutil.WriteFileAtomic

// writeReason says in the user's language why a file could not be written.
func writeReason(e *env, err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return e.cat.T("cmd.audit.reason-permission")
	case errors.Is(err, syscall.ENOSPC):
		return e.cat.T("cmd.audit.reason-disk-full")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return e.cat.T("cmd.audit.reason-other", err.Error())
}

// readWorkbook reads the auditor's workbook as guifan reads every file
// (fsutil.ReadFile): a regular file (not a folder, pipe or device, which
// could make the read wait or never end) of at most
// model.MaxWorkbookBytes, however large the file says it is.
func readWorkbook(e *env, path string) ([]byte, bool) {
	data, err := fsutil.ReadFile(os.DirFS(filepath.Dir(path)), filepath.Base(path), model.MaxWorkbookBytes)
	if err == nil {
		return data, true
	}
	if re, ok := fsutil.IsRefused(err); ok && re.Reason == fsutil.TooLarge {
		e.errorf("cmd.audit.too-large", path, fsutil.Size(model.MaxWorkbookBytes))
	} else if ok {
		e.errorf("cmd.audit.not-regular", path)
	} else if errors.Is(err, fs.ErrNotExist) {
		e.errorf("cmd.audit.no-workbook", path)
	} else {
		e.errorf("cmd.audit.read-failed", path, writeReason(e, err))
	}
	return nil, false
}
