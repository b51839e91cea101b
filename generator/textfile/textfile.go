// Package textfile is the one decoding of text every file guifan reads goes
// through: documents, registers, hospital.toml, attestations, forms and
// schemas. It has no dependencies but diag, so every reader may use it.
package textfile

import (
	"bytes"
	"unicode/utf8"

	"guifan/generator/diag"
)

// Decode checks that raw is UTF-8 text and returns it with a UTF-8
// byte-order mark removed and line endings made "\n": CRLF (Windows) and a
// lone CR (old Mac editors) alike, so line numbers are those an editor
// shows.
//
// Text in other encodings is reported, never guessed at: a GBK file read
// as UTF-8 would be silently garbled. UTF-16 and UTF-32 are recognised by
// their byte-order mark or, without one, by where their zero bytes fall;
// GBK/GB18030 by its byte pattern. On failure Decode returns nil and
// one error diagnostic; on success a non-nil slice (empty for an empty
// file) and no diagnostics. name is the file as the user sees it.
func Decode(name string, raw []byte) ([]byte, diag.List) {
	var diags diag.List
	whole := diag.Pos{File: name, Line: 1, Col: 1}
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(raw, []byte{0, 0, 0xFE, 0xFF}):
		diags.Add(whole, "file.utf32")
		return nil, diags
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		diags.Add(whole, "file.utf16")
		return nil, diags
	}
	switch sniffWide(raw) {
	case "utf-32":
		diags.Add(whole, "file.utf32")
		return nil, diags
	case "utf-16":
		diags.Add(whole, "file.utf16")
		return nil, diags
	}
	data := bytes.TrimPrefix(raw, []byte("\uFEFF"))
	if bytes.IndexByte(data, 0) >= 0 {
		diags.Add(whole, "file.binary")
		return nil, diags
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		pos := diag.NewSource(name, data[:off]).Pos(off)
		if looksGBK(data) {
			diags.Add(pos, "file.gbk")
		} else {
			diags.Add(pos, "file.encoding")
		}
		return nil, diags
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// sniffWide recognises UTF-16 and UTF-32 text without a byte-order mark by
// its zero bytes. Text guifan reads always has ASCII in it (front matter
// keys, "=", line ends); in UTF-16 each ASCII character has a zero byte on
// the same side of its pair (odd offsets little-endian, even big-endian);
// in UTF-32 the two high bytes of almost every unit are zero. A binary
// file has zeros anywhere and is left for the binary check.
func sniffWide(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	var zeros [4]int
	total := 0
	for i, c := range b {
		if c == 0 {
			zeros[i%4]++
			total++
		}
	}
	if total == 0 || len(b) < 4 {
		return ""
	}
	quads := len(b) / 4
	most := func(n int) bool { return n*10 >= quads*9 }
	if most(zeros[2]) && most(zeros[3]) || most(zeros[0]) && most(zeros[1]) {
		return "utf-32"
	}
	even, odd := zeros[0]+zeros[2], zeros[1]+zeros[3]
	units := len(b) / 2
	if odd*8 >= units && even*10 <= odd || even*8 >= units && odd*10 <= even {
		return "utf-16"
	}
	return ""
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// looksGBK reports whether data decodes cleanly as GBK/GB18030 two-byte
// sequences: a lead byte 0x81-0xFE followed by a trail byte 0x40-0xFE
// (not 0x7F), or a GB18030 four-byte sequence.
func looksGBK(data []byte) bool {
	pairs := 0
	for i := 0; i < len(data); {
		b := data[i]
		switch {
		case b < 0x80:
			i++
		case b >= 0x81 && b <= 0xFE && i+1 < len(data):
			t := data[i+1]
			if t >= 0x40 && t <= 0xFE && t != 0x7F {
				pairs++
				i += 2
				continue
			}
			if t >= 0x30 && t <= 0x39 && i+3 < len(data) &&
				data[i+2] >= 0x81 && data[i+2] <= 0xFE && data[i+3] >= 0x30 && data[i+3] <= 0x39 {
				pairs++
				i += 4
				continue
			}
			return false
		default:
			return false
		}
	}
	return pairs > 0
}
