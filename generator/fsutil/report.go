package fsutil

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"guifan/generator/diag"
)

// Report adds to diags the error diagnostic for a file of the site that
// could not be read: file is its path as the user sees it (relative to the
// site). Refusals get their own messages, each saying what to do; other
// errors keep the system's words only as the argument of "file.read".
// The diagnostic is for the whole file: no line of it is shown, so nothing
// of a file outside the site is ever printed.
func Report(diags *diag.List, file string, err error) {
	pos := diag.Pos{File: file}
	if re, ok := IsRefused(err); ok {
		switch re.Reason {
		case Outside:
			diags.Add(pos, "file.outside")
		case Special:
			diags.Add(pos, "file.special", diag.Key("file.kind."+string(re.Kind)))
		case TooLarge:
			if re.Size >= 0 {
				diags.Add(pos, "file.too-large", Size(re.Size), Size(re.Limit))
			} else {
				diags.Add(pos, "file.too-large-read", Size(re.Limit))
			}
		}
		return
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		diags.Add(pos, "file.permission")
	case errors.Is(err, fs.ErrNotExist):
		diags.Add(pos, "file.not-found")
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		diags.Add(pos, "file.read", err.Error())
	}
}

// Size writes a number of bytes for a message: "4 MB", "52.4 MB",
// "900 KB", "12 B" (1 MB = 1024 KB).
func Size(n int64) string {
	unit := func(v float64, u string) string {
		s := strconv.FormatFloat(v, 'f', 1, 64)
		return strings.TrimSuffix(s, ".0") + " " + u
	}
	switch {
	case n >= 1<<20:
		return unit(float64(n)/(1<<20), "MB")
	case n >= 1<<10:
		return unit(float64(n)/(1<<10), "KB")
	}
	return strconv.FormatInt(n, 10) + " B"
}
