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
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

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
}

// Binder is a PDF of one or more documents.
type Binder struct {
	Title    string // on the cover and in the header
	Subtitle string // on the cover, under the title
	Docs     []Doc
	Cover    bool // a cover page and contents (binders); off for a single document
}

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
	size    float64 // current font size in points
	y       float64
	doc     *Doc
	missing map[Missing]bool
	order   []Missing
	onCover bool
	probe   *probe
	orient  string
}

type widthKey struct {
	font int
	size float64
	r    rune
}

// Write typesets a binder.
func Write(b Binder, opt Options) ([]byte, []Missing, error) {
	w, err := newWriter(opt, "P", b.Title)
	if err != nil {
		return nil, nil, err
	}
	w.binder = b
	f := w.f
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(false, marginB)
	f.AliasNbPages("{nb}")
	f.SetHeaderFuncMode(w.header, false)
	f.SetFooterFunc(w.footer)
	w.setFont(styleSerif, bodyPt)

	var tocPages int
	var tocStart int
	if b.Cover {
		w.cover()
		tocStart = f.PageCount() + 1
		tocPages = (len(b.Docs) + tocLines - 1) / tocLines
		for i := 0; i < tocPages; i++ {
			f.AddPage()
		}
	}
	starts := make([]int, len(b.Docs))
	links := make([]int, len(b.Docs))
	for i := range b.Docs {
		links[i] = f.AddLink()
		starts[i] = w.document(&b.Docs[i], links[i])
	}
	last := f.PageCount()
	if b.Cover {
		w.contents(tocStart, tocPages, starts, links)
		f.SetPage(last)
	}
	if err := f.Error(); err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), w.order, nil
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
				f.AddUTF8FontFromBytes(fmt.Sprintf("f%d", i), "", font.Data)
			}
			w.chains[s] = append(w.chains[s], i)
		}
	}
	if len(opt.Serif) == 0 || len(opt.Sans) == 0 {
		return nil, fmt.Errorf("no fonts")
	}
	return w, nil
}

func (w *writer) setFont(style int, size float64) {
	w.size = size
	w.f.SetFont(fmt.Sprintf("f%d", w.chains[style][0]), "", size)
}

// fontFor picks the first font of a style's chain that has r. Control
// characters count as missing: fonts map some of them to glyphs of odd
// widths (U+0000 was 35 em wide).
func (w *writer) fontFor(style int, r rune) (int, bool) {
	if unicode.IsControl(r) {
		return w.chains[style][0], false
	}
	for _, i := range w.chains[style] {
		if w.fonts[i].Has(r) {
			return i, true
		}
	}
	for _, i := range w.chains[1-style] {
		if w.fonts[i].Has(r) {
			return i, true
		}
	}
	return w.chains[style][0], false
}

// substitute is shown for a character no font has.
const substitute = '□'

// outline prepares text for the PDF's bookmarks and document properties,
// which fpdf encodes as UTF-16 by hand: it panics on invalid UTF-8 and
// garbles characters above U+FFFF, so those become the substitute.
func outline(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r > 0xffff {
			return substitute
		}
		return r
	}, strings.ToValidUTF8(s, string(substitute)))
}

func (w *writer) runeWidth(style int, size float64, r rune) float64 {
	if w.probe != nil {
		w.probe.widthCalls++
	}
	font, ok := w.fontFor(style, r)
	if !ok {
		r = substitute
		font, _ = w.fontFor(style, r)
	}
	k := widthKey{font, size, r}
	if v, ok := w.widths[k]; ok {
		return v
	}
	w.f.SetFont(fmt.Sprintf("f%d", font), "", size)
	v := w.f.GetStringWidth(string(r))
	w.widths[k] = v
	return v
}

// measure is the Measure of the line breaker at the current size.
func (w *writer) measure(size float64) Measure {
	return func(s string, style int) float64 {
		total := 0.0
		for _, r := range s {
			total += w.runeWidth(style%2, size, r)
		}
		return total
	}
}

