//go:build unix

package build_test

import (
	"os"
	"path/filepath"
	"strings"
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

// TestSamePagesLinked: a rebuild stores a page that comes out the same as
// the previous build's as that file (a link: the same inode), a page
// altered by hand in the output (same size) and the page of an edited
// document as new files; every file is a cold build's bytes.
func TestSamePagesLinked(t *testing.T) {
	t.Parallel()
	site := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	out := filepath.Join(t.TempDir(), "out")
	opt := build.Options{Goal: build.GoalBuild, AsOf: asOf, Out: out, Only: []string{"site"}}
	run := func() {
		t.Helper()
		if res, err := build.Run(site, opt); err != nil || res.Invalid() {
			t.Fatal(err, res.Diags)
		}
	}
	ino := func(rel string) uint64 {
		t.Helper()
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Sys().(*syscall.Stat_t).Ino
	}
	run()
	same, altered, edited := "site/index.html", "site/docs/reg-duty.html", "site/docs/reg-backup.html"
	before := map[string]uint64{same: ino(same), altered: ino(altered), edited: ino(edited)}
	page, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(altered)))
	hand := []byte(strings.Replace(string(page), "<", "{", 1))
	os.WriteFile(filepath.Join(out, filepath.FromSlash(altered)), hand, 0o644)
	doc := filepath.Join(site, "content", "regulations", "reg-backup.md")
	data, _ := os.ReadFile(doc)
	os.WriteFile(doc, []byte(strings.Replace(string(data), "## 目的", "## 目的\n\n数据备份管理。", 1)), 0o644)
	run()
	if ino(same) != before[same] {
		t.Errorf("%s, the same as before, was written again", same)
	}
	for _, p := range []string{altered, edited} {
		if ino(p) == before[p] {
			t.Errorf("%s, changed, is still the previous file", p)
		}
	}
	cold := filepath.Join(t.TempDir(), "cold")
	copt := opt
	copt.Out = cold
	if res, err := build.Run(site, copt); err != nil || res.Invalid() {
		t.Fatal(err)
	}
	sameTree(t, "rebuild", readTree(t, out), readTree(t, cold))
}
