package rollup

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"guifan/generator/submission"
)

// Limits on what the roll-up reads: inputs come from hospitals by e-mail
// and are not trusted.
const (
	// MaxZipEntries bounds the entries read from one zip.
	MaxZipEntries = 100_000
	// MaxZipTotal bounds the bytes unpacked from one zip.
	MaxZipTotal = 4 << 30
)

// input is one file that may hold a submission: a file in a folder, or an
// entry of a zip. name is how messages call it.
type input struct {
	name string
	data []byte
}

// walk calls each for every input under args in a fixed order (folders
// and zips in name order), reading one file at a time. Links inside a
// folder are not followed; a zip's entries are read from the zip, never
// unpacked to disk, and an entry whose name leaves the zip is skipped.
func walk(args []string, skip string, note func(Notice), each func(input)) {
	skipAbs, _ := filepath.Abs(skip)
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			note(Notice{File: arg, Level: Error, Key: "rollup.read"})
			continue
		}
		if !st.IsDir() {
			file(arg, note, each)
			continue
		}
		var files []string
		_ = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				note(Notice{File: p, Level: Error, Key: "rollup.read"})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				note(Notice{File: p, Level: Warning, Key: "rollup.link"})
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); skip != "" && abs == skipAbs {
					return fs.SkipDir // the roll-up's own output
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			files = append(files, p)
			return nil
		})
		for _, p := range files {
			file(p, note, each)
		}
	}
}

// file reads one file of a folder (or named on the command line).
func file(p string, note func(Notice), each func(input)) {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".json":
	case ".zip":
		readZip(p, note, each)
		return
	default:
		note(Notice{File: p, Level: Info, Key: "rollup.ignored"})
		return
	}
	f, err := os.Open(p)
	if err != nil {
		note(Notice{File: p, Level: Error, Key: "rollup.read"})
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, submission.MaxSize+1))
	if err != nil {
		note(Notice{File: p, Level: Error, Key: "rollup.read"})
		return
	}
	each(input{name: p, data: data})
}

// readZip reads the submissions in one zip.
func readZip(p string, note func(Notice), each func(input)) {
	z, err := zip.OpenReader(p)
	if err != nil {
		note(Notice{File: p, Level: Error, Key: "rollup.zip"})
		return
	}
	defer z.Close()
	entries := append([]*zip.File(nil), z.File...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	if len(entries) > MaxZipEntries {
		note(Notice{File: p, Level: Warning, Key: "rollup.zip-too-many", Args: []any{MaxZipEntries}})
		entries = entries[:MaxZipEntries]
	}
	var total int64
	for _, e := range entries {
		name := p + "!" + e.Name
		if e.FileInfo().IsDir() {
			continue
		}
		if !safeEntry(e.Name) {
			note(Notice{File: p, Level: Error, Key: "rollup.zip-unsafe", Args: []any{e.Name}})
			continue
		}
		if e.Mode()&fs.ModeSymlink != 0 {
			note(Notice{File: name, Level: Warning, Key: "rollup.link"})
			continue
		}
		switch strings.ToLower(path.Ext(e.Name)) {
		case ".json":
		case ".zip":
			note(Notice{File: name, Level: Warning, Key: "rollup.zip-nested"})
			continue
		default:
			note(Notice{File: name, Level: Info, Key: "rollup.ignored"})
			continue
		}
		if e.UncompressedSize64 > submission.MaxSize {
			note(Notice{File: name, Level: Error, Key: "rollup.too-big", Args: []any{submission.MaxSize >> 20}})
			continue
		}
		if total > MaxZipTotal {
			note(Notice{File: p, Level: Error, Key: "rollup.zip-too-big", Args: []any{MaxZipTotal >> 30}})
			return
		}
		r, err := e.Open()
		if err != nil {
			note(Notice{File: name, Level: Error, Key: "rollup.zip"})
			continue
		}
		var b bytes.Buffer
		// The declared size may lie: read at most one byte past the limit.
		n, err := io.Copy(&b, io.LimitReader(r, submission.MaxSize+1))
		r.Close()
		total += n
		if err != nil {
			// A damaged entry: what was read is judged as a cut-short file.
			note(Notice{File: name, Level: Error, Key: "rollup.zip"})
			continue
		}
		each(input{name: name, data: b.Bytes()})
	}
}

// safeEntry reports whether a zip entry's name stays inside the zip: no
// absolute path, no drive letter, no "..".
func safeEntry(name string) bool {
	n := strings.ReplaceAll(name, `\`, "/")
	if n == "" || strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') {
		return false
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}
