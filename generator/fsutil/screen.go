package fsutil

import (
	"errors"
	"io/fs"
	"path"
)

// Skipped is a file of a site left out because it cannot be read: a
// refusal (*RefusedError) or another error. Path is relative to the site.
type Skipped struct {
	Path string
	Err  error
}

// Screen returns folder dir of fsys as a file system from which every file
// that cannot be read has been left out, and those files. It is for the
// folders a site lays over the built-in files (schemas/, forms/, layouts/,
// themes/<name>/): a refused file there is reported once, when the site is
// loaded, and the built-in file of the same name is used, instead of an
// error surfacing later in the middle of writing an output. A link to a
// folder is left out too (folders reached through links are not walked).
// Screen returns nil when dir does not exist or is not a folder; when dir
// itself is refused, nil and the refusal.
func Screen(fsys fs.FS, dir string) (fs.FS, []Skipped) {
	st, err := fs.Stat(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
			return nil, nil
		}
		return nil, []Skipped{{dir, err}}
	}
	if !st.IsDir() {
		return nil, nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, nil
	}
	var skipped []Skipped
	hide := map[string]bool{}
	fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		rel := relTo(dir, p)
		if err != nil {
			skipped = append(skipped, Skipped{p, err})
			hide[rel] = true
			return nil
		}
		if e.IsDir() {
			return nil
		}
		st, err := fs.Stat(fsys, p)
		if err == nil {
			if st.IsDir() {
				err = &RefusedError{Path: p, Reason: Special, Kind: KindDirLink}
			} else {
				err = checkFile(p, st, LimitFor(p))
			}
		}
		if err != nil {
			skipped = append(skipped, Skipped{p, err})
			hide[rel] = true
		}
		return nil
	})
	if len(hide) == 0 {
		return sub, skipped
	}
	return screened{sub, hide}, skipped
}

func relTo(dir, p string) string {
	if p == dir {
		return "."
	}
	return p[len(dir)+1:]
}

// screened is a file system with some paths left out.
type screened struct {
	fsys fs.FS
	hide map[string]bool
}

func (s screened) hidden(op, name string) error {
	if s.hide[name] {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return nil
}

func (s screened) Open(name string) (fs.File, error) {
	if err := s.hidden("open", name); err != nil {
		return nil, err
	}
	return s.fsys.Open(name)
}

func (s screened) Stat(name string) (fs.FileInfo, error) {
	if err := s.hidden("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(s.fsys, name)
}

func (s screened) ReadFile(name string) ([]byte, error) {
	if err := s.hidden("open", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(s.fsys, name)
}

func (s screened) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := s.hidden("readdir", name); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(s.fsys, name)
	out := entries[:0:0]
	for _, e := range entries {
		if !s.hide[path.Join(name, e.Name())] {
			out = append(out, e)
		}
	}
	return out, err
}
