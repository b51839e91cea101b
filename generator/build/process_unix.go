//go:build unix

package build

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process of this computer is running.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
