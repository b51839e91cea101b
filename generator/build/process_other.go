//go:build !unix

package build

import "os"

// processAlive reports whether a process of this computer is running. On
// Windows FindProcess fails for a process that does not exist.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
