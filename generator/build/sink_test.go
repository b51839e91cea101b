package build

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

// TestStagingManyFolders: files written at once into more folders than
// are kept open all arrive; at most dirRootsKept folders (plus those in
// use) stay open while writing, and none after the output is published; a
// folder planted as a link to outside the output is not written through.
func TestStagingManyFolders(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "output")
	st, err := beginPublish(out, "")
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.MkdirAll(filepath.Join(st.tmp, "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(st.tmp, "site", "evil")); err != nil {
		t.Fatal(err)
	}
	const n = 300
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = st.put(fmt.Sprintf("site/docs/d%d/sub/index.html", i%200), fmt.Appendf(nil, "page %d", i))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
	}
	st.dirs.mu.Lock()
	open := len(st.dirs.m)
	st.dirs.mu.Unlock()
	if open > dirRootsKept {
		t.Errorf("%d folders open after writing, want at most %d", open, dirRootsKept)
	}
	if err := st.put("site/evil/x.html", []byte("x")); err == nil {
		t.Error("a file was written through a link out of the output")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the output: %v", entries)
	}
	os.Remove(filepath.Join(st.tmp, "site", "evil"))
	if err := st.commit(); err != nil {
		t.Fatal(err)
	}
	if len(st.dirs.m) != 0 {
		t.Errorf("%d folders still open after publishing", len(st.dirs.m))
	}
	for i := range 200 {
		data, err := os.ReadFile(filepath.Join(out, "site", "docs", fmt.Sprintf("d%d", i), "sub", "index.html"))
		if err != nil || !bytes.HasPrefix(data, []byte("page ")) {
			t.Fatalf("folder %d: %q %v", i, data, err)
		}
	}
}

// The writers store every file queued, each folder's on one writer, so a
// name queued twice keeps the last data queued whatever the writers'
// timing, and every folder's files reach the sink.
func TestWritersKeepOrder(t *testing.T) {
	t.Parallel()
	mem := newMemSink()
	j := &job{out: jitterSink{mem}}
	w := j.startWriters()
	for d := range 20 {
		for f := range 5 {
			for round := range 50 {
				w.put(fmt.Sprintf("site/d%d/f%d.html", d, f), fmt.Appendf(nil, "%d", round))
			}
		}
	}
	w.wait()
	if err := j.failed(); err != nil {
		t.Fatal(err)
	}
	if len(mem.files) != 100 {
		t.Fatalf("%d files stored, want 100", len(mem.files))
	}
	for name, data := range mem.files {
		if string(data) != "49" {
			t.Errorf("%s holds round %s, want the last (49)", name, data)
		}
	}
	used := map[int]bool{}
	for d := range 20 {
		used[folderWriter(fmt.Sprintf("site/d%d/x.html", d), ioWriters)] = true
	}
	if len(used) < 2 {
		t.Errorf("20 folders all went to one writer")
	}
}

// jitterSink stores after a pause of 0 to 20 µs, so writers finish out of
// the order their files were queued in.
type jitterSink struct{ *memSink }

func (s jitterSink) put(name string, data []byte) error {
	time.Sleep(time.Duration(rand.IntN(20)) * time.Microsecond)
	return s.memSink.put(name, data)
}

// putAll queues each writer's files side by side: a writer held up by the
// first folder's files does not keep the other folders' files from their
// writers (queued one after another, the second folder waited for the
// whole first one, and the search index's folders were written one at a
// time on one core).
func TestPutAllSideBySide(t *testing.T) {
	t.Parallel()
	first, second := "site/a", ""
	for i := range 100 {
		if d := fmt.Sprintf("site/b%d", i); folderWriter(d+"/x", ioWriters) != folderWriter(first+"/x", ioWriters) {
			second = d
			break
		}
	}
	mem := newMemSink()
	gate := &gateSink{memSink: mem, wait: first + "/", open: second + "/", opened: make(chan struct{})}
	j := &job{out: gate}
	w := j.startWriters()
	files := map[string][]byte{}
	for i := range 100 { // more than a writer's queue holds
		files[fmt.Sprintf("a/%03d.js", i)] = []byte("a")
	}
	files[strings.TrimPrefix(second, "site/")+"/0.js"] = []byte("b")
	done := make(chan struct{})
	go func() {
		w.putAll("site/", files)
		w.wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the first folder's files held up the second's: its file never reached its writer")
	}
	if err := j.failed(); err != nil {
		t.Fatal(err)
	}
	if len(mem.files) != 101 {
		t.Fatalf("%d files stored, want 101", len(mem.files))
	}
}

// gateSink holds the files under wait until a file under open is stored.
type gateSink struct {
	*memSink
	wait, open string
	once       sync.Once
	opened     chan struct{}
}

func (s *gateSink) put(name string, data []byte) error {
	if strings.HasPrefix(name, s.wait) {
		<-s.opened
	}
	err := s.memSink.put(name, data)
	if strings.HasPrefix(name, s.open) {
		s.once.Do(func() { close(s.opened) })
	}
	return err
}
