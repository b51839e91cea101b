package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Font is a TrueType face: its bytes (one face, even when it came from a
// .ttc collection) and the characters it has.
type Font struct {
	Name  string // for messages: the file, and #n for a face of a collection
	Data  []byte
	cover []uint64 // bitset of the BMP code points the font maps
	cut   *cut     // for a font cut to a build's characters (CutFonts)
}

// Has reports whether the font has a glyph for r. Characters above U+FFFF
// count as missing: the PDF library cannot encode them.
func (f *Font) Has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return f.cover[r>>6]&(1<<(uint(r)&63)) != 0
}

// FontError says why a font file cannot be used, for a message: the
// catalog key is "pdf.font-" + Reason ("not-truetype", "otf", "face",
// "damaged") with Args.
type FontError struct {
	Reason string
	Args   []any
	err    error
}

func (e *FontError) Error() string { return e.err.Error() }

var (
	errNotFont = errors.New("not a TrueType font")
	errOTF     = errors.New("CFF outlines (.otf) are not supported; use a TrueType (.ttf or .ttc) font")
)

type faceError struct{ n, face int }

func (e faceError) Error() string {
	return fmt.Sprintf("the collection has %d faces; face %d does not exist", e.n, e.face)
}

// ParseFont reads a TrueType font (.ttf) or one face of a collection
// (.ttc). CFF-based OpenType fonts (.otf) are refused: the PDF library
// embeds TrueType outlines only. Errors are *FontError.
func ParseFont(name string, data []byte, face int) (*Font, error) {
	f, err := parseFont(name, data, face)
	if err == nil {
		return f, nil
	}
	return nil, fontError(err)
}

// fontError is the *FontError of a reason a font cannot be used.
func fontError(err error) *FontError {
	fe := &FontError{Reason: "damaged", Args: []any{err.Error()}, err: err}
	var fc faceError
	switch {
	case errors.Is(err, errNotFont):
		fe.Reason, fe.Args = "not-truetype", nil
	case errors.Is(err, errOTF):
		fe.Reason, fe.Args = "otf", nil
	case errors.As(err, &fc):
		fe.Reason, fe.Args = "face", []any{fc.n, fc.face}
	}
	return fe
}

func parseFont(name string, data []byte, face int) (*Font, error) {
	if len(data) < 12 {
		return nil, errNotFont
	}
	if string(data[:4]) == "ttcf" {
		var err error
		data, err = extractFace(data, face)
		if err != nil {
			return nil, err
		}
		name = fmt.Sprintf("%s#%d", name, face)
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, errOTF
	default:
		return nil, errNotFont
	}
	tables, err := tableDir(data, 0)
	if err != nil {
		return nil, err
	}
	cmap, ok := tables["cmap"]
	if !ok {
		return nil, errors.New("the font has no cmap table")
	}
	cover, err := coverage(data, cmap)
	if err != nil {
		return nil, err
	}
	return &Font{Name: name, Data: data, cover: cover}, nil
}

type table struct{ off, len uint32 }

func tableDir(data []byte, at int) (map[string]table, error) {
	if at+12 > len(data) {
		return nil, errors.New("truncated font")
	}
	n := int(binary.BigEndian.Uint16(data[at+4:]))
	out := map[string]table{}
	for i := 0; i < n; i++ {
		p := at + 12 + 16*i
		if p+16 > len(data) {
			return nil, errors.New("truncated table directory")
		}
		t := table{binary.BigEndian.Uint32(data[p+8:]), binary.BigEndian.Uint32(data[p+12:])}
		if int(t.off)+int(t.len) > len(data) {
			return nil, fmt.Errorf("table %q runs past the end of the file", data[p:p+4])
		}
		out[string(data[p:p+4])] = t
	}
	return out, nil
}

// extractFace copies one face of a .ttc collection into a standalone
// .ttf: the face's table directory with its tables laid out after it.
func extractFace(data []byte, face int) ([]byte, error) {
	n := int(binary.BigEndian.Uint32(data[8:]))
	if face < 0 || face >= n || 12+4*n > len(data) {
		return nil, faceError{n, face}
	}
	at := int(binary.BigEndian.Uint32(data[12+4*face:]))
	tables, err := tableDir(data, at)
	if err != nil {
		return nil, err
	}
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	head := 12 + 16*len(tags)
	out := make([]byte, head)
	copy(out, data[at:at+12])
	binary.BigEndian.PutUint16(out[4:], uint16(len(tags)))
	for i, tag := range tags {
		t := tables[tag]
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		p := 12 + 16*i
		copy(out[p:], tag)
		binary.BigEndian.PutUint32(out[p+4:], checksum(data[t.off:t.off+t.len]))
		binary.BigEndian.PutUint32(out[p+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[p+12:], t.len)
		out = append(out, data[t.off:t.off+t.len]...)
	}
	return out, nil
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// coverage reads the Unicode BMP subtable of cmap (format 4) into a bitset.
func coverage(data []byte, t table) ([]uint64, error) {
	c := data[t.off : t.off+t.len]
	if len(c) < 4 {
		return nil, errors.New("bad cmap")
	}
	n := int(binary.BigEndian.Uint16(c[2:]))
	best := -1
	for i := 0; i < n; i++ {
		p := 4 + 8*i
		if p+8 > len(c) {
			break
		}
		platform, enc := binary.BigEndian.Uint16(c[p:]), binary.BigEndian.Uint16(c[p+2:])
		off := int(binary.BigEndian.Uint32(c[p+4:]))
		if off+2 > len(c) || binary.BigEndian.Uint16(c[off:]) != 4 {
			continue
		}
		if platform == 3 && enc == 1 || platform == 0 {
			best = off
			break
		}
	}
	if best < 0 {
		return nil, errors.New("the font has no Unicode (format 4) cmap")
	}
	s := c[best:]
	if len(s) < 14 {
		return nil, errors.New("bad cmap subtable")
	}
	segs := int(binary.BigEndian.Uint16(s[6:])) / 2
	if 16+8*segs > len(s) {
		return nil, errors.New("bad cmap subtable")
	}
	ends := s[14:]
	starts := s[16+2*segs:]
	deltas := s[16+4*segs:]
	rangeOffs := s[16+6*segs:]
	cover := make([]uint64, 0x10000/64)
	for i := 0; i < segs; i++ {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := int(binary.BigEndian.Uint16(starts[2*i:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(rangeOffs[2*i:]))
		for r := start; r <= end && r < 0xFFFF; r++ {
			glyph := 0
			if ro == 0 {
				glyph = (r + delta) & 0xFFFF
			} else {
				p := 16 + 6*segs + 2*i + ro + 2*(r-start)
				if p+2 > len(s) {
					continue
				}
				if g := int(binary.BigEndian.Uint16(s[p:])); g != 0 {
					glyph = (g + delta) & 0xFFFF
				}
			}
			if glyph != 0 {
				cover[r>>6] |= 1 << (uint(r) & 63)
			}
		}
	}
	return cover, nil
}
