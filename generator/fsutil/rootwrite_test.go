package fsutil

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestWriteFileAtomicIn: a file inside a root is replaced; a failure at any
// step leaves it as it was with no temporary file behind; a folder that is
// a link out of the root is refused and a file that is a link is replaced
// by the new file, its target (outside the root) untouched.
func TestWriteFileAtomicIn(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	site, outside := t.TempDir(), t.TempDir()
	if err := os.Mkdir(filepath.Join(site, "audit"), 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	name := filepath.Join("audit", "attestations.toml")
	path := filepath.Join(site, name)
	orig := []byte("# 原有内容\n")
	if err := os.WriteFile(path, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"create", "write", "chmod", "sync", "close", "rename"} {
		failAt = func(s string) error {
			if s == step {
				return errors.New("injected failure at " + s)
			}
			return nil
		}
		err := WriteFileAtomicIn(root, name, []byte("新内容\n"), 0o644)
		failAt = nil
		if err == nil {
			t.Fatalf("no error from a failure at %s", step)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
			t.Errorf("the file changed after a failure at %s: %q", step, got)
		}
		onlyFile(t, filepath.Join(site, "audit"), "attestations.toml")
	}
	if err := WriteFileAtomicIn(root, name, []byte("新内容\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "新内容\n" {
		t.Errorf("after the write: %q", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want the old file's 0640", st.Mode().Perm())
	}

	// A file that is a link to a file outside: the link is replaced.
	target := filepath.Join(outside, "victim.toml")
	if err := os.WriteFile(target, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join("audit", "link.toml")
	if err := os.Symlink(target, filepath.Join(site, link)); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomicIn(root, link, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, orig) {
		t.Errorf("the write followed a link out of the root: %q", got)
	}
	if st, err := os.Lstat(filepath.Join(site, link)); err != nil || !st.Mode().IsRegular() {
		t.Errorf("the link was not replaced by a file: %v %v", st, err)
	}

	// A folder that is a link out of the root: refused, nothing written.
	if err := os.Symlink(outside, filepath.Join(site, "out")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomicIn(root, filepath.Join("out", "victim.toml"), []byte("x\n"), 0o644); err == nil {
		t.Error("a write through a folder link out of the root succeeded")
	}
	if err := WriteFileAtomicIn(root, filepath.Join("..", filepath.Base(outside), "victim.toml"), []byte("x\n"), 0o644); err == nil {
		t.Error("a write through .. succeeded")
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, orig) {
		t.Errorf("a file outside the root was written: %q", got)
	}
	onlyFile(t, outside, "victim.toml")
}
