package fsutil

import (
	"io/fs"
	"os"
	"path/filepath"
)

// failAt, when set by a test, makes WriteFileAtomic fail at the named
// step ("create", "write", "sync", "close", "chmod", "rename") after doing
// the real work before it, so that every way out of it can be tested.
var failAt func(step string) error

func fail(step string) error {
	if failAt != nil {
		return failAt(step)
	}
	return nil
}

// WriteFileAtomic replaces the file at path with data so that, whatever
// happens (a full disk, a kill, a power cut), path holds either its old
// content or the new one, never a mixture or nothing. It writes a new file
// with a random name (created exclusively) in the same folder, flushes it
// to the disk, closes it, renames it over path and flushes the folder. On
// any error the temporary file is removed and path is left untouched.
//
// The new file gets the permissions of the regular file it replaces, or
// perm when there is none. It is WriteFileAtomicIn in path's folder.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer root.Close()
	return WriteFileAtomicIn(root, filepath.Base(path), data, perm)
}
