package fsutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
// The new file gets the permissions of the file it replaces, or perm when
// there is none.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		perm = st.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := fail("create"); err != nil {
		return err
	}
	// CreateTemp opens with O_CREATE|O_EXCL, so it never reuses a file.
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()
	if err = fail("write"); err != nil {
		// Leave half the data behind, as a full disk would.
		f.Write(data[:len(data)/2])
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = fail("chmod"); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if err = fail("sync"); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = fail("close"); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	if err = fail("rename"); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// The new name must reach the disk too. The file is in place whatever
	// happens here, so an error is not reported (Windows cannot sync a
	// folder at all; it makes the rename durable itself).
	if runtime.GOOS != "windows" {
		if d, derr := os.Open(dir); derr == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}
