package content

import (
	"io/fs"
	"slices"
	"sync"

	"guifan/generator/diag"
	"guifan/generator/internal/pool"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// Cache keeps what reading each document file gave (its document,
// source and diagnostics) between loads of one site with one schema set,
// for a preview that loads the site again at every save: LoadCached reads
// only the files the cache does not hold (new ones, and those Forget
// named). The documents are shared between loads: callers only read them.
// It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
	// tree is the last walk of content/, and changed the files forgotten
	// since: while each of those is still a file the walk found, the
	// folders are as they were, and the next load takes the walk from
	// here instead of listing every folder again (a save in a large
	// site's preview).
	tree    *walked
	changed []string
}

// walked is what walk returned.
type walked struct {
	files   []contentFile // path, format and the walk's diagnostics only
	pending diag.List
	err     error
}

type cached struct {
	doc   *model.Document
	src   *diag.Source
	diags diag.List // the file's own, without the walk's before it
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// Forget drops the files at paths (slash-separated, relative to the
// site), which changed: the next load reads them again.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		delete(c.files, p)
	}
	c.changed = append(c.changed, paths...)
}

// walk returns walk(fsys), or the last walk when every file changed since
// is one it found and is still there, not a folder.
func (c *Cache) walk(fsys fs.FS) ([]contentFile, diag.List, error) {
	if c == nil {
		return walk(fsys)
	}
	c.mu.Lock()
	tree, changed := c.tree, c.changed
	c.changed = nil
	c.mu.Unlock()
	if tree != nil && sameTree(fsys, tree, changed) {
		files := make([]contentFile, len(tree.files))
		for i, f := range tree.files {
			files[i] = contentFile{path: f.path, format: f.format, diags: slices.Clone(f.diags)}
		}
		return files, slices.Clone(tree.pending), tree.err
	}
	files, pending, err := walk(fsys)
	kept := make([]contentFile, len(files))
	for i, f := range files {
		kept[i] = contentFile{path: f.path, format: f.format, diags: slices.Clone(f.diags)}
	}
	c.mu.Lock()
	c.tree = &walked{files: kept, pending: slices.Clone(pending), err: err}
	c.mu.Unlock()
	return files, pending, err
}

// sameTree reports whether the walk tree still holds after the files
// changed changed: each was found by it (so neither hidden nor new) and is
// still there and not a folder (so nothing was removed, renamed or made
// into a folder).
func sameTree(fsys fs.FS, tree *walked, changed []string) bool {
	if tree.err != nil {
		return false
	}
	found := make(map[string]bool, len(changed))
	for _, p := range changed {
		found[p] = false
	}
	for _, f := range tree.files {
		if _, ok := found[f.path]; ok {
			found[f.path] = true
		}
	}
	for p, ok := range found {
		if !ok {
			return false
		}
		if st, err := fs.Stat(fsys, p); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

// load loads files (Load's step), each from the cache when it holds it;
// files the walk no longer finds are dropped from the cache.
func (c *Cache) load(files []contentFile, fsys fs.FS, set *schema.Set) {
	if c == nil {
		pool.For(len(files), func(i int) { files[i].load(fsys, set) })
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var todo []int
	seen := make(map[string]cached, len(files))
	for i := range files {
		f := &files[i]
		if k, ok := c.files[f.path]; ok {
			f.doc, f.src = k.doc, k.src
			f.diags = append(f.diags, k.diags...)
			seen[f.path] = k
			continue
		}
		todo = append(todo, i)
	}
	own := make([]int, len(files)) // how many diagnostics came from the walk
	for _, i := range todo {
		own[i] = len(files[i].diags)
	}
	pool.For(len(todo), func(j int) { files[todo[j]].load(fsys, set) })
	for _, i := range todo {
		f := &files[i]
		seen[f.path] = cached{doc: f.doc, src: f.src, diags: slices.Clone(f.diags[own[i]:])}
	}
	c.files = seen
}
