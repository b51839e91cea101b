//go:build unix

package fsutil

import "syscall"

// openFlags are added to every read-only open of a site's file: a named
// pipe opened without O_NONBLOCK waits for a writer, and a terminal must
// not become the process's. With them, a file is opened first and what it
// is (fstat) decides; the open itself never blocks.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY

// openNeverBlocks: Open need not look before it opens.
const openNeverBlocks = true
