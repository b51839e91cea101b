//go:build !unix

package fsutil

// openFlags: no extra flags where named pipes are not files of a folder.
const openFlags = 0

// openNeverBlocks is false: Open looks at a name (Stat) before opening it.
const openNeverBlocks = false
