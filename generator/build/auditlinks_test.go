package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"guifan/generator/build"
)

// TestImportAuditLinks: audit import writes only the site's own
// audit/attestations.toml and its .bak, and no link takes the write out
// of the site: an attestations file or audit folder that is a link out of
// the site is refused (the file outside unchanged), an attestations file
// that is a link inside the site is refused rather than turned into a
// plain file, and a .bak that is a link to a file outside is replaced by
// the backup, its target unchanged. The write leaves no temporary file.
func TestImportAuditLinks(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	src := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	book := auditBook(t, src)
	opt := build.AuditOptions{AsOf: asOf}

	// setup copies the site, drops its last attestation (so that the
	// import has something to write) and moves the file outside, leaving
	// what link makes in its place.
	setup := func(t *testing.T, link func(dir, outside string, short []byte)) (dir, outside string, short []byte) {
		dir = copySite(t, src)
		_, short = dropLast(t, dir)
		outside = t.TempDir()
		if err := os.WriteFile(filepath.Join(outside, "attestations.toml"), short, 0o644); err != nil {
			t.Fatal(err)
		}
		link(dir, outside, short)
		return dir, outside, short
	}
	unchanged := func(t *testing.T, outside string, short []byte) {
		t.Helper()
		if got, err := os.ReadFile(filepath.Join(outside, "attestations.toml")); err != nil || !bytes.Equal(got, short) {
			t.Errorf("a file outside the site was written: %v\n%s", err, got)
		}
		if es, _ := os.ReadDir(outside); len(es) != 1 {
			t.Errorf("files outside the site: %v", es)
		}
	}
	mustLink := func(target, name string) {
		os.RemoveAll(name)
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("file links out", func(t *testing.T) {
		dir, outside, short := setup(t, func(dir, outside string, _ []byte) {
			mustLink(filepath.Join(outside, "attestations.toml"), filepath.Join(dir, "audit", "attestations.toml"))
		})
		res, diags, err := build.ImportAudit(dir, book, opt)
		if err == nil && diags.Errors() == 0 || res != nil && res.Written {
			t.Errorf("imported through a link out of the site: %v %v %+v", err, diags, res)
		}
		unchanged(t, outside, short)
	})
	t.Run("folder links out", func(t *testing.T) {
		dir, outside, short := setup(t, func(dir, outside string, _ []byte) {
			mustLink(outside, filepath.Join(dir, "audit"))
		})
		res, diags, err := build.ImportAudit(dir, book, opt)
		if err == nil && diags.Errors() == 0 || res != nil && res.Written {
			t.Errorf("imported through a folder link out of the site: %v %v %+v", err, diags, res)
		}
		unchanged(t, outside, short)
	})
	t.Run("file links inside", func(t *testing.T) {
		dir, _, short := setup(t, func(dir, _ string, short []byte) {
			os.WriteFile(filepath.Join(dir, "audit", "kept.toml"), short, 0o644)
			mustLink("kept.toml", filepath.Join(dir, "audit", "attestations.toml"))
		})
		_, _, err := build.ImportAudit(dir, book, opt)
		if ie := importError(t, "a link inside the site", err); ie.Msg.Key != "cmd.audit.link" || !ie.Invalid {
			t.Errorf("a link inside the site: %+v", ie)
		}
		if st, err := os.Lstat(filepath.Join(dir, "audit", "attestations.toml")); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Error("the link was replaced")
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "audit", "kept.toml")); !bytes.Equal(got, short) {
			t.Error("the link's target was written")
		}
	})
	t.Run("backup links out", func(t *testing.T) {
		dir, outside, short := setup(t, func(dir, outside string, _ []byte) {
			mustLink(filepath.Join(outside, "attestations.toml"), filepath.Join(dir, "audit", "attestations.toml.bak"))
		})
		res, diags, err := build.ImportAudit(dir, book, opt)
		if err != nil || diags.Errors() > 0 || !res.Written || res.Changed != 1 {
			t.Fatalf("import: %v %v %+v", err, diags, res)
		}
		unchanged(t, outside, short)
		bak := filepath.Join(dir, "audit", "attestations.toml.bak")
		if st, err := os.Lstat(bak); err != nil || !st.Mode().IsRegular() {
			t.Errorf("the .bak is not a plain file: %v %v", st, err)
		}
		if got, _ := os.ReadFile(bak); !bytes.Equal(got, short) {
			t.Error("the .bak is not the previous version")
		}
		es, _ := os.ReadDir(filepath.Join(dir, "audit"))
		for _, e := range es {
			if n := e.Name(); n != "attestations.toml" && n != "attestations.toml.bak" {
				t.Errorf("left in audit/: %s", n)
			}
		}
	})
}
