package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"guifan/generator/excel"
)

// The audit workbooks (site/ and restricted/) are taken from the previous
// build into the same output folder the way its PDFs are (pdfCache): by a
// key over everything a copy is made from, linked when the previous file
// is untouched, else read and checked against its checksum. Their entries
// share the PDFs' index; they are not counted in Result.Reused, which
// counts PDFs and blank forms' workbooks.

// bookKey is the key of the copy of the audit workbook at path made from
// in: the program (a workbook made by another version of guifan is never
// reused), where it goes, the catalog's language and the theme's catalogs
// (in.T), the report, the register and field rows, and what in.Link and
// in.Page answer for each document of the site (Link answers nothing for
// any other id: the views name only the site's documents). ok is false
// when the workbook cannot be keyed; it is then made.
func (j *job) bookKey(path string, in excel.Input) (key string, ok bool) {
	prog := program()
	if prog == "" {
		return "", false
	}
	h := sha256.New()
	write := func(b []byte) {
		n := len(b)
		h.Write([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
		h.Write(b)
	}
	write([]byte("audit-workbook"))
	write([]byte(prog))
	write([]byte(path))
	write([]byte(j.cat.Lang))
	if !writeCatalogs(j.s.ThemeFS, write) {
		return "", false
	}
	// Each value is one JSON text, self-delimiting, written straight into
	// the hash.
	enc := json.NewEncoder(h)
	for _, v := range []any{in.Report, in.Register, in.Fields} {
		if err := enc.Encode(v); err != nil {
			return "", false
		}
	}
	for _, d := range j.s.Project.Docs {
		write([]byte(d.ID))
		href, visible, page := "", false, ""
		if in.Link != nil {
			href, visible = in.Link(d.ID)
		}
		if in.Page != nil {
			page = in.Page(d.ID)
		}
		write([]byte(href))
		write([]byte{boolByte(visible)})
		write([]byte(page))
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// reuseBook stores the copy of the audit workbook at path from the
// previous build when its key is unchanged (linked into this build's
// folder when the cache knows where that is, j.cache.out, and the file is
// untouched; else read and checked), and records it in this build's
// index: it returns the file's size and true, or false when the workbook
// is to be made (keepBook records it then).
func (j *job) reuseBook(key, path string) (size int, ok bool) {
	if j.cache == nil || key == "" {
		return 0, false
	}
	data, size, e, hit := j.cache.reuse(key, path, j.cache.out)
	if !hit {
		return 0, false
	}
	if data != nil {
		j.put(path, data)
	}
	j.cache.put(key, path, e.Sum, nil)
	return size, true
}

// keepBook records a workbook made at path from key in this build's index.
func (j *job) keepBook(key, path string, data []byte) {
	if j.cache == nil || key == "" {
		return
	}
	j.cache.put(key, path, sum(data), nil)
}
