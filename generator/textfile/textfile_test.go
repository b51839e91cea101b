package textfile

import (
	"bytes"
	"testing"
	"unicode/utf16"
)

const doc = "+++\ntitle = \"数据备份制度\"\nstatus = \"draft\"\n+++\n\n# 数据备份制度\n"

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func utf32(s string, le, bom bool) []byte {
	var b []byte
	rs := []rune(s)
	if bom {
		rs = append([]rune{0xFEFF}, rs...)
	}
	for _, r := range rs {
		if le {
			b = append(b, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
		} else {
			b = append(b, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
		}
	}
	return b
}

// gbk is doc's title line in GBK: 数据备份制度.
var gbk = append([]byte("+++\ntitle = \""), 0xCA, 0xFD, 0xBE, 0xDD, 0xB1, 0xB8, 0xB7, 0xDD, 0xD6, 0xC6, 0xB6, 0xC8, '"', '\n', '+', '+', '+', '\n')

func TestDecodeRefuses(t *testing.T) {
	cases := []struct {
		name string
		raw  []byte
		code string
		line int
		col  int
	}{
		{"utf-16le with BOM", utf16le(doc, true), "file.utf16", 1, 1},
		{"utf-16be with BOM", utf16be(doc, true), "file.utf16", 1, 1},
		{"utf-16le without BOM", utf16le(doc, false), "file.utf16", 1, 1},
		{"utf-16be without BOM", utf16be(doc, false), "file.utf16", 1, 1},
		{"utf-32le with BOM", utf32(doc, true, true), "file.utf32", 1, 1},
		{"utf-32be with BOM", utf32(doc, false, true), "file.utf32", 1, 1},
		{"utf-32le without BOM", utf32(doc, true, false), "file.utf32", 1, 1},
		{"utf-32be without BOM", utf32(doc, false, false), "file.utf32", 1, 1},
		{"gbk", gbk, "file.gbk", 2, 10},
		{"latin-1", []byte("title = \"caf\xe9\"\n"), "file.encoding", 1, 13},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "file.binary", 1, 1},
	}
	for _, c := range cases {
		data, diags := Decode("x.md", c.raw)
		if data != nil || len(diags) != 1 || diags[0].Code != c.code {
			t.Errorf("%s: got %q, %v; want %s", c.name, data, diags, c.code)
			continue
		}
		if p := diags[0].Pos; p.Line != c.line || p.Col != c.col {
			t.Errorf("%s: at %d:%d, want %d:%d", c.name, p.Line, p.Col, c.line, c.col)
		}
	}
}

func TestDecodeAccepts(t *testing.T) {
	cases := map[string][]byte{
		"utf-8":          []byte(doc),
		"bom":            append([]byte("\uFEFF"), doc...),
		"crlf":           bytes.ReplaceAll([]byte(doc), []byte("\n"), []byte("\r\n")),
		"cr (old Mac)":   bytes.ReplaceAll([]byte(doc), []byte("\n"), []byte("\r")),
		"bom, cr and lf": append([]byte("\uFEFF"), bytes.ReplaceAll([]byte(doc), []byte("\n+++"), []byte("\r+++"))...),
	}
	for name, raw := range cases {
		data, diags := Decode("x.md", raw)
		if len(diags) > 0 || string(data) != doc {
			t.Errorf("%s: got %q, %v; want the text with \\n line ends", name, data, diags)
		}
	}
	data, diags := Decode("x.md", nil)
	if data == nil || len(data) != 0 || len(diags) != 0 {
		t.Errorf("an empty file: %q, %v; want empty text (the caller reports it as empty)", data, diags)
	}
}
