//go:build !unix

package fsutil

import "io/fs"

// inode is not known here (Windows): stamps do not identify files.
func inode(fs.FileInfo) (ino, dev uint64) { return 0, 0 }
