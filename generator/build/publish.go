package build

import (
	"os"
	"path/filepath"
	"sort"
)

// Publish writes files (slash paths relative to out) into a fresh folder
// beside out and then swaps it into place, so a reader of out never sees a
// half-written build and files of an earlier build do not linger.
func Publish(out string, files map[string][]byte) error {
	out = filepath.Clean(out)
	tmp := out + ".new"
	old := out + ".old"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := WriteFiles(tmp, files); err != nil {
		return err
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// WriteFiles writes files (slash paths relative to dir) into dir, making
// folders as needed, in path order.
func WriteFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
