// Package pdf typesets binders of documents as PDF with Chinese typography:
// A4, a cover, contents with page numbers and links, two-level bookmarks,
// running header and footer (第 X 页 / 共 Y 页), each document on a new page
// with its control box, and Markdown rendered as headings, paragraphs,
// lists, tables (wrapping cells, header repeated after a page break), code
// and quotes. It is the only package that imports fpdf.
//
// Text never goes through fpdf's MultiCell, which loses a Chinese character
// at every automatic line break; lines are broken by Break (linebreak.go),
// which keeps 避头尾 and never drops a character. Each character is set in
// the first font of the style's list that has it, so a rare character in a
// Song body falls back to the Hei font; a character no font has is
// reported, never a crash (fpdf cannot encode characters above U+FFFF).
package pdf

import (
	"fmt"
	"time"

	"guifan/generator/pdf/internal/fpdf"

	"guifan/generator/card"
	"guifan/generator/markdown"
)

// Doc is one document of a binder.
type Doc struct {
	ID      string
	Title   string
	Number  string // printed in the footer
	Version string
	Control [][2]string // label, value pairs of the control box
	Blocks  []markdown.Block
	// Card is the document's action card (an emergency plan), drawn
	// after its control box; nil for none.
	Card *card.Card `json:",omitempty"`
	// Watermark is drawn across every page of the document (a plan not
	// in force); "" for none.
	Watermark string `json:",omitempty"`
}

// Binder is a PDF of one or more documents.
type Binder struct {
	Title    string // on the cover and in the header
	Subtitle string // on the cover, under the title
	Docs     []Doc
	// CardOnly prints the first document's action card alone on one page
	// (card.go), instead of the documents.
	CardOnly bool    `json:",omitempty"`
	Cover    bool    // a cover page and contents (binders); off for a single document
	Report   *Report // the auditor's report, laid out by report.go, instead of Docs
	// Parts group the documents under headings ("一、规章制度") in the
	// contents and as top-level bookmarks, the documents' own one level
	// below; in the order of Docs. None: the documents are top level.
	Parts []Part `json:",omitempty"`
	// Mark is printed in red at the top of every page but the cover
	// ("内部资料" on a binder with restricted documents); "" for none.
	Mark string `json:",omitempty"`
}

// Part is a heading over the documents of a binder from Docs[First] up to
// the next part's First.
type Part struct {
	Title string
	First int
}

// tocRows is the number of lines of a binder's contents: a line per
// document and per part.
func (b *Binder) tocRows() int { return len(b.Docs) + len(b.Parts) }

// Options are what every PDF shares.
type Options struct {
	Hospital string
	Date     time.Time // the as-of date: printed, and the PDF's creation date
	Serif    []*Font   // body text, tried in order for each character
	Sans     []*Font   // headings and emphasis
	T        func(key string, args ...any) string

	probe *probe // tests only: what was drawn and measured
}

// probe records, for tests, every piece of text drawn and the number of
// character widths looked up.
type probe struct {
	drawn      []drawn
	widthCalls int
}

// drawn is a run of text drawn in one font: its page, its left end and
// baseline in millimetres, and its width.
type drawn struct {
	page        int
	x, y, w     float64
	text        string
	orientation string
}

// Missing is a character that no font has, in a document.
type Missing struct {
	Doc  string
	Rune rune
}

// Geometry in millimetres and points.
const (
	pageW, pageH          = 210.0, 297.0
	marginL, marginR      = 28.0, 26.0
	marginT, marginB      = 30.0, 25.0
	textW                 = pageW - marginL - marginR
	bodyPt                = 11.0
	leading               = 1.75 // line height as a multiple of the font size
	ptToMM                = 25.4 / 72
	styleSerif, styleSans = 0, 1
)

type writer struct {
	f       *fpdf.Fpdf
	opt     Options
	binder  Binder
	chains  [2][]int // style -> indexes into fonts
	fonts   []*Font
	widths  map[widthKey]float64
	units   [][]int32 // by font: fpdf's widths of each rune (fpdf.UTF8Units)
	size    float64   // current font size in points
	y       float64
	doc     *Doc
	missing map[Missing]bool
	order   []Missing
	onCover bool
	probe   *probe
	orient  string
	cur     curFont // the font selected in fpdf (useFont)
	uncut   bool    // a character was missing from a cut font: write again whole
	level   int     // the bookmark level of a document's title: 1 under parts
	part    string  // the part the next document starts, bookmarked before it
}

