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
