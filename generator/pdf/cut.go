// Fonts cut once per build: fpdf reads a whole font file for every PDF and
// subsets it again when writing it out, which for two 5 MB CJK fonts (one
// of 49,531 glyphs) was most of a build's work. A build gathers the
// characters its PDFs draw (Chars), cuts each font once to them (CutFonts)
// and hands the small fonts to every Write and WriteForm.

package pdf

import (
	"strings"
	"sync"
	"sync/atomic"

	"guifan/generator/pdf/internal/fpdf"

	"guifan/generator/markdown"
	"guifan/generator/schema"
)

// Chars is a set of characters (the BMP: fpdf cannot encode the others)
// that PDFs will draw. The zero value is empty; NewChars starts with what
// every PDF may draw whatever its text: printable ASCII and the writer's
// own marks.
type Chars struct {
	bits [0x10000 / 64]uint64
}

// NewChars returns a set holding printable ASCII, the list and checkbox
// marks, the ellipsis and the substitute for missing characters.
func NewChars() *Chars {
	c := &Chars{}
	for r := rune(0x20); r < 0x7f; r++ {
		c.add(r)
	}
	c.Add("•□■" + ellipsis + string(substitute))
	return c
}

func (c *Chars) add(r rune) {
	if r >= 0 && r <= 0xFFFF {
		c.bits[r>>6] |= 1 << (uint(r) & 63)
	}
}

// Has reports whether r is in the set.
func (c *Chars) Has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && c.bits[r>>6]&(1<<(uint(r)&63)) != 0
}

// Add adds the characters of s.
func (c *Chars) Add(s string) {
	for _, r := range s {
		c.add(r)
	}
}

// Len is the number of characters in the set.
func (c *Chars) Len() int {
	n := 0
	for _, w := range c.bits {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

// AddOptions adds what every PDF written with opt prints around its text:
// the hospital, the running footer and the cover's date.
func (c *Chars) AddOptions(opt Options) {
	c.Add(opt.Hospital)
	if opt.T == nil {
		return
	}
	c.Add(opt.T("pdf.page", 0, "{nb}"))
	c.Add(opt.T("pdf.contents"))
	c.Add(opt.T("pdf.cover-date", opt.Date.Year(), int(opt.Date.Month()), opt.Date.Day()))
	c.Add(opt.T("pdf.form-serial"))
	c.Add(opt.T("pdf.form-colon"))
	c.Add(opt.T("pdf.form-date"))
}

// AddBinder adds the characters a binder draws: its titles, and each
// document's title, number, version, control box and body.
func (c *Chars) AddBinder(b Binder, opt Options) {
	c.Add(b.Title)
	c.Add(b.Subtitle)
	c.Add(b.Mark)
	for _, p := range b.Parts {
		c.Add(p.Title)
	}
	c.addReport(b.Report)
	for i := range b.Docs {
		d := &b.Docs[i]
		c.Add(d.Title)
		c.addCard(d)
		c.Add(d.Number)
		if d.Version != "" && opt.T != nil {
			c.Add(opt.T("pdf.version", d.Version))
		}
		for _, p := range d.Control {
			c.Add(p[0])
			c.Add(p[1])
		}
		c.addBlocks(d.Blocks)
	}
}

func (c *Chars) addBlocks(blocks []markdown.Block) {
	for i := range blocks {
		b := &blocks[i]
		c.addSpans(b.Spans)
		for _, item := range b.Items {
			c.addBlocks(item)
		}
		for _, row := range b.Rows {
			for _, cell := range row {
				c.addSpans(cell)
			}
		}
		c.Add(b.Code)
		c.addBlocks(b.Quote)
	}
}

func (c *Chars) addSpans(spans []markdown.Span) {
	for _, s := range spans {
		c.Add(s.Text)
	}
}

// AddForm adds the characters a blank form draws in lang.
func (c *Chars) AddForm(form *schema.Form, opt Options, lang string) {
	c.Add(form.Title.In(lang))
	c.Add(form.Footer.In(lang))
	if form.Number != "" && opt.T != nil {
		c.Add(opt.T("pdf.form-number", form.Number))
	}
	for _, r := range form.Rows {
		for _, cell := range r.Cells {
			c.Add(cell.Label.In(lang))
			for _, o := range cell.Options {
				c.Add(o.In(lang))
			}
		}
	}
}

// cut is what a cut font keeps of the font it was cut from.
type cut struct {
	from  *Font    // the whole font
	chars []uint64 // the characters Data still has
}

// CutFonts cuts each distinct font of the chains once, in parallel, to
// the characters of chars it has, and returns the chains with the cut
// fonts in place (a font in several chains is the same cut font in each).
// A cut font answers Has for the whole font, so the font chosen for a
// character and the characters reported missing do not change; a PDF that
// draws a character the cut left out is written again with the whole
// fonts. A font that cannot be cut is kept whole.
func CutFonts(chars *Chars, chains ...[]*Font) [][]*Font {
	cuts := map[*Font]*Font{}
	var order []*Font
	for _, chain := range chains {
		for _, f := range chain {
			if _, ok := cuts[f]; !ok {
				cuts[f] = f
				order = append(order, f)
			}
		}
	}
	done := make([]*Font, len(order))
	var wg sync.WaitGroup
	for i, f := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done[i] = f.cutTo(chars)
		}()
	}
	wg.Wait()
	for i, f := range order {
		cuts[f] = done[i]
	}
	out := make([][]*Font, len(chains))
	for i, chain := range chains {
		for _, f := range chain {
			out[i] = append(out[i], cuts[f])
		}
	}
	return out
}

