package fsutil

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Stamp is what the file system says of a regular file without reading
// it: its size, modification time and, where the system has them, its
// inode and device. A file whose stamp is the one recorded when it was
// written has not been written since (short of someone restoring every
// one of these by hand).
type Stamp struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"` // nanoseconds since 1970
	Ino     uint64 `json:"ino,omitempty"`
	Dev     uint64 `json:"dev,omitempty"`
}

// StampOf returns the stamp of a file's information.
func StampOf(fi fs.FileInfo) Stamp {
	s := Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	s.Ino, s.Dev = inode(fi)
	return s
}

// Identifies reports whether a stamp can tell a file apart from another:
// it has an inode (not on Windows, where LinkFile is not used).
func (s Stamp) Identifies() bool { return s.Ino != 0 }

// ErrChanged is LinkFile's error when the source is not the file recorded.
var ErrChanged = errors.New("the file changed since it was recorded")

// LinkFile makes dst, a name under the root to, the file src under the
// root from, when src is a regular file whose stamp is still want: a hard
// link where the system makes one (the same file, nothing copied), else a
// copy (by the kernel where it can). Both names are resolved by their
// roots (os.Root), so neither leads out of its folder; the file made is
// checked to be the one recorded (its inode, for a link; its stamp while
// open, for a copy). dst must not exist. It returns the size of the file.
// A stamp that does not identify a file (no inode) is refused: the caller
// reads the file instead.
func LinkFile(from *os.Root, src string, to *os.Root, dst string, want Stamp) (int64, error) {
	if !want.Identifies() {
		return 0, errors.ErrUnsupported
	}
	fi, err := from.Lstat(src)
	if err != nil {
		return 0, err
	}
	if !fi.Mode().IsRegular() || StampOf(fi) != want {
		return 0, ErrChanged
	}
	if err := hardLink(from, src, to, dst); err == nil {
		got, err := to.Lstat(dst)
		if err == nil && got.Mode().IsRegular() && StampOf(got) == want {
			return want.Size, nil
		}
		to.Remove(dst)
		return 0, ErrChanged
	}
	return copyFile(from, src, to, dst, want)
}

// copyFile copies src to dst (io.Copy between files uses the kernel's
// copy_file_range or sendfile where it can), checking the open source's
// stamp first and the size copied after.
func copyFile(from *os.Root, src string, to *os.Root, dst string, want Stamp) (n int64, err error) {
	in, err := from.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return 0, err
	}
	if !fi.Mode().IsRegular() || StampOf(fi) != want {
		return 0, ErrChanged
	}
	out, err := to.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			to.Remove(dst)
		}
	}()
	n, err = io.Copy(out, io.LimitReader(in, want.Size+1))
	if err == nil && n != want.Size {
		err = fmt.Errorf("%s: %w", filepath.Base(src), ErrChanged)
	}
	return n, err
}
