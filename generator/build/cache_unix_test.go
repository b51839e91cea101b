//go:build unix

package build_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"guifan/generator/build"
)

// TestCacheNeverWaits: a pipe put in the output folder where the cache
// index or a previous PDF was is not read (a read would wait forever);
// the build makes the file again.
func TestCacheNeverWaits(t *testing.T) {
	t.Parallel()
	site := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	out := filepath.Join(t.TempDir(), "out")
	opt := build.Options{Goal: build.GoalBuild, AsOf: asOf, Out: out, Only: []string{"pdf"}}
	if res, err := build.Run(site, opt); err != nil || res.Invalid() {
		t.Fatal(err)
	}
	pdf := filepath.Join(out, "site", "pdf", "docs", "reg-duty.pdf")
	want, _ := os.ReadFile(pdf)
	os.Remove(pdf)
	if err := syscall.Mkfifo(pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(site, opt)
	if err != nil || res.Invalid() || res.Reused == 0 {
		t.Fatal(err, res)
	}
	if got, _ := os.ReadFile(pdf); string(got) != string(want) {
		t.Error("the PDF behind a pipe was not made again")
	}
	index := filepath.Join(out, ".guifan-cache.json")
	os.Remove(index)
	if err := syscall.Mkfifo(index, 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := build.Run(site, opt); err != nil || res.Invalid() || res.Reused != 0 {
		t.Fatal(err, res.Reused)
	}
}
