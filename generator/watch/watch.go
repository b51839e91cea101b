// Package watch reports changes to a site's files, batched: an editor that
// saves a file writes it in several steps, and a copy of a folder changes
// many files at once, so events are collected until the files have been
// quiet for a moment and then reported together. It is the only package
// that imports fsnotify.
package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch calls changed with the paths (relative to root, slash-separated)
// that changed, at most once per quiet period, until ctx ends. Folders
// named in skip (such as "output") and hidden files are ignored; folders
// created later are watched too.
func Watch(ctx context.Context, root string, quiet time.Duration, skip []string, changed func([]string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	ignored := func(rel string) bool {
		for _, part := range strings.Split(rel, "/") {
			if strings.HasPrefix(part, ".") && part != "." {
				return true
			}
		}
		first, _, _ := strings.Cut(rel, "/")
		for _, s := range skip {
			if first == s || strings.HasPrefix(first, s+".") {
				return true
			}
		}
		return false
	}
	add := func(dir string) {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			if rel != "." && ignored(filepath.ToSlash(rel)) {
				return filepath.SkipDir
			}
			_ = w.Add(p)
			return nil
		})
	}
	add(root)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, err := filepath.Rel(root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if ignored(rel) {
				continue
			}
			if ev.Op&fsnotify.Create != 0 {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					add(ev.Name)
				}
			}
			pending[rel] = true
			timer.Reset(quiet)
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			pending = map[string]bool{}
			changed(paths)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			_ = err // a lost event is followed by the next one; keep watching
		}
	}
}
