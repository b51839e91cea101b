//go:build unix

package fsutil

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSiteFSRefusesPipes: a named pipe named like a document is refused
// without being opened (opening it for reading would wait for a writer for
// ever), directly and through a link inside the site.
func TestSiteFSRefusesPipes(t *testing.T) {
	dir := site(t, nil)
	pipe := filepath.Join(dir, "content", "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	symlink(t, "pipe.md", filepath.Join(dir, "content", "via-link.md"))
	fsys, err := SiteFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"content/pipe.md", "content/via-link.md"} {
		done := make(chan error, 1)
		go func() {
			_, err := fs.ReadFile(fsys, name)
			if err == nil {
				_, err = fsys.Open(name)
			}
			done <- err
		}()
		select {
		case err := <-done:
			if re, ok := IsRefused(err); !ok || re.Reason != Special || re.Kind != "fifo" {
				t.Errorf("%s: %v, want a refusal as a pipe", name, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: reading a pipe hangs", name)
		}
	}
}