type widthKey struct {
	font int
	size float64
	r    rune
}

// Write typesets a binder.
func Write(b Binder, opt Options) ([]byte, []Missing, error) {
	data, missing, uncut, err := write(b, opt)
	if uncut {
		rewrites.Add(1)
		opt = wholeFonts(opt)
		if opt.probe != nil {
			*opt.probe = probe{}
		}
		data, missing, _, err = write(b, opt)
	}
	return data, missing, err
}

func write(b Binder, opt Options) ([]byte, []Missing, bool, error) {
	w, err := newWriter(opt, "P", b.Title)
	if err != nil {
		return nil, nil, false, err
	}
	w.binder = b
	if len(b.Parts) > 0 {
		w.level = 1
	}
	f := w.f
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(false, marginB)
	f.AliasNbPages("{nb}")
	f.SetHeaderFuncMode(w.header, false)
	f.SetFooterFunc(w.footer)
	w.setFont(styleSerif, bodyPt)

	if b.CardOnly {
		w.writeCard(b) // one page; no contents
		b.Docs, b.Cover = nil, false
	}

	if b.Report != nil {
		w.report(b.Report) // its own cover and sections; no contents
		b.Docs, b.Cover = nil, false
	}
	var tocPages int
	var tocStart int
	if b.Cover {
		w.cover()
		tocStart = f.PageCount() + 1
		tocPages = (b.tocRows() + tocLines - 1) / tocLines
		for i := 0; i < tocPages; i++ {
			f.AddPage()
		}
	}
	starts := make([]int, len(b.Docs))
	links := make([]int, len(b.Docs))
	part := 0
	for i := range b.Docs {
		links[i] = f.AddLink()
		w.part = ""
		if part < len(b.Parts) && b.Parts[part].First == i {
			w.part = b.Parts[part].Title
			part++
		}
		starts[i] = w.document(&b.Docs[i], links[i])
	}
	last := f.PageCount()
	if b.Cover {
		w.contents(tocStart, tocPages, starts, links)
		f.SetPage(last)
		w.cur.ok = false
	}
	if err := f.Error(); err != nil {
		return nil, nil, false, err
	}
	if w.uncut {
		return nil, nil, true, nil
	}
	data, err := f.OutputBytes()
	if err != nil {
		return nil, nil, false, err
	}
	return data, w.order, false, nil
}

const tocLines = 28

// newWriter starts a PDF with fixed dates and catalog order (so the same
// input gives the same bytes) and registers the fonts of both styles.
func newWriter(opt Options, orientation, title string) (*writer, error) {
	w := &writer{opt: opt, widths: map[widthKey]float64{}, missing: map[Missing]bool{}, probe: opt.probe, orient: orientation}
	f := fpdf.New(orientation, "mm", "A4", "")
	w.f = f
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(opt.Date)
	f.SetModificationDate(opt.Date)
	f.SetProducer("guifan", true)
	f.SetCreator("guifan", true)
	f.SetTitle(outline(title), true)
	f.SetAuthor(outline(opt.Hospital), true)
	seen := map[*Font]int{}
	for s, chain := range [][]*Font{opt.Serif, opt.Sans} {
		for _, font := range chain {
			i, ok := seen[font]
			if !ok {
				i = len(w.fonts)
				seen[font] = i
				w.fonts = append(w.fonts, font)
				f.AddUTF8FontFromBytes(fontName(i), "", font.Data)
				units, _ := fpdf.UTF8Units(font.Data) // nil: measured by fpdf
				w.units = append(w.units, units)
			}
			w.chains[s] = append(w.chains[s], i)
		}
	}
	if len(opt.Serif) == 0 || len(opt.Sans) == 0 {
		return nil, fmt.Errorf("no fonts")
	}
	return w, nil
}
