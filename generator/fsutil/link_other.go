//go:build !linux

package fsutil

import (
	"errors"
	"os"
)

// hardLink is not made here: LinkFile copies.
func hardLink(from *os.Root, src string, to *os.Root, dst string) error {
	return errors.ErrUnsupported
}
