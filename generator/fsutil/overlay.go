// Package fsutil has the file-system helpers the loader needs: the site
// file system that every command reads a site through (SiteFS: nothing
// outside the site, regular files only, size limits), the one decoding of
// text files (DecodeText), the diagnostics for files that cannot be read
// (Report), and an overlay that lets a site's own schemas/ and themes/
// override the built-in ones.
package fsutil

import (
	"errors"
	"io/fs"
	"sort"
)

// Overlay returns a file system in which files of upper hide files of lower
// with the same path, and directories list the entries of both. upper may
// be nil.
func Overlay(upper, lower fs.FS) fs.FS {
	if upper == nil {
		return lower
	}
	return overlay{upper, lower}
}

type overlay struct{ upper, lower fs.FS }

// Open opens the file of upper, else of lower. A file of upper that is
// refused (see SiteFS) stays refused: the built-in file does not stand in
// for it silently.
func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.upper.Open(name)
	if err == nil {
		st, err := f.Stat()
		if err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	} else if _, refused := IsRefused(err); refused {
		return nil, err
	}
	return o.lower.Open(name)
}

// ReadDir merges the directory listings, upper entries winning.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	up, uerr := fs.ReadDir(o.upper, name)
	low, lerr := fs.ReadDir(o.lower, name)
	if uerr != nil && lerr != nil {
		return nil, lerr
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range up {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range low {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// ReadFile reads from upper, else from lower; a refusal in upper is
// returned as it is.
func (o overlay) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(o.upper, name)
	if err == nil {
		return data, nil
	}
	if _, refused := IsRefused(err); refused {
		return nil, err
	}
	if !errors.Is(err, fs.ErrNotExist) {
		var pe *fs.PathError
		if !errors.As(err, &pe) {
			return nil, err
		}
	}
	return fs.ReadFile(o.lower, name)
}
