package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"guifan/generator/audit"
	"guifan/generator/diag"
	"guifan/generator/excel"
	"guifan/generator/fsutil"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/themes"
)

// AuditOptions are the choices of an audit import.
type AuditOptions struct {
	// Auditor is the auditor of rows that name none.
	Auditor string
	// AsOf is the date of rows without one, and the date the site's
	// attestations are read at. It must be given: the import reads no
	// clock, so the same workbook imported with the same date gives the
	// same file.
	AsOf model.Date
	// DryRun says what would change and writes nothing.
	DryRun bool
	// WriteFile writes a file in one step, so that it holds the old text
	// or the new one whatever happens; nil is fsutil.WriteFileAtomicIn
	// through an os.Root of the site.
	// Tests make it fail.
	WriteFile func(path string, data []byte, perm fs.FileMode) error
}

// AuditResult is what ImportAudit did.
type AuditResult struct {
	// Site is the site imported into, for printing diagnostics.
	Site *Site
	// Changes says, requirement by requirement, what the import did (or,
	// with DryRun, would do).
	Changes []audit.Change
	// Changed counts the attestations added or changed.
	Changed int
	// BadRows counts the workbook's rows that need correcting (each is a
	// diagnostic); nothing was written when there are any.
	BadRows int
	// Path is the site's attestations file; Backup the copy of its
	// previous version ("" when there was none).
	Path, Backup string
	// Written says the file was written.
	Written bool
	// Summary counts what the import kept (unchanged entries, entries the
	// workbook left blank or did not list, comments, order) as well as
	// what it changed.
	Summary audit.Summary
	// Rewritten says the old file could not be edited entry by entry and
	// was written anew in the standard layout.
	Rewritten bool
}

// ImportError is why ImportAudit imported nothing, in the catalog's
// words: Msg is a cmd.audit.* message. Invalid says it is a problem of the
// content (the workbook belongs to another site, the file was changed
// meanwhile), not a misuse or a failure of the system.
type ImportError struct {
	Msg     diag.Msg
	Invalid bool
	Err     error // the underlying error, if any
}

func (e *ImportError) Error() string {
	if e.Err != nil {
		return e.Msg.Key + ": " + e.Err.Error()
	}
	return e.Msg.Key
}

func (e *ImportError) Unwrap() error { return e.Err }

// What an import does to each requirement's attestation (AuditResult.Changes).
const (
	AuditAdded     = audit.Added
	AuditChanged   = audit.Changed
	AuditKept      = audit.Kept
	AuditUnchanged = audit.NoChange
)

// ImportAudit imports the auditor's columns of the audit workbook at
// workbookPath (a path as the user gave it) into the attestations file of
// the site in dir: it reads the workbook, loads the site, checks that the
// workbook was made for it, merges the rows (audit.Import) and writes
// audit/attestations.toml in place, keeping the previous version as .bak.
//
// Problems of the content come back as diagnostics (the site's, the
// attestations file's, or the rows', at workbook:sheet:row): nothing is
// written when there are errors. A workbook that cannot be used, a
// workbook of another site and a file that cannot be written are an
// *ImportError; a folder that is not a site is ErrNoSite. The result is
// non-nil whenever the site was loaded.
func ImportAudit(dir, workbookPath string, opt AuditOptions) (*AuditResult, diag.List, error) {
	if opt.AsOf.IsZero() {
		return nil, nil, errors.New("build.ImportAudit: no AsOf date")
	}
	data, err := readWorkbook(workbookPath)
	if err != nil {
		return nil, nil, err
	}
	meta, rows, err := excel.Read(data)
	if err != nil {
		return nil, nil, workbookError(workbookPath, err)
	}
	site, diags, err := LoadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	res := &AuditResult{Site: site, Path: filepath.Join(dir, filepath.FromSlash(audit.File))}
	h := site.Project.Hospital
	if meta.Hospital != h.Name || meta.Framework != h.Framework {
		return res, nil, &ImportError{Msg: diag.Msg{Key: "cmd.audit.wrong-site", Args: []any{workbookPath, meta.Hospital, meta.Framework, h.Name, h.Framework}}, Invalid: true}
	}
	fw := site.Schemas.Frameworks[h.Framework]
	// The file is read once: its text is what gets edited and backed up.
	old, rd := audit.Read(site.FS())
	diags.Append(rd)
	if diags.Errors() > 0 {
		if old != nil && rd.Errors() == 0 {
			_, _, pd := audit.Parse(old, fw, opt.AsOf, audit.VerdictWords(audit.Catalogs(site.ThemeFS)...))
			diags.Append(pd)
		}
		return res, diags, nil
	}
	cats := audit.Catalogs(site.ThemeFS)
	imp, idiags, err := audit.Import(audit.Input{
		Workbook: workbookPath, Sheet: meta.Sheet, Rows: rows,
		Framework: fw, Existing: old, Auditor: opt.Auditor, AsOf: opt.AsOf,
		Words: audit.VerdictWords(cats...), Header: siteCatalog(cats, h.Lang()).T("audit.file-header"),
	})
	if err != nil {
		// The edited text would not read back as the merged
		// attestations: a defect of guifan, and nothing is written.
		return res, nil, &ImportError{Msg: diag.Msg{Key: "cmd.audit.edit-failed", Args: []any{audit.File}}, Err: err}
	}
	if imp == nil {
		// The attestations file has errors.
		return res, append(diags, idiags...), nil
	}
	res.Changes, res.Changed, res.BadRows, res.Rewritten, res.Summary = imp.Changes, imp.Changed, imp.BadRows, imp.Rewritten, imp.Summary
	if idiags.Errors() > 0 {
		return res, idiags, nil
	}
	if imp.Text == nil || opt.DryRun {
		return res, nil, nil
	}
	return res, nil, res.write(dir, old, imp.Text, opt)
}

