package fsutil

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"unsafe"
)

// hardLink links src under from as dst under to: linkat(2) between the
// two folders opened through their roots, not following a link at src.
func hardLink(from *os.Root, src string, to *os.Root, dst string) error {
	sd, err := from.Open(filepath.Dir(src))
	if err != nil {
		return err
	}
	defer sd.Close()
	dd, err := to.Open(filepath.Dir(dst))
	if err != nil {
		return err
	}
	defer dd.Close()
	sp, err := syscall.BytePtrFromString(filepath.Base(src))
	if err != nil {
		return err
	}
	dp, err := syscall.BytePtrFromString(filepath.Base(dst))
	if err != nil {
		return err
	}
	_, _, errno := syscall.Syscall6(syscall.SYS_LINKAT, sd.Fd(), uintptr(unsafe.Pointer(sp)), dd.Fd(), uintptr(unsafe.Pointer(dp)), 0, 0)
	runtime.KeepAlive(sd)
	runtime.KeepAlive(dd)
	if errno != 0 {
		return &os.LinkError{Op: "link", Old: src, New: dst, Err: errno}
	}
	return nil
}
