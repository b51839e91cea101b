package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"guifan/generator/fsutil"
)

// The output-folder rule. guifan writes only inside an output folder it
// made, and replaces only what it wrote:
//
//   - the output folder carries a marker file (Marker) written by guifan;
//     an existing folder is replaced only when it has the marker or is
//     empty;
//   - the output may not be, contain or lie inside the site's own files
//     (content/, hospital.toml, audit/, forms/, schemas/, themes/,
//     layouts/), and may not be a file or the root of a file system;
//   - a build writes into a hidden folder of its own beside the output and
//     swaps it in with a rename, so readers never see half a build, and a
//     failed build leaves the previous output and no temporary folder;
//   - one build at a time per output folder (a lock file beside it, which
//     names the computer and process holding it, and is taken over only
//     when that process is gone);
//   - every file name is a relative slash path that stays inside the
//     output (refused otherwise), written through an os.Root that does not
//     follow links out.

// Marker is the file that marks a folder as a guifan output.
const Marker = ".guifan-output"

const markerText = "This folder was written by guifan. guifan replaces it as a whole at each build;\n" +
	"do not keep your own files here.\n本目录由 guifan 生成，每次构建整体替换，请勿在此存放自己的文件。\n"

// Sources are the parts of a site folder that are the user's own files; an
// output may not overlap any of them.
var Sources = []string{"content", "hospital.toml", "audit", "forms", "schemas", "themes", "layouts"}

// ownEntries are the names an unmarked folder may hold and still be
// replaced: only the marker (a folder a killed build left). A folder of
// an older guifan, made before the marker, holds site/ and report.json
// like a user's folder might, so it is refused too; the message says to
// delete it or choose another folder.
var ownEntries = map[string]bool{Marker: true}

// OutputError says why guifan refused to write an output folder. Code is a
// catalog key under "output."; Path the folder or file concerned; Detail
// an argument for the message (another path, a system error).
type OutputError struct {
	Code   string
	Path   string
	Detail string
}

func (e *OutputError) Error() string {
	return fmt.Sprintf("output %s: %s %s", e.Code, e.Path, e.Detail)
}

// The codes of OutputError.
const (
	OutRoot     = "root"      // a file-system root
	OutFile     = "file"      // an existing file, not a folder
	OutNotOurs  = "not-ours"  // a folder with files guifan did not write
	OutLink     = "link"      // a link (to a folder or anything else)
	OutSources  = "sources"   // is, contains or lies inside the site's files
	OutLocked   = "locked"    // another build is writing it
	OutBadName  = "bad-name"  // a file name that would leave the output
	OutFailed   = "failed"    // the system refused a write
	OutNotFound = "no-parent" // its parent cannot be made
)

// Publish writes files (slash paths relative to out) as the output folder
// out of the site in siteDir (siteDir "" skips the sources check, for
// folders guifan made itself). See the output-folder rule above.
func Publish(out, siteDir string, files map[string][]byte) error {
	abs, err := CheckOutput(out, siteDir)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if !safeName(name) || name == Marker {
			return &OutputError{Code: OutBadName, Path: abs, Detail: name}
		}
		names = append(names, name)
	}
	sort.Strings(names)
	st, err := beginPublish(abs, siteDir)
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := st.put(name, files[name]); err != nil {
			st.abort()
			return err
		}
	}
	return st.commit()
}

// beginPublish starts writing the output folder out of the site in siteDir
// (see Publish): it takes the output's lock and makes the temporary folder
// the files are written into as they are made (staging.put). Its commit
// swaps the folder in; its abort leaves the previous output as it was.
func beginPublish(out, siteDir string) (_ *staging, err error) {
	abs, err := CheckOutput(out, siteDir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, &OutputError{Code: OutNotFound, Path: parent, Detail: err.Error()}
	}
	unlock, err := lockOutput(abs)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			unlock()
		}
	}()
	// Checked again under the lock: another build may have just made it.
	if _, err := CheckOutput(abs, siteDir); err != nil {
		return nil, err
	}
	removeLeftovers(parent, base)

	tmp, err := os.MkdirTemp(parent, "."+base+".guifan-new-")
	if err != nil {
		return nil, &OutputError{Code: OutFailed, Path: parent, Detail: err.Error()}
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	// MkdirTemp makes a private folder; an output is read by others (the
	// intranet server, colleagues on the shared drive).
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, &OutputError{Code: OutFailed, Path: tmp, Detail: err.Error()}
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return nil, &OutputError{Code: OutFailed, Path: tmp, Detail: err.Error()}
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return nil, &OutputError{Code: OutFailed, Path: tmp, Detail: err.Error()}
	}
	return &staging{abs: abs, tmp: tmp, root: root, unlock: unlock, sizes: map[string]int{}, dirs: newDirRoots(root, true), linked: map[string]bool{}}, nil
}

