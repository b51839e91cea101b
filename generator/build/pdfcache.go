package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"guifan/generator/fsutil"
	"guifan/generator/pdf"
)

// cacheFile is the index of the PDFs (and blank forms' workbooks) a build
// made, in its output folder: for each file, the key of everything it was
// made from, where it is and the checksum of its bytes. The next build into the same folder takes a
// PDF whose key has not changed from the folder instead of typesetting it
// again; the output is the same bytes either way.
const cacheFile = ".guifan-cache.json"

// The bounds of what the cache reads: its index, and one file it would
// reuse (a whole-site binder of many thousand documents is large).
const (
	maxCacheIndex = 64 << 20
	maxCachedFile = 1 << 30
)

// cacheEntry is one PDF of the index.
type cacheEntry struct {
	Path    string        `json:"path"`
	Sum     string        `json:"sum"`
	Missing []pdf.Missing `json:"missing,omitempty"`
}

// pdfCache finds the PDFs of the previous build into the output folder
// and records those of this one. A nil cache finds nothing and records
// nothing (a build in memory, or into a new folder).
type pdfCache struct {
	root *os.Root // the previous build's output folder; nil when there is none
	old  map[string]cacheEntry
	mu   sync.Mutex
	now  map[string]cacheEntry
}

// openPDFCache reads the index of the output folder out, when it is one
// guifan made (CheckOutput: marked) and has an index. Anything it cannot
// read makes an empty cache: every PDF is typeset.
func openPDFCache(out string) *pdfCache {
	c := &pdfCache{now: map[string]cacheEntry{}}
	if out == "" {
		return c
	}
	if marked, err := isOutputFolder(out); err != nil || !marked {
		return c
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		return c
	}
	// Read as guifan reads every file: a regular file of bounded size
	// (a pipe or a huge file planted in the folder is not read).
	data, err := fsutil.ReadFile(root.FS(), cacheFile, maxCacheIndex)
	if err != nil || json.Unmarshal(data, &c.old) != nil {
		root.Close()
		c.old = nil
		return c
	}
	c.root = root
	return c
}

// isOutputFolder reports whether out is an output folder guifan made.
func isOutputFolder(out string) (bool, error) {
	st, err := os.Lstat(filepath.Join(out, Marker))
	if err != nil {
		return false, err
	}
	return st.Mode().IsRegular(), nil
}

// close releases the previous build's folder.
func (c *pdfCache) close() {
	if c != nil && c.root != nil {
		c.root.Close()
	}
}

// get returns the PDF made from key by the previous build, if its file is
// still there with the same bytes.
func (c *pdfCache) get(key string) ([]byte, []pdf.Missing, bool) {
	if c == nil || c.root == nil {
		return nil, nil, false
	}
	e, ok := c.old[key]
	if !ok || !fs.ValidPath(e.Path) {
		return nil, nil, false
	}
	data, err := fsutil.ReadFile(c.root.FS(), e.Path, maxCachedFile)
	if err != nil || sum(data) != e.Sum {
		return nil, nil, false
	}
	return data, e.Missing, true
}

// put records the PDF at path made from key.
func (c *pdfCache) put(key, path string, data []byte, missing []pdf.Missing) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now[key] = cacheEntry{Path: path, Sum: sum(data), Missing: missing}
}

// index returns this build's index; encoding/json writes a map's keys
// sorted, so the bytes depend only on the entries.
func (c *pdfCache) index() []byte {
	data, _ := json.MarshalIndent(c.now, "", " ")
	return append(data, '\n')
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// program is the checksum of the running program: a PDF made by another
// version of guifan is never taken from the cache.
var program = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return ""
	}
	return sum(data)
})

// pdfKeyBase is what every PDF of a build is made from besides its own
// content: the program, the options (hospital, date), the fonts as cut
// for this build and the theme's catalogs (page furniture words).
func (j *job) pdfKeyBase(opt pdf.Options) (string, bool) {
	prog := program()
	if prog == "" {
		return "", false
	}
	h := sha256.New()
	write := func(b []byte) {
		h.Write([]byte{byte(len(b) >> 24), byte(len(b) >> 16), byte(len(b) >> 8), byte(len(b))})
		h.Write(b)
	}
	write([]byte(prog))
	write([]byte(opt.Hospital))
	write([]byte(opt.Date.Format("2006-01-02")))
	write([]byte(j.cat.Lang))
	for _, chain := range [][]*pdf.Font{opt.Serif, opt.Sans} {
		write([]byte{byte(len(chain))})
		for _, f := range chain {
			write([]byte(f.Name))
			write(f.Data)
		}
	}
	entries, _ := fs.ReadDir(j.s.ThemeFS, "i18n")
	for _, e := range entries {
		data, err := fs.ReadFile(j.s.ThemeFS, "i18n/"+e.Name())
		if err != nil {
			return "", false
		}
		write([]byte(e.Name()))
		write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// pdfKey is the key of one PDF: the build's base and what the PDF shows.
func pdfKey(base string, jb pdfJob, lang string) (string, bool) {
	var what any = jb.binder
	if jb.form != nil {
		what = struct {
			Form any
			Lang string
			Book bool // the form's workbook, not its PDF
		}{jb.form, lang, jb.book != ""}
	}
	data, err := json.Marshal(what)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	h.Write([]byte(base))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), true
}
