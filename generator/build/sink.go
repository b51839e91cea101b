package build

import (
	"bytes"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"guifan/generator/fsutil"
)

// sink is where a build's output files go as they are made, keyed by their
// slash path under the output folder ("site/index.html"): the temporary
// folder a published build is swapped in from (*staging), or a map for a
// build kept in memory (memSink: serve, tests). Every output stores its
// files through job.put, so none is held until the end. Both are safe for
// concurrent use.
type sink interface {
	// put stores a file; the sink may keep data (the caller no longer
	// changes it). A name stored twice keeps the last data.
	put(name string, data []byte) error
	// size returns the size of a file stored, and whether it was.
	size(name string) (int, bool)
}

// memSink keeps the files in a map.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemSink() *memSink { return &memSink{files: map[string][]byte{}} }

func (m *memSink) put(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

func (m *memSink) size(name string) (int, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return len(data), ok
}

// put stores a file of the build in its sink. The first failure is kept
// (job.sinkErr) and ends the build when the output that made it returns.
func (j *job) put(name string, data []byte) {
	if err := j.out.put(name, data); err != nil {
		j.sinkMu.Lock()
		if j.sinkErr == nil {
			j.sinkErr = err
		}
		j.sinkMu.Unlock()
	}
}

// writers store files on goroutines of their own while the caller goes on
// making the next ones. Creating a file waits on the file system (on
// ext4, most of a site's system time is creating its files), and the
// pages' rendering need not wait with it: with the writing done inside
// the rendering workers, a core sat idle whenever its worker waited on
// the disk. The queues are short, so only a few files wait in memory.
//
// Each folder's files go to one writer (folderWriter): creating files in
// one folder is one at a time in the kernel (the folder's lock), and
// several writers in the same folder only spin waiting for each other
// (measured at 10,000 documents, whose pages share docs/: 5.2-6.8 s of
// system time with four writers taking files from one queue, 2.5-4.3 s
// with each folder's files on one writer). Writers in different folders
// do go on side by side. It also keeps the order of one name stored twice.
type writers struct {
	chs  []chan writerFile
	done sync.WaitGroup
	once sync.Once
}

type writerFile struct {
	name string
	data []byte
}

// ioWriters is how many goroutines write a site's files: more than the
// cores, since they mostly wait.
const ioWriters = 4

func (j *job) startWriters() *writers {
	w := &writers{chs: make([]chan writerFile, ioWriters)}
	for i := range w.chs {
		ch := make(chan writerFile, 16)
		w.chs[i] = ch
		w.done.Go(func() {
			for f := range ch {
				j.put(f.name, f.data)
			}
		})
	}
	return w
}

// folderWriter is the writer of the files of name's folder, of n.
func folderWriter(name string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(path.Dir(name)))
	return int(h.Sum32() % uint32(n))
}

// put queues a file to be stored (as job.put; the caller no longer changes
// data).
func (w *writers) put(name string, data []byte) {
	w.chs[folderWriter(name, len(w.chs))] <- writerFile{name, data}
}

// putAll queues files (their names under prefix) and empties the map.
// Each writer's files are queued by a goroutine of their own, in the
// order of their names: queued one after another, the files of the
// writers that come later waited for those of the first (the search
// index's three folders, 5,500 files at 10,000 documents, were written
// one folder after the other on one core while the other sat idle).
func (w *writers) putAll(prefix string, files map[string][]byte) {
	byWriter := make([][]string, len(w.chs))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		k := folderWriter(prefix+name, len(w.chs))
		byWriter[k] = append(byWriter[k], name)
	}
	var queued sync.WaitGroup
	for k, names := range byWriter {
		if len(names) == 0 {
			continue
		}
		queued.Go(func() {
			for _, name := range names {
				w.chs[k] <- writerFile{prefix + name, files[name]}
			}
		})
	}
	queued.Wait()
	clear(files)
}

// wait returns once every file queued is stored (job.failed then tells
// whether one failed); w takes no more.
func (w *writers) wait() {
	w.once.Do(func() {
		for _, ch := range w.chs {
			close(ch)
		}
	})
	w.done.Wait()
}

// sizeOf returns the size of a file the build stored (0 when none).
func (j *job) sizeOf(name string) int {
	n, _ := j.out.size(name)
	return n
}

// failed returns the first failure of the sink, if any.
func (j *job) failed() error {
	j.sinkMu.Lock()
	defer j.sinkMu.Unlock()
	return j.sinkErr
}

// staging is a build's output folder in the making: a hidden temporary
// folder beside the output, under the output's lock, into which each file
// is written as it is made (through an os.Root, so no name or link leads
// out of it). commit swaps it in for the output; abort removes it. See the
// output-folder rule (publish.go).
type staging struct {
	abs, tmp string
	root     *os.Root
	unlock   func()

	mu    sync.Mutex
	sizes map[string]int
	dirs  *dirRoots // folders made, kept open while written into
	// previous are the folders of the output this build replaces, when
	// guifan made it (sameAsPrevious); nil otherwise.
	previous *dirRoots
	linked   map[string]bool // files that are the previous output's (link)
	stamps   []byte          // kept in the output after commit (pdfCache)
	done     bool
}