// text draws s at (x, baseline y) in a style, character by character in
// the font that has it, and returns the width drawn.
func (w *writer) text(x, y float64, s string, style int, size float64) float64 {
	start := x
	var run []rune
	runFont := -1
	flush := func() {
		if len(run) > 0 {
			w.f.SetFont(fmt.Sprintf("f%d", runFont), "", size)
			w.f.Text(x, y, string(run))
			x0 := x
			for _, r := range run {
				x += w.runeWidth(style, size, r)
			}
			if w.probe != nil {
				w.probe.drawn = append(w.probe.drawn, drawn{w.f.PageNo(), x0, y, x - x0, string(run), w.orient})
			}
			run = run[:0]
		}
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		font, ok := w.fontFor(style, r)
		if !ok {
			w.miss(r)
			r = substitute
			font, _ = w.fontFor(style, r)
		}
		if font != runFont {
			flush()
			runFont = font
		}
		run = append(run, r)
	}
	flush()
	return x - start
}

func (w *writer) miss(r rune) {
	id := ""
	if w.doc != nil {
		id = w.doc.ID
	}
	m := Missing{Doc: id, Rune: r}
	if !w.missing[m] {
		w.missing[m] = true
		w.order = append(w.order, m)
	}
}

func (w *writer) lineHeight(size float64) float64 { return size * leading * ptToMM }

// need starts a new page when h millimetres do not fit.
func (w *writer) need(h float64) {
	if w.y+h > pageH-marginB {
		w.f.AddPage()
		w.y = marginT
	}
}

// onCoverPage reports whether the current page is a binder's cover,
// which has no header or footer.
func (w *writer) onCoverPage() bool {
	return w.onCover || w.binder.Cover && w.f.PageNo() == 1
}

func (w *writer) header() {
	if w.onCoverPage() {
		return
	}
	f := w.f
	f.SetDrawColor(120, 120, 120)
	f.SetLineWidth(0.2)
	f.Line(marginL, 20, pageW-marginR, 20)
	f.SetTextColor(80, 80, 80)
	// One line: the hospital on the left, the binder's title (a single
	// document's own title) on the right, each cut short with "…" when
	// they do not fit together. Only what fits is measured, so a long
	// title costs nothing per page.
	hospital := w.fit(w.opt.Hospital, styleSans, 9, textW*0.45)
	hw := w.text(marginL, 18, hospital, styleSans, 9)
	title := w.fit(w.binder.Title, styleSans, 9, textW-hw-6)
	tw := w.measure(9)(title, styleSans)
	w.text(pageW-marginR-tw, 18, title, styleSans, 9)
	f.SetTextColor(0, 0, 0)
}

// ellipsis ends a text cut short to fit.
const ellipsis = "…"

// fit returns s, or as much of it as fits in width followed by "…". It
// measures at most the characters that fit and one more, so its work does
// not grow with the length of s.
func (w *writer) fit(s string, style int, size, width float64) string {
	ell := w.measure(size)(ellipsis, style)
	used := 0.0
	cut := -1 // where s is cut when it does not fit: the prefix and "…" fit
	for i, r := range s {
		rw := w.runeWidth(style, size, r)
		if cut < 0 && used+rw+ell > width {
			cut = i
		}
		used += rw
		if used > width {
			return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + ellipsis
		}
	}
	return s
}

// wrapFit breaks s into at most n lines of width; when more would be
// needed, the last line ends with "…".
func (w *writer) wrapFit(s string, style int, size, width float64, n int) []string {
	lines := wrapSimple(w, s, style, size, width)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = w.fit(lines[n-1]+ellipsis, style, size, width)
	}
	return lines
}

