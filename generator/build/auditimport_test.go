package build_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/i18n"
)

// auditBook builds the audit workbook of the site in dir (the site's copy)
// and writes it beside the site.
func auditBook(t *testing.T, dir string) string {
	t.Helper()
	site, diags, err := build.LoadDir(dir)
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	m, _ := site.Assess(asOf)
	cat, err := i18n.Load(site.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := site.Outputs(m, asOf, cat, []string{"excel"})
	if err != nil {
		t.Fatal(err)
	}
	book := files["site/excel/audit-checklist.xlsx"]
	if len(book) == 0 {
		t.Fatal("no audit workbook")
	}
	path := filepath.Join(t.TempDir(), "审核清单.xlsx")
	if err := os.WriteFile(path, book, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// dropLast removes the last [[attestations]] entry of a site's file and
// returns the file's path and its new text.
func dropLast(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	att := filepath.Join(dir, "audit", "attestations.toml")
	data, err := os.ReadFile(att)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.LastIndex(string(data), "[[attestations]]")
	if i < 0 || strings.Count(string(data), "[[attestations]]") < 2 {
		t.Fatalf("the example has too few attestations:\n%s", data)
	}
	short := data[:i]
	if err := os.WriteFile(att, short, 0o644); err != nil {
		t.Fatal(err)
	}
	return att, short
}

// TestImportAudit: the workbook of a site restores an attestation another
// copy of the site lost; the previous version is kept; a dry run and a
// second import write nothing.
func TestImportAudit(t *testing.T) {
	t.Parallel()
	src := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	book := auditBook(t, src)
	dir := copySite(t, src)
	att, short := dropLast(t, dir)

	res, diags, err := build.ImportAudit(dir, book, build.AuditOptions{AsOf: asOf, DryRun: true})
	if err != nil || len(diags) > 0 || res.Changed != 1 || res.Written {
		t.Fatalf("dry run: %v %v %+v", err, diags, res)
	}
	if now, _ := os.ReadFile(att); string(now) != string(short) {
		t.Error("a dry run wrote the file")
	}

	res, diags, err = build.ImportAudit(dir, book, build.AuditOptions{AsOf: asOf})
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if res.Changed != 1 || !res.Written || res.Path != att || res.Backup != att+".bak" || len(res.Changes) == 0 {
		t.Errorf("result %+v", res)
	}
	want, _ := os.ReadFile(filepath.Join(src, "audit", "attestations.toml"))
	lost := regexp.MustCompile(`requirement = "([^"]+)"`).FindStringSubmatch(string(want[len(short):]))
	got, _ := os.ReadFile(att)
	kinds := map[string]string{}
	for _, c := range res.Changes {
		kinds[c.Requirement] = string(c.Kind)
	}
	if lost == nil || strings.Contains(string(short), lost[0]) || !strings.Contains(string(got), lost[0]) || kinds[lost[1]] != "added" {
		t.Errorf("the lost entry (%v) was not restored: %v\n%s", lost, kinds, got)
	}
	if bak, _ := os.ReadFile(att + ".bak"); string(bak) != string(short) {
		t.Errorf("the backup is not the previous version:\n%s", bak)
	}
	res, diags, err = build.ImportAudit(dir, book, build.AuditOptions{AsOf: asOf})
	if err != nil || len(diags) > 0 || res.Changed != 0 || res.Written {
		t.Errorf("importing again: %v %v %+v", err, diags, res)
	}
}

// importError returns err as an *ImportError, failing the test when it is
// none.
func importError(t *testing.T, what string, err error) *build.ImportError {
	t.Helper()
	var ie *build.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("%s: error %v, want an ImportError", what, err)
	}
	return ie
}

// TestImportAuditRefusals: what cannot be imported comes back as an
// ImportError with a catalog message (Invalid for the content's
// problems), and the attestations file is untouched.
func TestImportAuditRefusals(t *testing.T) {
	t.Parallel()
	src := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	book := auditBook(t, src)
	dir := copySite(t, src)
	att, short := dropLast(t, dir)
	text := filepath.Join(t.TempDir(), "book.xlsx")
	os.WriteFile(text, []byte("requirement,verdict\n"), 0o644)
	opt := build.AuditOptions{AsOf: asOf}

	for _, c := range []struct {
		what, book, key string
	}{
		{"a missing workbook", filepath.Join(t.TempDir(), "无.xlsx"), "cmd.audit.no-workbook"},
		{"a folder", t.TempDir(), "cmd.audit.not-regular"},
		{"a text file", text, "cmd.audit.not-workbook"},
	} {
		res, _, err := build.ImportAudit(dir, c.book, opt)
		ie := importError(t, c.what, err)
		if ie.Msg.Key != c.key || ie.Invalid || res != nil || ie.Msg.Args[0] != c.book {
			t.Errorf("%s: %+v, want %s", c.what, ie, c.key)
		}
	}

	// Another hospital.
	other := copySite(t, src)
	h := filepath.Join(other, "hospital.toml")
	settings, _ := os.ReadFile(h)
	os.WriteFile(h, []byte(strings.Replace(string(settings), "示例社区卫生服务中心", "另一家中心", 1)), 0o644)
	if _, _, err := build.ImportAudit(other, book, opt); importError(t, "another hospital", err).Msg.Key != "cmd.audit.wrong-site" || !importError(t, "another hospital", err).Invalid {
		t.Errorf("another hospital: %v", err)
	}

	// No site; no date.
	if _, _, err := build.ImportAudit(t.TempDir(), book, opt); !errors.Is(err, build.ErrNoSite) {
		t.Errorf("a folder without hospital.toml: %v", err)
	}
	if _, _, err := build.ImportAudit(dir, book, build.AuditOptions{}); err == nil {
		t.Error("an import without a date was accepted")
	}

	// A full disk while the file is written: the reason is the catalog's.
	opt.WriteFile = func(path string, data []byte, perm fs.FileMode) error {
		if strings.HasSuffix(path, "attestations.toml") {
			return &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return fsutil.WriteFileAtomic(path, data, perm)
	}
	res, _, err := build.ImportAudit(dir, book, opt)
	ie := importError(t, "a full disk", err)
	if ie.Msg.Key != "cmd.audit.write-failed" || ie.Invalid || !isMsg(ie.Msg.Args[1], "cmd.audit.reason-disk-full") || res.Written || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("a full disk: %+v %+v", ie, res)
	}
	if now, _ := os.ReadFile(att); string(now) != string(short) {
		t.Error("a failed write changed the file")
	}
}

// TestImportAuditBrokenFile: an attestations file with errors is
// reported at the file, and nothing is imported.
func TestImportAuditBrokenFile(t *testing.T) {
	t.Parallel()
	src := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	book := auditBook(t, src)
	dir := copySite(t, src)
	att := filepath.Join(dir, "audit", "attestations.toml")
	broken := []byte("[[attestations]]\nrequirement = \"26.practice\"\nverdict = \"maybe\"\nauditor = \"周宏\"\ndate = 2026-11-12\n")
	os.WriteFile(att, broken, 0o644)
	res, diags, err := build.ImportAudit(dir, book, build.AuditOptions{AsOf: asOf})
	if err != nil || res == nil || res.Site == nil || diags.Errors() != 1 || diags[len(diags)-1].Code != "attest.verdict" || diags[len(diags)-1].Pos.File != "audit/attestations.toml" {
		t.Errorf("a broken attestations file: %v %v", err, diags)
	}
	if now, _ := os.ReadFile(att); string(now) != string(broken) {
		t.Error("the broken file was changed")
	}
}

// isMsg reports whether arg is a catalog message of key.
func isMsg(arg any, key string) bool {
	m, ok := arg.(diag.Msg)
	return ok && m.Key == key
}
