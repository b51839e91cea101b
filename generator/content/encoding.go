package content

import (
	"bytes"
	"unicode/utf8"

	"guifan/generator/diag"
)

// decodeText checks that data is UTF-8 text and returns it with a UTF-8
// byte-order mark removed and CRLF line endings turned into LF (what
// Notepad and WPS write). Text in other encodings is reported, never
// guessed at: a GBK file read as UTF-8 would be silently garbled.
func decodeText(name string, data []byte) ([]byte, diag.List) {
	var diags diag.List
	whole := diag.Pos{File: name, Line: 1, Col: 1}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		diags.Add(whole, "file.utf16")
		return nil, diags
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
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
	if bytes.IndexByte(data, 0) >= 0 {
		diags.Add(whole, "file.binary")
		return nil, diags
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return data, diags
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