// keepStamps sets what commit keeps in the output: the stamps of the
// files the cache's index names (stampsFile).
func (st *staging) keepStamps(data []byte) {
	st.mu.Lock()
	st.stamps = data
	st.mu.Unlock()
}

// dir returns the open folder of the file p (a system path) in the
// temporary folder, made when missing; the caller releases it.
func (st *staging) dir(p string) (*dirRoot, error) {
	e, err := st.dirs.get(filepath.Dir(p))
	if err != nil {
		return nil, &OutputError{Code: OutFailed, Path: filepath.Join(st.tmp, filepath.Dir(p)), Detail: err.Error()}
	}
	return e, nil
}

// link stores as name the file src of the previous output (from: guifan's
// own output folder) when it is still the file recorded (want), without
// reading it: a hard link, or a copy by the kernel (fsutil.LinkFile). Any
// failure leaves name not stored; the caller then reads src.
func (st *staging) link(from *dirRoots, src, name string, want fsutil.Stamp) error {
	if !safeName(name) || name == Marker || !safeName(src) {
		return &OutputError{Code: OutBadName, Path: st.abs, Detail: name}
	}
	p := filepath.FromSlash(name)
	d, err := st.dir(p)
	if err != nil {
		return err
	}
	defer st.dirs.release(d)
	base := filepath.Base(p)
	st.mu.Lock()
	_, stored := st.sizes[name]
	st.mu.Unlock()
	if stored {
		d.root.Remove(base)
	}
	sp := filepath.FromSlash(src)
	sd, err := from.get(filepath.Dir(sp))
	if err != nil {
		return err
	}
	defer from.release(sd)
	return st.linkFrom(sd, filepath.Base(sp), d, base, name, want)
}

// linkFrom stores name (base in its folder d) as the previous output's
// file src in the folder sd, when it is still the file recorded (want),
// and records it as linked.
func (st *staging) linkFrom(sd *dirRoot, src string, d *dirRoot, base, name string, want fsutil.Stamp) error {
	n, err := fsutil.LinkFile(sd.root, src, d.root, base, want)
	if err != nil {
		return err
	}
	st.mu.Lock()
	st.sizes[name] = int(n)
	st.linked[name] = true
	st.mu.Unlock()
	return nil
}

// stamp returns the stamp of a file stored, to recognise it in the next
// build (pdfCache).
func (st *staging) stamp(name string) (fsutil.Stamp, bool) {
	p := filepath.FromSlash(name)
	d, err := st.dir(p)
	if err != nil {
		return fsutil.Stamp{}, false
	}
	defer st.dirs.release(d)
	fi, err := d.root.Lstat(filepath.Base(p))
	if err != nil || !fi.Mode().IsRegular() {
		return fsutil.Stamp{}, false
	}
	return fsutil.StampOf(fi), true
}

func (st *staging) put(name string, data []byte) error {
	if !safeName(name) || name == Marker {
		return &OutputError{Code: OutBadName, Path: st.abs, Detail: name}
	}
	p := filepath.FromSlash(name)
	d, err := st.dir(p)
	if err != nil {
		return err
	}
	defer st.dirs.release(d)
	base := filepath.Base(p)
	// A file linked from the previous output is that output's file too:
	// it is replaced, never written through.
	st.mu.Lock()
	linked := st.linked[name]
	delete(st.linked, name)
	st.mu.Unlock()
	if linked {
		d.root.Remove(base)
	}
	if st.sameAsPrevious(name, p, data, d) {
		return nil
	}
	f, err := d.root.OpenFile(base, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return &OutputError{Code: OutFailed, Path: filepath.Join(st.tmp, p), Detail: err.Error()}
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &OutputError{Code: OutFailed, Path: filepath.Join(st.tmp, p), Detail: err.Error()}
	}
	st.mu.Lock()
	st.sizes[name] = len(data)
	st.mu.Unlock()
	return nil
}

// sameAsPrevious stores name by linking the previous output's file p
// (the folder this build replaces, when it is guifan's: previous) when
// that file holds exactly data: a page that did not change is then the
// same file, not a new one (making thousands of files is most of a
// rebuild's system time). The link is made only if the file is still the
// one read (its stamp, LinkFile); anything else leaves name to be written.
func (st *staging) sameAsPrevious(name, p string, data []byte, d *dirRoot) bool {
	prev := st.previous
	if prev == nil || len(data) == 0 {
		return false
	}
	sd, err := prev.get(filepath.Dir(p))
	if err != nil {
		return false
	}
	defer prev.release(sd)
	base := filepath.Base(p)
	fi, err := sd.root.Lstat(base)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	want := fsutil.StampOf(fi)
	if !want.Identifies() {
		return false // no inode to check a link by (Windows): write it
	}
	f, err := sd.root.Open(base)
	if err != nil {
		return false
	}
	old := make([]byte, len(data)+1)
	n, _ := io.ReadFull(f, old)
	f.Close()
	if n != len(data) || !bytes.Equal(old[:n], data) {
		return false
	}
	return st.linkFrom(sd, base, d, base, name, want) == nil
}

func (st *staging) size(name string) (int, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	n, ok := st.sizes[name]
	return n, ok
}
