package fsutil

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// WriteFileAtomicIn is WriteFileAtomic for a file inside root: name (a
// path relative to root) is replaced by data through a new file with a
// random name in the same folder, flushed, closed and renamed over name.
// Every path is resolved by root (os.Root), so neither a folder that is a
// link leading out of root nor ".." takes the write elsewhere; a name that
// is itself a link is replaced by the new file, its target never written.
// On any error the temporary file is removed and name is left untouched.
//
// The new file gets the permissions of the regular file it replaces, or
// perm when there is none.
func WriteFileAtomicIn(root *os.Root, name string, data []byte, perm fs.FileMode) (err error) {
	if st, err := root.Lstat(name); err == nil && st.Mode().IsRegular() {
		perm = st.Mode().Perm()
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	if err := fail("create"); err != nil {
		return err
	}
	var f *os.File
	var tmp string
	for range 100 {
		tmp = filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err = root.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			root.Remove(tmp)
		}
	}()
	if err = fail("write"); err != nil {
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
	if err = root.Rename(tmp, name); err != nil {
		return err
	}
	if runtime.GOOS != "windows" {
		if d, derr := root.Open(dir); derr == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}