// write replaces the attestations file old was read from by text, keeping
// old beside it as .bak (the README promises the backup). Both files are
// written through an os.Root of the site (fsutil.WriteFileAtomicIn): a
// folder that is a link out of the site, or "..", cannot take the write
// elsewhere; the attestations file itself being a link is refused, as
// replacing it would turn the link into a file.
func (res *AuditResult) write(dir string, old, text []byte, opt AuditOptions) error {
	path := res.Path
	failed := func(err error) error {
		return &ImportError{Msg: diag.Msg{Key: "cmd.audit.write-failed", Args: []any{path, writeReason(err)}}, Err: err}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return failed(err)
	}
	defer root.Close()
	name := filepath.FromSlash(audit.File)
	writeFile := func(name string, data []byte) error {
		if opt.WriteFile != nil {
			return opt.WriteFile(filepath.Join(dir, name), data, 0o644)
		}
		return fsutil.WriteFileAtomicIn(root, name, data, 0o644)
	}
	if err := root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return failed(err)
	}
	if st, err := root.Lstat(name); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return &ImportError{Msg: diag.Msg{Key: "cmd.audit.link", Args: []any{path}}, Invalid: true}
	}
	// Someone may have saved the file in an editor since it was read;
	// their change must not be overwritten.
	if now, err := root.ReadFile(name); (old == nil) != errors.Is(err, os.ErrNotExist) || old != nil && !bytes.Equal(now, old) {
		return &ImportError{Msg: diag.Msg{Key: "cmd.audit.changed-meanwhile", Args: []any{path}}, Invalid: true}
	}
	// The previous version is kept beside the file; the file itself is
	// replaced in one step, so that it holds the old text or the new one
	// whatever happens.
	backup := path + ".bak"
	if old != nil {
		if err := writeFile(name+".bak", old); err != nil {
			return &ImportError{Msg: diag.Msg{Key: "cmd.audit.backup-failed", Args: []any{backup, writeReason(err), path}}, Err: err}
		}
		res.Backup = backup
	}
	if err := writeFile(name, text); err != nil {
		return failed(err)
	}
	res.Written = true
	return nil
}

// siteCatalog returns the catalog of lang among cats (the site's
// catalogs), else the built-in one of lang.
func siteCatalog(cats []*i18n.Catalog, lang string) *i18n.Catalog {
	for _, c := range cats {
		if c.Lang == lang {
			return c
		}
	}
	theme, _ := fs.Sub(themes.FS, "default")
	c, err := i18n.Load(theme, lang)
	if err != nil {
		c, _ = i18n.Load(theme, i18n.Default)
	}
	return c
}

// readWorkbook reads the auditor's workbook as guifan reads every file
// (fsutil.ReadFile): a regular file (not a folder, pipe or device, which
// could make the read wait or never end) of at most
// model.MaxWorkbookBytes, however large the file says it is.
func readWorkbook(path string) ([]byte, error) {
	data, err := fsutil.ReadFile(os.DirFS(filepath.Dir(path)), filepath.Base(path), model.MaxWorkbookBytes)
	if err == nil {
		return data, nil
	}
	var m diag.Msg
	if re, ok := fsutil.IsRefused(err); ok && re.Reason == fsutil.TooLarge {
		m = diag.Msg{Key: "cmd.audit.too-large", Args: []any{path, fsutil.Size(model.MaxWorkbookBytes)}}
	} else if ok {
		m = diag.Msg{Key: "cmd.audit.not-regular", Args: []any{path}}
	} else if errors.Is(err, fs.ErrNotExist) {
		m = diag.Msg{Key: "cmd.audit.no-workbook", Args: []any{path}}
	} else {
		m = diag.Msg{Key: "cmd.audit.read-failed", Args: []any{path, writeReason(err)}}
	}
	return nil, &ImportError{Msg: m, Err: err}
}

// workbookError names an error of excel.Read.
func workbookError(path string, err error) error {
	m := diag.Msg{Key: "cmd.audit.damaged", Args: []any{path}}
	switch {
	case errors.Is(err, excel.ErrNotAudit):
		m = diag.Msg{Key: "cmd.audit.not-audit", Args: []any{path}}
	case errors.Is(err, excel.ErrNotWorkbook):
		m = diag.Msg{Key: "cmd.audit.not-workbook", Args: []any{path}}
	case errors.Is(err, excel.ErrEncrypted):
		m = diag.Msg{Key: "cmd.audit.encrypted", Args: []any{path}}
	case errors.Is(err, excel.ErrTooLarge):
		m = diag.Msg{Key: "cmd.audit.too-large", Args: []any{path, fsutil.Size(model.MaxWorkbookBytes)}}
	case errors.Is(err, excel.ErrInflates):
		m = diag.Msg{Key: "cmd.audit.inflates", Args: []any{path, fsutil.Size(model.MaxWorkbookUnzipped)}}
	}
	return &ImportError{Msg: m, Err: err}
}

// writeReason says in the user's language why a file could not be read or
// written: a catalog message.
func writeReason(err error) diag.Msg {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return diag.Msg{Key: "cmd.audit.reason-permission"}
	case errors.Is(err, syscall.ENOSPC):
		return diag.Msg{Key: "cmd.audit.reason-disk-full"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return diag.Msg{Key: "cmd.audit.reason-other", Args: []any{err.Error()}}
}
