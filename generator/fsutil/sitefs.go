package fsutil

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"

	"guifan/generator/model"
)

// The rules for reading a site. Every command reads a site through SiteFS,
// so they hold for documents, hospital.toml, attestations, forms, schemas,
// templates, assets and fonts alike:
//
//   - Nothing outside the site folder is read. A symbolic link (or Windows
//     junction) whose target stays inside the site is followed; one that
//     leads out of it, or names its target by an absolute path, is refused
//     (*RefusedError with Reason Outside). So is a path with "..".
//   - Only regular files are read. A named pipe, device or socket is refused
//     before it is opened (reading a pipe would wait for ever, a device such
//     as /dev/zero never ends).
//   - A file is read up to a limit (LimitFor: model.MaxFileBytes, fonts
//     model.MaxFontBytes) and refused when it is larger. The limit holds on
//     the bytes actually read, whatever size the file system reports.

// Reason says why a file of a site is refused.
type Reason string

// Reasons a file of a site is refused.
const (
	Outside  Reason = "outside"   // a link that leads out of the site
	Special  Reason = "special"   // not a regular file: a pipe, device, socket, or a folder where a file is expected
	TooLarge Reason = "too-large" // larger than its limit
)

// FileKind names what a Special file is; the catalog words it as
// "file.kind." + the kind.
type FileKind string

// Kinds of Special files.
const (
	KindFIFO    FileKind = "fifo"
	KindDevice  FileKind = "device"
	KindSocket  FileKind = "socket"
	KindDir     FileKind = "dir"     // a folder where a file is expected
	KindDirLink FileKind = "dirlink" // a link to a folder among a theme's files
	KindOther   FileKind = "other"
)

// RefusedError says why a file of a site was not read. Path is the path
// asked for (relative to the file system it was asked of).
type RefusedError struct {
	Path   string
	Reason Reason // Outside, Special or TooLarge
	// Kind names what a Special file is.
	Kind FileKind
	// Size is the size of a TooLarge file, or -1 when only the bytes read
	// showed it is too large; Limit is the limit it exceeds.
	Size, Limit int64
}

func (e *RefusedError) Error() string {
	switch e.Reason {
	case Outside:
		return e.Path + ": a link that leads out of the site"
	case Special:
		return fmt.Sprintf("%s: not a regular file (%s)", e.Path, e.Kind)
	case TooLarge:
		return fmt.Sprintf("%s: larger than %d bytes", e.Path, e.Limit)
	}
	return e.Path + ": refused"
}

// Unwrap makes a refusal a permission error for errors.Is: the file is
// there, guifan may not read it.
func (e *RefusedError) Unwrap() error { return fs.ErrPermission }

// IsRefused reports whether err is (or wraps) a refusal, and returns it.
func IsRefused(err error) (*RefusedError, bool) {
	var re *RefusedError
	ok := errors.As(err, &re)
	return re, ok
}

// LimitFor returns how many bytes guifan reads of a file of a site: fonts
// (.ttf, .ttc, .otf) up to model.MaxFontBytes, every other file up to
// model.MaxFileBytes.
func LimitFor(name string) int64 {
	switch strings.ToLower(path.Ext(name)) {
	case ".ttf", ".ttc", ".otf":
		return model.MaxFontBytes
	}
	return model.MaxFileBytes
}

// SiteFS returns the file system of the site in dir, built on os.OpenRoot:
// paths and links that leave dir are refused by the operating system's
// own path resolution, not by string checks. Open and ReadFile also refuse
// files that are not regular and files over LimitFor; Stat and ReadDir
// report what is there. The result implements fs.StatFS, fs.ReadDirFS and
// fs.ReadFileFS; fs.Sub of it keeps every rule.
func SiteFS(dir string) (fs.FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &siteFS{root: r, fsys: r.FS()}
	// The root holds a file descriptor; serve opens a site again at every
	// save, so the descriptor is closed when the file system is dropped.
	runtime.AddCleanup(s, func(r *os.Root) { r.Close() }, r)
	return s, nil
}

type siteFS struct {
	root *os.Root
	fsys fs.FS // r.FS(): the root's own fs.FS, for ReadDir
}

func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	st, err := s.root.Stat(name)
	if err != nil {
		return nil, s.classify("stat", name, err)
	}
	return st, nil
}

func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, err := fs.ReadDir(s.fsys, name)
	if err != nil {
		return nil, s.classify("readdir", name, err)
	}
	return entries, nil
}

