// Package txtar reads and writes the archives the tests keep their
// multi-file cases in: a comment, then files, each introduced by a line
//
//	-- name --
//
// It is the format of golang.org/x/tools/txtar with one difference that
// the cases need: a file's bytes are kept exactly as they are in the
// archive (no newline is added to the last file or the comment), so a
// case can hold a file that does not end in a newline only if it is the
// last one, and a marker line may end in "\r\n" (an archive edited on
// Windows still parses).
package txtar

import (
	"bytes"
	"strings"
)

// Archive is a comment and a list of files.
type Archive struct {
	Comment []byte
	Files   []File
}

// File is one file of an archive.
type File struct {
	Name string
	Data []byte
}

// Parse splits data into its comment and files. It never fails: text
// before the first marker line is the comment, and every marker line
// starts a file that runs up to the next marker line.
func Parse(data []byte) *Archive {
	a := &Archive{}
	var name string
	start, inFile := 0, false
	flush := func(end int) {
		if inFile {
			a.Files = append(a.Files, File{Name: name, Data: data[start:end:end]})
		} else {
			a.Comment = data[:end:end]
		}
	}
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '\n')
		next := len(data)
		if j >= 0 {
			next = i + j + 1
		}
		if n, ok := Marker(data[i:next]); ok {
			flush(i)
			name, start, inFile = n, next, true
		}
		i = next
	}
	flush(len(data))
	return a
}

// Marker reports whether line (with or without its line end) is a file
// marker "-- name --", and the name, with surrounding spaces removed.
func Marker(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	name := strings.TrimSpace(s[3 : len(s)-3])
	return name, name != ""
}

// Format writes the archive back. A comment or file that does not end in
// a newline gets one, so that the next marker starts a line; Parse of the
// result gives back a (those added newlines aside).
func Format(a *Archive) []byte {
	var b bytes.Buffer
	b.Write(a.Comment)
	endLine(&b, a.Comment)
	for _, f := range a.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(f.Data)
		endLine(&b, f.Data)
	}
	return b.Bytes()
}

func endLine(b *bytes.Buffer, data []byte) {
	if len(data) > 0 && data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
}

// Get returns the data of the first file named name.
func (a *Archive) Get(name string) ([]byte, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// Set replaces the data of the first file named name, or adds the file
// at the end when there is none.
func (a *Archive) Set(name string, data []byte) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, File{Name: name, Data: data})
}