func (w *writer) footer() {
	if w.onCoverPage() {
		return
	}
	f := w.f
	f.SetDrawColor(120, 120, 120)
	f.Line(marginL, pageH-18, pageW-marginR, pageH-18)
	f.SetTextColor(80, 80, 80)
	page := w.opt.T("pdf.page", f.PageNo(), "{nb}")
	pw := w.measure(9)(strings.Replace(page, "{nb}", "00", 1), styleSans)
	if w.doc != nil {
		left := strings.TrimSpace(w.doc.Number + "  " + w.versionText(w.doc.Version))
		w.text(marginL, pageH-13, w.fit(left, styleSans, 9, textW-pw-6), styleSans, 9)
	}
	w.text(pageW-marginR-pw, pageH-13, page, styleSans, 9)
	f.SetTextColor(0, 0, 0)
}

func (w *writer) versionText(v string) string {
	if v == "" {
		return ""
	}
	return w.opt.T("pdf.version", v)
}

func (w *writer) cover() {
	f := w.f
	w.onCover = true
	f.AddPage()
	center := func(y float64, s string, style int, size float64) {
		tw := w.measure(size)(s, style)
		w.text((pageW-tw)/2, y, s, style, size)
	}
	// The cover has room for two lines of the hospital's name above the
	// top rule and four of the title between the rules.
	for i, l := range w.wrapFit(w.opt.Hospital, styleSans, 20, textW, 2) {
		center(80+float64(i)*10, l, styleSans, 20)
	}
	lines := w.wrapFit(w.binder.Title, styleSans, 30, textW, 4)
	y := 120.0
	for _, l := range lines {
		center(y, l, styleSans, 30)
		y += 16
	}
	if w.binder.Subtitle != "" {
		center(y+6, w.fit(w.binder.Subtitle, styleSerif, 14, textW), styleSerif, 14)
	}
	center(230, w.opt.T("pdf.cover-date", w.opt.Date.Year(), int(w.opt.Date.Month()), w.opt.Date.Day()), styleSerif, 14)
	f.SetDrawColor(11, 79, 138)
	f.SetLineWidth(0.8)
	f.Line(marginL+20, 100, pageW-marginR-20, 100)
	f.Line(marginL+20, 200, pageW-marginR-20, 200)
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	w.onCover = false
}

// wrapSimple breaks a short text (a title) into lines.
func wrapSimple(w *writer, s string, style int, size, width float64) []string {
	lines := Break(Atoms(s, style, w.measure(size)), width, 0)
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, a := range l {
			b.WriteString(a.Text)
		}
		out = append(out, b.String())
	}
	return out
}

// contents fills the reserved contents pages: each document's title, a
// dotted leader and its first page, linked to it.
func (w *writer) contents(first, pages int, starts, links []int) {
	f := w.f
	lh := 8.0
	for p := 0; p < pages; p++ {
		f.SetPage(first + p)
		y := marginT + 6
		if p == 0 {
			title := w.opt.T("pdf.contents")
			w.setFont(styleSans, 16)
			f.Bookmark(outline(title), 0, marginT)
			tw := w.measure(16)(title, styleSans)
			w.text((pageW-tw)/2, y, title, styleSans, 16)
			y += 14
		}
		for i := p * tocLines; i < len(w.binder.Docs) && i < (p+1)*tocLines; i++ {
			d := w.binder.Docs[i]
			num := fmt.Sprint(starts[i])
			title := d.Title
			nw := w.measure(bodyPt)(num, styleSerif)
			title = w.fit(title, styleSerif, bodyPt, textW-nw-12)
			tw := w.text(marginL, y, title, styleSerif, bodyPt)
			w.text(pageW-marginR-nw, y, num, styleSerif, bodyPt)
			// dotted leader
			f.SetDrawColor(150, 150, 150)
			f.SetDashPattern([]float64{0.3, 1.2}, 0)
			f.Line(marginL+tw+2, y-0.6, pageW-marginR-nw-2, y-0.6)
			f.SetDashPattern(nil, 0)
			f.SetDrawColor(0, 0, 0)
			f.Link(marginL, y-lh+2, textW, lh, links[i])
			y += lh
		}
	}
}
