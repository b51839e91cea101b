package pdf

import (
	"encoding/binary"
	"errors"
)

// CheckFont reports whether ParseFont would accept the font, with the
// *FontError it would return, without making the font: a face of a
// collection is checked where it lies (not copied out), and the characters
// the font has are read but not kept. A site's fonts are checked when it is
// loaded, every build, and parsed only by builds that write PDFs.
func CheckFont(data []byte, face int) error {
	if err := checkFont(data, face); err != nil {
		return fontError(err)
	}
	return nil
}

// checkFont makes ParseFont's checks in its order, on the face in place:
// the copy extractFace makes holds the face's own header and the same
// tables, so each check sees the bytes it would see in the copy.
func checkFont(data []byte, face int) error {
	if len(data) < 12 {
		return errNotFont
	}
	at, collection := 0, string(data[:4]) == "ttcf"
	if collection {
		n := int(binary.BigEndian.Uint32(data[8:]))
		if face < 0 || face >= n || 12+4*n > len(data) {
			return faceError{n, face}
		}
		at = int(binary.BigEndian.Uint32(data[12+4*face:]))
	}
	tables, err := tableDir(data, at)
	if collection && err != nil {
		return err // extractFace reads the face's directory first
	}
	switch string(data[at : at+4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return errOTF
	default:
		return errNotFont
	}
	if err != nil {
		return err
	}
	cmap, ok := tables["cmap"]
	if !ok {
		return errors.New("the font has no cmap table")
	}
	_, err = coverage(data, cmap)
	return err
}
