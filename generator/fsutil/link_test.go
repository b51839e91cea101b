package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestLinkFile: a file whose stamp is the one recorded is stored (a link
// on Linux: the same file); one changed since, or a stamp without inode,
// is refused and nothing is made.
func TestLinkFile(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no inodes: LinkFile is not used")
	}
	a, b := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(a, "x.pdf"), []byte("%PDF x"), 0o644)
	from, _ := os.OpenRoot(a)
	to, _ := os.OpenRoot(b)
	defer from.Close()
	defer to.Close()
	fi, _ := os.Lstat(filepath.Join(a, "x.pdf"))
	want := StampOf(fi)
	if n, err := LinkFile(from, "x.pdf", to, "y.pdf", want); err != nil || n != 6 {
		t.Fatal(n, err)
	}
	got, _ := os.Lstat(filepath.Join(b, "y.pdf"))
	if runtime.GOOS == "linux" && !os.SameFile(fi, got) {
		t.Error("not linked")
	}
	os.WriteFile(filepath.Join(a, "x.pdf"), []byte("%PDF z"), 0o644)
	if _, err := LinkFile(from, "x.pdf", to, "z.pdf", want); !errors.Is(err, ErrChanged) {
		t.Errorf("changed file: %v", err)
	}
	if _, err := LinkFile(from, "x.pdf", to, "w.pdf", Stamp{Size: 6}); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("stamp without inode: %v", err)
	}
	for _, n := range []string{"z.pdf", "w.pdf"} {
		if _, err := os.Lstat(filepath.Join(b, n)); err == nil {
			t.Errorf("%s made", n)
		}
	}
}