// cutTo returns the font cut to the characters of chars it has, or f
// itself when it is already cut or cannot be cut (fpdf panics on some
// damaged fonts).
func (f *Font) cutTo(chars *Chars) (out *Font) {
	if f.cut != nil {
		return f
	}
	keep := make([]uint64, len(f.cover))
	var b strings.Builder
	for i := range keep {
		keep[i] = f.cover[i] & chars.bits[i]
		for w := keep[i]; w != 0; w &= w - 1 {
			bit := 0
			for x := w; x&1 == 0; x >>= 1 {
				bit++
			}
			b.WriteRune(rune(i*64 + bit))
		}
	}
	defer func() {
		if recover() != nil {
			out = f
		}
	}()
	data := fpdf.UTF8CutFont(f.Data, b.String())
	if len(data) == 0 {
		return f
	}
	return &Font{Name: f.Name, Data: data, cover: f.cover, cut: &cut{from: f, chars: keep}}
}

// inCut reports whether a cut font's data has r (always true of a whole
// font).
func (f *Font) inCut(r rune) bool {
	if f.cut == nil {
		return true
	}
	return r >= 0 && r <= 0xFFFF && f.cut.chars[r>>6]&(1<<(uint(r)&63)) != 0
}

// whole returns the font a cut font was cut from, or f.
func (f *Font) whole() *Font {
	if f.cut == nil {
		return f
	}
	return f.cut.from
}

// wholeFonts returns opt with the whole fonts in place of cut ones.
func wholeFonts(opt Options) Options {
	for _, chain := range []*[]*Font{&opt.Serif, &opt.Sans} {
		fonts := make([]*Font, len(*chain))
		for i, f := range *chain {
			fonts[i] = f.whole()
		}
		*chain = fonts
	}
	return opt
}

// rewrites counts the PDFs written again with whole fonts because they drew
// a character their cut fonts lacked.
var rewrites atomic.Int64

// Rewrites returns how many PDFs were written a second time with whole
// fonts because a character was missing from the fonts they were given cut
// (a build that gathered its characters fully causes none).
func Rewrites() int64 { return rewrites.Load() }
