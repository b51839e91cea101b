package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"guifan/generator/model"
)

// TestStagingAbortLeavesPrevious: files put into a build's output folder
// are on disk before it is published, in the hidden folder beside the
// output; an aborted build removes that folder and its lock and leaves the
// previous output as it was; a bad name is refused when it is put.
func TestStagingAbortLeavesPrevious(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "output")
	if err := Publish(out, "", map[string][]byte{"site/index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	st, err := beginPublish(out, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.put("site/docs/a/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(st.tmp, "site", "docs", "a", "index.html")); err != nil || string(got) != "new" {
		t.Errorf("a file put is not written at once: %q, %v", got, err)
	}
	if n, ok := st.size("site/docs/a/index.html"); !ok || n != 3 {
		t.Errorf("size: %d, %v", n, ok)
	}
	var oe *OutputError
	for _, bad := range []string{"../x", "/abs", Marker, "a/./b", "con:x"} {
		if err := st.put(bad, nil); !errors.As(err, &oe) || oe.Code != OutBadName {
			t.Errorf("put(%q): %v; want %s", bad, err, OutBadName)
		}
	}
	if _, err := beginPublish(out, ""); !errors.As(err, &oe) || oe.Code != OutLocked {
		t.Errorf("a second build while one writes: %v; want %s", err, OutLocked)
	}
	st.abort()
	if _, err := os.Stat(st.tmp); !os.IsNotExist(err) {
		t.Errorf("the temporary folder is left after abort: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "site", "index.html")); string(got) != "old" {
		t.Errorf("the previous output changed: %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "site", "docs")); !os.IsNotExist(err) {
		t.Error("an aborted build's file reached the output")
	}
	// The lock is released: the next build publishes.
	st, err = beginPublish(out, "")
	if err != nil {
		t.Fatal(err)
	}
	st.put("site/index.html", []byte("newer"))
	if err := st.commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "site", "index.html")); string(got) != "newer" {
		t.Errorf("after commit: %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestPublishedIsInMemory: a build written into the output folder as it
// goes holds exactly the files, with the same bytes, that the same build
// in memory returns (besides the marker and the reuse cache's index).
func TestPublishedIsInMemory(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	only := []string{"site", "forms", "report"}
	mem, err := Run(dir, Options{Goal: GoalBuild, AsOf: sinkAsOf, Only: only, InMemory: true})
	if err != nil || mem.Invalid() || len(mem.Files) == 0 {
		t.Fatal(err, mem.Diags)
	}
	out := filepath.Join(t.TempDir(), "out")
	res, err := Run(dir, Options{Goal: GoalBuild, AsOf: sinkAsOf, Only: only, Out: out})
	if err != nil || res.Invalid() {
		t.Fatal(err, res.Diags)
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		got[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(got, Marker)
	delete(got, cacheFile)
	delete(got, StampsFile)
	for p, want := range mem.Files {
		if !bytes.Equal(got[p], want) {
			t.Errorf("%s: published %d bytes, in memory %d", p, len(got[p]), len(want))
		}
	}
	for p := range got {
		if _, ok := mem.Files[p]; !ok {
			t.Errorf("%s published but not made in memory", p)
		}
	}
}

var sinkAsOf = model.Date{Year: 2026, Month: 11, Day: 25}