// abort removes the temporary folder and releases the lock: the previous
// output stays as it was. It does nothing after commit or abort.
func (st *staging) abort() {
	if st.finish() {
		os.RemoveAll(st.tmp)
		st.unlock()
	}
}

// finish closes the folder and releases the lock, once; it reports
// whether this call did.
func (st *staging) finish() bool {
	st.mu.Lock()
	first := !st.done
	st.done = true
	st.mu.Unlock()
	if first {
		st.dirs.close()
		st.root.Close()
	}
	return first
}

// commit swaps the temporary folder in for the output: the previous output
// is moved aside and removed, or put back when the swap fails.
func (st *staging) commit() (err error) {
	if !st.finish() {
		return &OutputError{Code: OutFailed, Path: st.abs, Detail: "already published"}
	}
	defer st.unlock()
	abs, tmp := st.abs, st.tmp
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	// The stamps of the previous output's files go with it; this build's
	// are kept in the new output after the swap (pdfCache).
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		} else if st.stamps != nil {
			fsutil.WriteFileAtomic(stampsFile(abs), st.stamps, 0o644)
		}
	}()
	stat, statErr := os.Lstat(abs)
	if statErr != nil {
		if err := os.Rename(tmp, abs); err != nil {
			return &OutputError{Code: OutFailed, Path: abs, Detail: err.Error()}
		}
		return nil
	}
	if !stat.IsDir() {
		return &OutputError{Code: OutFile, Path: abs}
	}
	trash, err := os.MkdirTemp(parent, "."+base+".guifan-old-")
	if err != nil {
		return &OutputError{Code: OutFailed, Path: parent, Detail: err.Error()}
	}
	prev := filepath.Join(trash, "prev")
	if err := os.Rename(abs, prev); err != nil {
		os.Remove(trash)
		return &OutputError{Code: OutFailed, Path: abs, Detail: err.Error()}
	}
	if err := os.Rename(tmp, abs); err != nil {
		// Put the previous output back.
		if rerr := os.Rename(prev, abs); rerr == nil {
			os.Remove(trash)
		}
		return &OutputError{Code: OutFailed, Path: abs, Detail: err.Error()}
	}
	os.RemoveAll(trash)
	return nil
}

// CheckOutput applies the output-folder rule to out before anything is
// written, and returns out as an absolute path.
func CheckOutput(out, siteDir string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", &OutputError{Code: OutFailed, Path: out, Detail: err.Error()}
	}
	if filepath.Dir(abs) == abs {
		return "", &OutputError{Code: OutRoot, Path: abs}
	}
	real := realPath(abs)
	if filepath.Dir(real) == real {
		return "", &OutputError{Code: OutRoot, Path: abs}
	}
	if siteDir != "" {
		site, err := filepath.Abs(siteDir)
		if err != nil {
			return "", &OutputError{Code: OutFailed, Path: siteDir, Detail: err.Error()}
		}
		site = realPath(site)
		for _, s := range Sources {
			src := filepath.Join(site, s)
			if within(real, src) || within(src, real) {
				return "", &OutputError{Code: OutSources, Path: abs, Detail: src}
			}
		}
	}
	st, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", &OutputError{Code: OutFailed, Path: abs, Detail: err.Error()}
	case st.Mode()&fs.ModeSymlink != 0:
		// A link as the output: guifan would replace the link, not its
		// target; refuse rather than surprise, and say where it leads.
		target, _ := os.Readlink(abs)
		return "", &OutputError{Code: OutLink, Path: abs, Detail: target}
	case !st.IsDir():
		return "", &OutputError{Code: OutFile, Path: abs}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", &OutputError{Code: OutFailed, Path: abs, Detail: err.Error()}
	}
	marked := false
	var foreign []string
	for _, e := range entries {
		if e.Name() == Marker {
			marked = e.Type().IsRegular()
		}
		if !ownEntries[e.Name()] {
			foreign = append(foreign, e.Name())
		}
	}
	if !marked && len(foreign) > 0 {
		sort.Strings(foreign)
		if len(foreign) > 3 {
			foreign = append(foreign[:3], "…")
		}
		return "", &OutputError{Code: OutNotOurs, Path: abs, Detail: strings.Join(foreign, ", ")}
	}
	return abs, nil
}

