package diag

import (
	"bytes"
	"unicode/utf8"
)

// Source maps byte offsets of one file to lines and columns. It is built once
// per file and consulted only when a position is needed, the way
// text/template/parse turns offsets into positions only for errors.
type Source struct {
	Name  string
	Data  []byte
	lines []int // byte offset at which each line starts
}

// NewSource indexes data by line.
func NewSource(name string, data []byte) *Source {
	s := &Source{Name: name, Data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// Pos converts a byte offset into a position. Offsets past the end clamp to
// the end of the file.
func (s *Source) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.Data) {
		off = len(s.Data)
	}
	// Binary search for the line containing off.
	lo, hi := 0, len(s.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := s.lines[lo]
	col := utf8.RuneCount(s.Data[start:off]) + 1
	if lo == 0 && bytes.HasPrefix(s.Data, []byte("\uFEFF")) && off >= 3 {
		col-- // a byte-order mark is invisible in editors
	}
	return Pos{File: s.Name, Line: lo + 1, Col: col}
}

// Offset converts a line (1-based) to the byte offset where it starts, or -1.
func (s *Source) Offset(line int) int {
	if line < 1 || line > len(s.lines) {
		return -1
	}
	return s.lines[line-1]
}

// Line returns the text of a 1-based line without its line ending.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start := s.lines[n-1]
	end := len(s.Data)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	line := s.Data[start:end]
	line = bytes.TrimSuffix(line, []byte("\r"))
	if n == 1 {
		line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	}
	return string(line)
}

// Lines returns the number of lines.
func (s *Source) Lines() int { return len(s.lines) }
