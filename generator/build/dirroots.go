package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// dirRoots keeps the folders of the temporary output open while files are
// written into them, each as an os.Root opened from its parent's: a file is
// then one open of its own name, where an os.Root opened at the top walks
// (opens and closes) every folder of the path again for every file, and a
// site of 1,000 pages is some 20,000 opens instead of 5,000. The roots keep
// the guarantee of the top one: no name or link leads out of the folder.
//
// At most dirRootsKept folders stay open (the least recently used that no
// writer holds are closed), so a site of 10,000 folders never holds 10,000
// descriptors; all are closed before the folder is swapped in (Windows
// cannot rename a folder with open handles inside).
type dirRoots struct {
	top  *os.Root
	make bool // make a missing folder (the temporary output), or fail (the previous output, read)

	mu   sync.Mutex
	m    map[string]*dirRoot
	tick uint64
}

const dirRootsKept = 64

type dirRoot struct {
	root *os.Root
	refs int
	used uint64
}

func newDirRoots(top *os.Root, make bool) *dirRoots {
	return &dirRoots{top: top, make: make, m: map[string]*dirRoot{".": {root: top, refs: 1}}}
}

// get returns the open folder d (a system path relative to the top, "."
// for the top itself), making it and its parents when missing if the
// roots make folders; the caller releases it.
func (r *dirRoots) get(d string) (*dirRoot, error) {
	r.mu.Lock()
	if e := r.m[d]; e != nil {
		e.refs++
		r.tick++
		e.used = r.tick
		r.mu.Unlock()
		return e, nil
	}
	r.mu.Unlock()
	parent, err := r.get(filepath.Dir(d))
	if err != nil {
		return nil, err
	}
	base := filepath.Base(d)
	if r.make {
		if err := parent.root.Mkdir(base, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			r.release(parent)
			return nil, err
		}
	}
	root, err := parent.root.OpenRoot(base)
	r.release(parent)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tick++
	if e := r.m[d]; e != nil { // opened meanwhile by another writer
		root.Close()
		e.refs++
		e.used = r.tick
		return e, nil
	}
	e := &dirRoot{root: root, refs: 1, used: r.tick}
	r.m[d] = e
	r.evict()
	return e, nil
}

// evict closes the least recently used folders no writer holds while more
// than dirRootsKept are open; r.mu is held.
func (r *dirRoots) evict() {
	for len(r.m) > dirRootsKept {
		var old string
		var oldest *dirRoot
		for d, e := range r.m {
			if e.refs == 0 && (oldest == nil || e.used < oldest.used) {
				old, oldest = d, e
			}
		}
		if oldest == nil {
			return
		}
		oldest.root.Close()
		delete(r.m, old)
	}
}

func (r *dirRoots) release(e *dirRoot) {
	r.mu.Lock()
	e.refs--
	r.mu.Unlock()
}

// close closes every folder but the top (its owner closes it).
func (r *dirRoots) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for d, e := range r.m {
		if d != "." {
			e.root.Close()
		}
		delete(r.m, d)
	}
}