func (s *siteFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var st fs.FileInfo
	if !openNeverBlocks {
		// Opening a named pipe waits for a writer: ask what name is first.
		var err error
		if st, err = s.Stat(name); err != nil {
			return nil, err
		}
		if !st.IsDir() {
			if err := checkFile(name, st, LimitFor(name)); err != nil {
				return nil, err
			}
		}
	}
	f, err := s.root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, s.classify("open", name, err)
	}
	// What was opened is what counts (it may have been swapped since a
	// Stat): one walk of the path, then the open file's own facts.
	if st, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		return f, nil
	}
	if err := checkFile(name, st, LimitFor(name)); err != nil {
		f.Close()
		return nil, err
	}
	return &limitedFile{File: f, name: name, left: LimitFor(name)}, nil
}

func (s *siteFS) ReadFile(name string) ([]byte, error) {
	return s.readFile(name, LimitFor(name))
}

// readFile opens name once (one walk of its path) and reads it as
// ReadFile does.
func (s *siteFS) readFile(name string, limit int64) ([]byte, error) {
	f, err := s.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkFile(name, st, limit); err != nil {
		return nil, err // a folder, or over limit
	}
	return readLimited(name, f, st.Size(), limit)
}

// classify turns the error of an operation on name into a refusal when a
// link on the way leads out of the site; other errors are returned as they
// are. os.Root does not export its "path escapes" error, so the path is
// walked: the first link whose target cannot be reached is the culprit.
func (s *siteFS) classify(op, name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		return err
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, lerr := s.root.Lstat(p)
		if lerr != nil {
			break
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, serr := s.root.Stat(p); serr != nil && !errors.Is(serr, fs.ErrNotExist) {
			return &RefusedError{Path: name, Reason: Outside}
		}
	}
	return err
}

// limitedFile stops reading at its limit: a file that grows while it is
// read (or that reports a wrong size) is refused, not read without end.
type limitedFile struct {
	*os.File
	name string
	left int64
}

func (f *limitedFile) Read(p []byte) (int, error) {
	if f.left < 0 {
		return 0, &RefusedError{Path: f.name, Reason: TooLarge, Size: -1, Limit: LimitFor(f.name)}
	}
	if int64(len(p)) > f.left+1 {
		p = p[:f.left+1]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	if f.left < 0 {
		return n, &RefusedError{Path: f.name, Reason: TooLarge, Size: -1, Limit: LimitFor(f.name)}
	}
	return n, err
}

// checkFile refuses what is not a regular file, and a file whose size is
// over limit.
func checkFile(name string, st fs.FileInfo, limit int64) error {
	m := st.Mode()
	if !m.IsRegular() {
		kind := KindOther
		switch {
		case m.IsDir():
			kind = KindDir
		case m&fs.ModeNamedPipe != 0:
			kind = KindFIFO
		case m&fs.ModeSocket != 0:
			kind = KindSocket
		case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
			kind = KindDevice
		}
		return &RefusedError{Path: name, Reason: Special, Kind: kind}
	}
	if st.Size() > limit {
		return &RefusedError{Path: name, Reason: TooLarge, Size: st.Size(), Limit: limit}
	}
	return nil
}

// ReadFile reads a regular file of at most limit bytes from any file
// system: it stats the file first and refuses a pipe, device or socket
// without opening it, then reads at most limit+1 bytes, so a file larger
// than it says (or a device that never ends) is refused too. Refusals are
// *RefusedError. A site's file system (SiteFS) opens the file once instead,
// without waiting on a pipe, and decides on what it opened.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if s, ok := fsys.(*siteFS); ok {
		return s.readFile(name, limit)
	}
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := checkFile(name, st, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(name, f, st.Size(), limit)
}

// readLimited reads f (name, size bytes as its file system says) to its
// end, refusing it past limit bytes.
func readLimited(name string, f io.Reader, size, limit int64) ([]byte, error) {
	data, err := readAll(io.LimitReader(f, limit+1), min(size, limit))
	if re, ok := IsRefused(err); ok {
		re.Path = name
		return nil, re
	}
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &RefusedError{Path: name, Reason: TooLarge, Size: -1, Limit: limit}
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// readAll reads r to its end into a buffer made for size bytes (the size
// the file system reports) and one more, so that a file of that size is
// read without growing the buffer and its end seen without copying; a
// file longer than it said grows the buffer as io.ReadAll would.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, max(size, 0)+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}
