package fsutil

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestWriteFileAtomic replaces a file, then fails at every step in turn
// and checks that the original is byte-identical and no temporary file is
// left behind.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "attestations.toml")
	orig := []byte("# 原有内容\n[[attestations]]\nrequirement = \"26.practice\"\n")
	if err := os.WriteFile(path, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	next := bytes.Repeat([]byte("新内容\n"), 1000)

	for _, step := range []string{"create", "write", "chmod", "sync", "close", "rename"} {
		t.Run(step, func(t *testing.T) {
			failAt = func(s string) error {
				if s == step {
					return errors.New("injected failure at " + s)
				}
				return nil
			}
			defer func() { failAt = nil }()
			if err := WriteFileAtomic(path, next, 0o644); err == nil {
				t.Fatal("no error from a failed write")
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, orig) {
				t.Errorf("the original changed after a failure at %s: %q %v", step, got, err)
			}
			onlyFile(t, dir, "attestations.toml")
		})
	}

	if err := WriteFileAtomic(path, next, 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, next) {
		t.Error("the new content was not written")
	}
	onlyFile(t, dir, "attestations.toml")
	if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want the replaced file's 0640", st.Mode().Perm())
	}

	// A new file gets perm.
	fresh := filepath.Join(dir, "new.toml")
	if err := WriteFileAtomic(fresh, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(fresh); runtime.GOOS != "windows" && st.Mode().Perm() != 0o644 {
		t.Errorf("permissions %v, want 0644", st.Mode().Perm())
	}
}

// TestWriteFileAtomicOverDirectory: a folder where the file should be is
// an error, and the folder is left as it was.
func TestWriteFileAtomicOverDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.toml")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "keep"), []byte("k"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("data"), 0o644); err == nil {
		t.Error("writing over a folder did not fail")
	}
	if st, err := os.Stat(path); err != nil || !st.IsDir() {
		t.Error("the folder was replaced")
	}
	onlyFile(t, dir, "x.toml")
}

func onlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
