package content

import (
	"io/fs"
	"reflect"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// countingFS counts the folders listed.
type countingFS struct {
	fstest.MapFS
	lists *atomic.Int64
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.lists.Add(1)
	return c.MapFS.ReadDir(name)
}

// TestCacheWalk: a load after only existing documents were saved takes
// the folders' listing from the last walk; a new, removed, renamed or
// hidden file, or a file become a folder, makes it list them again; every
// load finds what a load without the cache finds.
func TestCacheWalk(t *testing.T) {
	t.Parallel()
	doc := func(id, title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\nid = \"" + id + "\"\ntitle = \"" + title + "\"\n+++\n\n正文。\n")}
	}
	m := fstest.MapFS{
		"content/regulations/a.md": doc("a", "甲"),
		"content/regulations/b.md": doc("b", "乙"),
		"content/faq/c.md":         doc("c", "丙"),
	}
	var lists atomic.Int64
	fsys := countingFS{MapFS: m, lists: &lists}
	set := builtin(t)
	c := NewCache()
	load := func(step string, changed []string, wantWalk bool) {
		t.Helper()
		c.Forget(changed...)
		before := lists.Load()
		docs, _, diags := LoadCached(fsys, set, c)
		walked := lists.Load() > before
		if walked != wantWalk {
			t.Errorf("%s: listed the folders again: %v, want %v", step, walked, wantWalk)
		}
		want, _, wantDiags := Load(m, set)
		if len(docs) != len(want) {
			t.Fatalf("%s: %d documents, a fresh load finds %d", step, len(docs), len(want))
		}
		for i := range docs {
			if docs[i].Path != want[i].Path || docs[i].Title() != want[i].Title() {
				t.Errorf("%s: document %d is %s %q, a fresh load finds %s %q", step, i, docs[i].Path, docs[i].Title(), want[i].Path, want[i].Title())
			}
		}
		if !reflect.DeepEqual(diags, wantDiags) {
			t.Errorf("%s: diagnostics %v, a fresh load gives %v", step, diags, wantDiags)
		}
	}
	load("first", nil, true)
	m["content/regulations/a.md"] = doc("a", "甲二")
	load("saved", []string{"content/regulations/a.md"}, false)
	m["content/regulations/d.md"] = doc("d", "丁")
	load("added", []string{"content/regulations/d.md"}, true)
	delete(m, "content/faq/c.md")
	load("removed", []string{"content/faq/c.md"}, true)
	m["content/regulations/e.md"] = m["content/regulations/b.md"]
	delete(m, "content/regulations/b.md")
	load("renamed", []string{"content/regulations/b.md", "content/regulations/e.md"}, true)
	m["content/regulations/.f.md"] = doc("f", "戊")
	load("hidden", []string{"content/regulations/.f.md"}, true)
	delete(m, "content/regulations/d.md")
	m["content/regulations/d.md/x.md"] = doc("x", "己")
	load("folder", []string{"content/regulations/d.md"}, true)
	m["content/regulations/e.md"] = doc("b", "乙二")
	load("saved again", []string{"content/regulations/e.md"}, false)
}
