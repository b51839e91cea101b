package build

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"guifan/generator/fsutil"
	"guifan/generator/pdf"
)

// cacheFile is the index of the PDFs (and blank forms' workbooks) a build
// made, in its output folder: for each file, the key of everything it was
// made from, where it is and the checksum of its bytes. The next build into the same folder takes a
// PDF whose key has not changed from the folder instead of typesetting it
// again (a hard link when the file is untouched since: stampsFile); the
// output is the same bytes either way.
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

// The stamps of the index's files as the build left them (size,
// modification time, inode and device: fsutil.Stamp), by which the next
// build knows a file is untouched without reading it, are kept in the
// output folder (stampsFile), written after the swap: they are the one file
// of an output folder that is not the same bytes however it was made (a
// stamp differs at each build), so comparisons of output folders leave it
// out. guifan writes nothing beside its output folder. They hold the
// checksum of the index they belong to; stamps of another index are not
// used.
type stamps struct {
	Index string                  `json:"index"`
	Files map[string]fsutil.Stamp `json:"files"`
}

// StampsFile is the name of the file in an output folder that keeps the
// stamps of its files.
const StampsFile = ".guifan-stamps"

// stampsFile is where the stamps of the output folder abs are kept.
func stampsFile(abs string) string {
	return filepath.Join(abs, StampsFile)
}

// linker is a sink that can store a file of the previous output without
// reading it (staging: a hard link into the temporary folder), and keeps
// the stamps of its files for the next build.
type linker interface {
	link(from *dirRoots, src, name string, want fsutil.Stamp) error
	stamp(name string) (fsutil.Stamp, bool)
	keepStamps(data []byte)
}

// pdfCache finds the PDFs of the previous build into the output folder
// and records those of this one. A nil cache finds nothing and records
// nothing (a build in memory, or into a new folder).
type pdfCache struct {
	root *os.Root  // the previous build's output folder; nil when there is none
	dirs *dirRoots // its folders, kept open while files are linked from them
	old  map[string]cacheEntry
	seen map[string]fsutil.Stamp // the old files' stamps, by path
	mu   sync.Mutex
	now  map[string]cacheEntry
	out  linker // where this build's files are, to stamp them; nil when not on disk
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
	c.root, c.dirs = root, newDirRoots(root, false)
	if abs, err := filepath.Abs(out); err == nil {
		var st stamps
		b, err := fsutil.ReadFile(os.DirFS(abs), StampsFile, maxCacheIndex)
		if err == nil && json.Unmarshal(b, &st) == nil && st.Index == sum(data) {
			c.seen = st.Files
		}
	}
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
		c.dirs.close()
		c.root.Close()
	}
}

// reuse stores the PDF made from key by the previous build as name, when
// its file is still there unchanged: linked without reading it when the
// sink can link and the file's stamp is the one recorded (out != nil),
// else read and checked against its checksum. It returns the bytes when
// it read them (nil when linked), the size, the checksum and the missing
// characters recorded, and whether the PDF was reused.
func (c *pdfCache) reuse(key, name string, out linker) (data []byte, size int, e cacheEntry, ok bool) {
	if c == nil || c.root == nil {
		return nil, 0, e, false
	}
	e, ok = c.old[key]
	if !ok || !fs.ValidPath(e.Path) {
		return nil, 0, e, false
	}
	if st, seen := c.seen[e.Path]; out != nil && seen && st.Size <= maxCachedFile {
		if err := out.link(c.dirs, e.Path, name, st); err == nil {
			return nil, int(st.Size), e, true
		}
	}
	data, err := fsutil.ReadFile(c.root.FS(), e.Path, maxCachedFile)
	if err != nil || sum(data) != e.Sum {
		return nil, 0, e, false
	}
	return data, len(data), e, true
}

// put records the PDF at path made from key, with the checksum of its
// bytes.
func (c *pdfCache) put(key, path, sum string, missing []pdf.Missing) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now[key] = cacheEntry{Path: path, Sum: sum, Missing: missing}
}

