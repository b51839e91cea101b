// guifan's changes to fpdf v0.9.0 (github.com/go-pdf/fpdf, MIT licence,
// see LICENSE; the upstream repository is archived), made because a build
// writes thousands of PDFs with the same two fonts:
//
//   - xcompr.go: the zlib writers are reused (Reset) instead of a new one
//     per stream; the compressed bytes are the same.
//   - fpdf.go (addFontFromBytes): a UTF-8 font's id, the SHA-1 of its
//     metrics as JSON (65,536 widths), is computed once per font bytes
//     (utf8FontID) instead of once per PDF; the id is the same.
//   - fpdf.go (addFontFromBytes), utf8fontfile.go (GenerateCutFont): a
//     UTF-8 font is parsed once per font bytes (parsedUTF8Font) and each
//     PDF gets a copy; what the subsetter reads of the font before the
//     used runes (tables, cmap, unscaled widths, glyph offsets: upstream's
//     code, now prepareCut) is read once per font too (cutPrepared).
//     Same bytes.
//   - fpdf.go (Text): the text operator formatted with strconv instead of
//     fmt; same bytes.
//   - util.go (untypedKeyMap): the next free int key is counted instead
//     of searched for key by key (generateCIDFontMap spent a tenth of a
//     PDF's time there); same bytes.
//   - UTF8Units (new): a font's widths as GetStringWidth counts them,
//     one table per font, so that guifan measures text without asking
//     fpdf per PDF.
//   - fpdf.go (putfonts), guifan.go (cachedCut): a UTF-8 font's cut for
//     the runes a PDF used (subset and CID map, compressed) is kept per
//     parsed font and runes (bounded) and reused; same bytes.
//   - OutputBytes (new): the document's bytes without copying them.
//   - fpdf.go (putpages, replaceAliases): a page's content is dropped once
//     written, and the page-count alias is looked for in place instead of
//     copying every page twice; same bytes.
//   - doc.go: no import comment; fpdf.go, def.go: vet and staticcheck
//     findings (a constant format, an unused function).
//
// Everything else is upstream's code unchanged.

package fpdf

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
)

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

// parsedFont is what fpdf reads of a UTF-8 font's bytes, the same for every
// PDF: the font as parseFile leaves it (metrics and widths, a template
// never changed), and what GenerateCutFont reads before it looks at the
// runes a PDF used (cutPrep, prepared on first use).
type parsedFont struct {
	data []byte // kept alive: see parsedFonts
	file *utf8FontFile
	once sync.Once
	cut  *cutPrep

	unitsOnce sync.Once
	units     []int32 // UTF8Units

	cuts cutCache // the cuts PDFs embedded (cachedCut)
}

// cutPrep is the font's tables, cmap, unscaled widths and glyph offsets,
// read only by the cuts that share it.
type cutPrep struct {
	tables                               map[string]*tableDescription
	charSymbol                           map[int]int
	symbolPosition                       []int
	widths                               []int
	defaultWidth                         float64
	locaFormat, metricsCount, numSymbols int
}

// parsedFonts remembers the parsed UTF-8 fonts by their bytes' address and
// length, as fontIDs does; at most maxFontIDs.
var parsedFonts = struct {
	sync.Mutex
	m map[fontIDKey]*parsedFont
}{m: map[fontIDKey]*parsedFont{}}

// parsedUTF8Font returns a UTF-8 font file for a PDF, parsed once per font
// bytes: a copy of the parsed template with its own reader and output
// tables, sharing what no one changes (the widths, which the font's
// definition holds as Cw, and the table directory).
func parsedUTF8Font(data []byte) (*utf8FontFile, error) {
	if len(data) == 0 {
		u := newUTF8Font(&fileReader{array: data})
		return u, u.parseFile()
	}
	k := fontIDKey{&data[0], len(data), ""}
	parsedFonts.Lock()
	p := parsedFonts.m[k]
	parsedFonts.Unlock()
	if p == nil {
		u := newUTF8Font(&fileReader{array: data})
		if err := u.parseFile(); err != nil {
			return nil, err
		}
		p = &parsedFont{data: data, file: u}
		parsedFonts.Lock()
		if q := parsedFonts.m[k]; q != nil {
			p = q
		} else {
			if len(parsedFonts.m) >= maxFontIDs {
				clear(parsedFonts.m)
			}
			parsedFonts.m[k] = p
		}
		parsedFonts.Unlock()
	}
	c := *p.file
	c.fileReader = &fileReader{array: data}
	c.outTablesData = make(map[string][]byte)
	c.symbolData = nil
	c.CodeSymbolDictionary = nil
	c.parsed = p
	return &c, nil
}