// realPath resolves the links of the longest existing part of p.
func realPath(p string) string {
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// within reports whether p is dir or inside it. Names are compared without
// regard to case, as on Windows and macOS file systems.
func within(p, dir string) bool {
	p, dir = strings.ToLower(p), strings.ToLower(dir)
	if p == dir {
		return true
	}
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// safeName reports whether a file name of an output is a relative slash
// path that stays inside the output folder.
func safeName(name string) bool {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") ||
			strings.ContainsAny(seg, ":*?\"<>|") {
			return false
		}
	}
	return filepath.IsLocal(filepath.FromSlash(name)) && path.Clean(name) == name
}

// writeTree writes files into dir through an os.Root, so no name or link
// can lead outside it. With exclusive, existing files are never replaced:
// the first one found is reported and nothing is written.
func writeTree(dir string, files map[string][]byte, exclusive bool) error {
	names := make([]string, 0, len(files))
	for name := range files {
		if !safeName(name) {
			return &OutputError{Code: OutBadName, Path: dir, Detail: name}
		}
		names = append(names, name)
	}
	sort.Strings(names)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return &OutputError{Code: OutFailed, Path: dir, Detail: err.Error()}
	}
	defer root.Close()
	if exclusive {
		for _, name := range names {
			if _, err := root.Lstat(filepath.FromSlash(name)); err == nil {
				return &OutputError{Code: OutNotOurs, Path: filepath.Join(dir, filepath.FromSlash(name))}
			}
		}
	}
	for _, name := range names {
		p := filepath.FromSlash(name)
		if d := filepath.Dir(p); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return &OutputError{Code: OutFailed, Path: filepath.Join(dir, d), Detail: err.Error()}
			}
		}
		flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if exclusive {
			flag = os.O_WRONLY | os.O_CREATE | os.O_EXCL
		}
		f, err := root.OpenFile(p, flag, 0o644)
		if err != nil {
			return &OutputError{Code: OutFailed, Path: filepath.Join(dir, p), Detail: err.Error()}
		}
		_, err = f.Write(files[name])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return &OutputError{Code: OutFailed, Path: filepath.Join(dir, p), Detail: err.Error()}
		}
	}
	return nil
}

// CreateFiles writes files (slash paths relative to dir) into dir, making
// folders as needed, but never replaces a file that is already there: when
// any exists, nothing is written. guifan init and new use it in the
// user's own folders.
func CreateFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &OutputError{Code: OutFailed, Path: dir, Detail: err.Error()}
	}
	return writeTree(dir, files, true)
}

// lockOutput takes the lock of an output folder: a file beside it, made
// exclusively, naming the computer and process. A lock left by a process
// that is gone (on this computer) or older than a day is taken over.
func lockOutput(abs string) (func(), error) {
	lock := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".guifan-lock")
	host, _ := os.Hostname()
	me := fmt.Sprintf("guifan %s %d %s\n", host, os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(me)
			f.Close()
			if werr != nil {
				os.Remove(lock)
				return nil, &OutputError{Code: OutFailed, Path: lock, Detail: werr.Error()}
			}
			return func() { os.Remove(lock) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, &OutputError{Code: OutFailed, Path: lock, Detail: err.Error()}
		}
		holder, stale := staleLock(lock, host)
		if !stale {
			return nil, &OutputError{Code: OutLocked, Path: abs, Detail: holder}
		}
		os.Remove(lock)
	}
	return nil, &OutputError{Code: OutLocked, Path: abs, Detail: lock}
}

// staleLock reads a lock file: who holds it, and whether its holder is
// gone. Only a lock in guifan's own format is ever taken over.
func staleLock(lock, host string) (string, bool) {
	data, err := os.ReadFile(lock)
	if err != nil {
		return lock, false
	}
	f := strings.Fields(string(data))
	if len(f) != 4 || f[0] != "guifan" {
		return lock, false
	}
	holder := f[1] + " pid " + f[2]
	if t, err := time.Parse(time.RFC3339, f[3]); err == nil && time.Since(t) > 24*time.Hour {
		return holder, true
	}
	if f[1] != host {
		return holder, false // another computer on a shared drive
	}
	pid, err := strconv.Atoi(f[2])
	if err != nil {
		return holder, false
	}
	return holder, !processAlive(pid)
}

// removeLeftovers removes the temporary folders of builds of this output
// that were killed. It runs under the output's lock, so no build of it is
// running, and it removes only folders named as guifan names them.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+".guifan-new-") || strings.HasPrefix(n, "."+base+".guifan-old-")) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}