// index returns this build's index; encoding/json writes a map's keys
// sorted, so the bytes depend only on the entries.
// The stamps of its files go to the sink, to be kept in the output.
func (c *pdfCache) index() []byte {
	data, _ := json.MarshalIndent(c.now, "", " ")
	data = append(data, '\n')
	if c.out != nil {
		st := stamps{Index: sum(data), Files: map[string]fsutil.Stamp{}}
		for _, e := range c.now {
			if s, ok := c.out.stamp(e.Path); ok {
				st.Files[e.Path] = s
			}
		}
		if b, err := json.Marshal(st); err == nil {
			c.out.keepStamps(b)
		}
	}
	return data
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// program identifies the running program: a PDF made by another version
// of guifan is never taken from the cache. It is the Go build ID the
// linker writes into the executable (programID), which ends with a hash
// of the executable's content, so reading it costs a few kilobytes where
// hashing the whole program (30 MB or more) took a tenth of a second of
// every build; without one (an executable built with -buildid=, or not
// readable as ELF), the checksum of the whole file.
var program = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := programID(exe); id != "" {
		return "go-build-id:" + id
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return ""
	}
	return sum(data)
})

// programID returns the Go build ID of the ELF executable exe (its
// .note.go.buildid note: name "Go", type 4), or "" when it has none.
func programID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil || sec.Size > 4096 {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	bo := f.ByteOrder
	namesz, descsz, typ := bo.Uint32(note), bo.Uint32(note[4:]), bo.Uint32(note[8:])
	name := (uint64(namesz) + 3) &^ 3
	if namesz != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || 12+name+uint64(descsz) > uint64(len(note)) {
		return ""
	}
	id := string(note[12+name : 12+name+uint64(descsz)])
	// actionID/.../contentID: the last part is the content's hash.
	if i := strings.LastIndexByte(id, '/'); i < 0 || i == len(id)-1 {
		return ""
	}
	return id
}

// pdfKeyBase is what every PDF of a build is made from besides its own
// content: the program, the options (hospital, date), the theme's catalogs
// (page furniture words), and the fonts as cut for this build — which
// are the whole fonts' bytes (checksums) and the characters they are cut
// to (chars): the key is made without cutting the fonts, so a build that
// reuses every PDF never cuts one.
func (j *job) pdfKeyBase(opt pdf.Options, chars *pdf.Chars) (string, bool) {
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
			write([]byte(sum(f.Data)))
		}
	}
	write(charBits(chars))
	if !writeCatalogs(j.s.ThemeFS, write) {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// writeCatalogs writes every message catalog of theme (its name and its
// bytes) to a cache key: the words the cached files were made with. It
// reports false when one cannot be read (nothing is then cached).
func writeCatalogs(theme fs.FS, write func([]byte)) bool {
	entries, _ := fs.ReadDir(theme, "i18n")
	for _, e := range entries {
		data, err := fs.ReadFile(theme, "i18n/"+e.Name())
		if err != nil {
			return false
		}
		write([]byte(e.Name()))
		write(data)
	}
	return true
}

// charBits is the set chars as bytes, a bit per BMP character.
func charBits(chars *pdf.Chars) []byte {
	b := make([]byte, 0x10000/8)
	for r := rune(0); r < 0x10000; r++ {
		if chars.Has(r) {
			b[r>>3] |= 1 << (r & 7)
		}
	}
	return b
}

// pdfKey is the key of one PDF: the build's base and what the PDF shows.
// A binder's documents are written one by one (a whole-site binder's
// volume as one piece of JSON is tens of megabytes).
func pdfKey(base string, jb pdfJob, lang string) (string, bool) {
	h := sha256.New()
	h.Write([]byte(base))
	h.Write([]byte{0})
	write := func(what any) bool {
		data, err := json.Marshal(what)
		if err != nil {
			return false
		}
		n := len(data)
		h.Write([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
		h.Write(data)
		return true
	}
	if jb.form != nil {
		if !write(struct {
			Form any
			Lang string
			Book bool // the form's workbook, not its PDF
		}{jb.form, lang, jb.book != ""}) {
			return "", false
		}
		return hex.EncodeToString(h.Sum(nil)), true
	}
	b := jb.binder
	docs := b.Docs
	b.Docs = nil
	if !write(b) || !write(len(docs)) {
		return "", false
	}
	for i := range docs {
		if !write(&docs[i]) {
			return "", false
		}
	}
	return hex.EncodeToString(h.Sum(nil)), true
}