// cutPrepared returns what GenerateCutFont reads of the font before the
// runes: prepared once per parsed font (on a private copy, so the shared
// template is not changed), or on utf itself for a font not parsed here
// (UTF8CutFont).
func (utf *utf8FontFile) cutPrepared() *cutPrep {
	p := utf.parsed
	if p == nil {
		return utf.prepareCut()
	}
	p.once.Do(func() {
		u := newUTF8Font(&fileReader{array: p.data})
		p.cut = u.prepareCut()
	})
	return p.cut
}

// UTF8Units returns, for each BMP rune, what GetStringWidth counts for it
// in thousandths of the font size with the UTF-8 font of data: its width,
// or the font's missing width (500 when it has none) for a rune it lacks.
// The table is made once per font bytes and shared: callers must not
// change it. A width in user units is float64(units[r]) * (size / k) /
// 1000, k being the scale factor (72 / 25.4 for millimetres), as
// GetStringWidth computes it.
func UTF8Units(data []byte) ([]int32, error) {
	u, err := parsedUTF8Font(data)
	if err != nil {
		return nil, err
	}
	p := u.parsed
	if p == nil {
		return nil, fmt.Errorf("empty font")
	}
	p.unitsOnce.Do(func() {
		missing := round(p.file.DefaultWidth)
		if missing == 0 {
			missing = 500
		}
		t := make([]int32, 0x10000)
		cw := p.file.CharWidths
		for r := range t {
			switch {
			case r < len(cw) && cw[r] == 65535:
			case r < len(cw) && cw[r] > 0:
				t[r] = int32(cw[r])
			default:
				t[r] = int32(missing)
			}
		}
		p.units = t
	})
	return p.units, nil
}

// cutFont is what a PDF embeds of a UTF-8 font for the runes it used: the
// subset (GenerateCutFont) compressed, its size uncompressed, its CID to
// glyph map compressed, and the last rune (generateCIDFontMap reads it).
// The same font and runes give the same bytes.
type cutFont struct {
	stream   []byte
	size     int
	cidToGid []byte
	lastRune int
}

// cutCache is a parsed font's cuts by the runes used ("" keys: runeKey),
// bounded to maxCutBytes of compressed data (emptied when beyond).
type cutCache struct {
	mu    sync.Mutex
	m     map[string]*cutFont
	bytes int
}

const maxCutBytes = 24 << 20

// runeKey is usedRunes as a string: its pairs in rune order.
func runeKey(usedRunes map[int]int) string {
	keys := make([]int, 0, len(usedRunes))
	for r := range usedRunes {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 8*len(keys))
	for _, r := range keys {
		v := usedRunes[r]
		b = append(b, byte(r>>16), byte(r>>8), byte(r), byte(v>>16), byte(v>>8), byte(v), byte(r>>24), byte(v>>24))
	}
	return string(b)
}

// cachedCut returns the font's cut for usedRunes: made once per parsed
// font and runes (guifan: many PDFs of a build use the same runes of a
// font, a heading font's especially), as upstream's putfonts made it.
func (utf *utf8FontFile) cachedCut(usedRunes map[int]int) *cutFont {
	p := utf.parsed
	if p == nil {
		return utf.makeCut(usedRunes)
	}
	key := runeKey(usedRunes)
	p.cuts.mu.Lock()
	c := p.cuts.m[key]
	p.cuts.mu.Unlock()
	if c != nil {
		utf.LastRune = c.lastRune
		return c
	}
	c = utf.makeCut(usedRunes)
	n := len(c.stream) + len(c.cidToGid) + len(key)
	p.cuts.mu.Lock()
	if p.cuts.m == nil || p.cuts.bytes+n > maxCutBytes {
		p.cuts.m, p.cuts.bytes = map[string]*cutFont{}, 0
	}
	if _, ok := p.cuts.m[key]; !ok {
		p.cuts.m[key] = c
		p.cuts.bytes += n
	}
	p.cuts.mu.Unlock()
	return c
}

// makeCut makes the cut for usedRunes (upstream's putfonts).
func (utf *utf8FontFile) makeCut(usedRunes map[int]int) *cutFont {
	utf8FontStream := utf.GenerateCutFont(usedRunes)
	c := &cutFont{size: len(utf8FontStream), lastRune: utf.LastRune}
	CodeSignDictionary := utf.CodeSymbolDictionary
	delete(CodeSignDictionary, 0)
	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range CodeSignDictionary {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	mem := xmem.compress(cidToGidMap)
	c.cidToGid = bytes.Clone(mem.bytes())
	mem.release()
	mem = xmem.compress(utf8FontStream)
	c.stream = bytes.Clone(mem.bytes())
	mem.release()
	return c
}

// OutputBytes closes the document and returns its bytes, as Output writes
// them, without copying them (guifan: a large binder is not held twice).
func (f *Fpdf) OutputBytes() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.state < 3 {
		f.Close()
	}
	if f.err != nil {
		return nil, f.err
	}
	return f.buffer.Bytes(), nil
}
