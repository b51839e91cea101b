// guifan's changes to fpdf v0.9.0 (github.com/go-pdf/fpdf, MIT licence,
// see LICENSE; the upstream repository is archived), made because a build
// writes thousands of PDFs with the same two fonts:
//
//   - xcompr.go: the zlib writers are reused (Reset) instead of a new one
//     per stream; the compressed bytes are the same.
//   - fpdf.go (addFontFromBytes): a UTF-8 font's id, the SHA-1 of its
//     metrics as JSON (65,536 widths), is computed once per font bytes
//     (utf8FontID) instead of once per PDF; the id is the same.
//   - doc.go: no import comment; fpdf.go, def.go: vet and staticcheck
//     findings (a constant format, an unused function).
//
// Everything else is upstream's code unchanged.

package fpdf

import "sync"

// fontIDs remembers the ids of the UTF-8 fonts added from bytes, by the
// bytes' address and length and the font's key. An entry holds the bytes,
// so their address cannot be reused by other bytes while it is remembered;
// callers must not change a font's bytes once added. At most maxFontIDs
// are remembered (a build uses a handful).
var fontIDs = struct {
	sync.Mutex
	m map[fontIDKey]fontIDEntry
}{m: map[fontIDKey]fontIDEntry{}}

const maxFontIDs = 16

type fontIDKey struct {
	data *byte
	n    int
	key  string
}

type fontIDEntry struct {
	data []byte // kept alive: see fontIDs
	id   string
}

// utf8FontID returns generateFontID(def) for the font added from data
// under fontkey, computing it once per data.
func utf8FontID(fontkey string, data []byte, def fontDefType) string {
	if len(data) == 0 {
		id, _ := generateFontID(def)
		return id
	}
	k := fontIDKey{&data[0], len(data), fontkey}
	fontIDs.Lock()
	e, ok := fontIDs.m[k]
	fontIDs.Unlock()
	if ok {
		return e.id
	}
	id, _ := generateFontID(def)
	fontIDs.Lock()
	if len(fontIDs.m) >= maxFontIDs {
		clear(fontIDs.m)
	}
	fontIDs.m[k] = fontIDEntry{data: data, id: id}
	fontIDs.Unlock()
	return id
}
