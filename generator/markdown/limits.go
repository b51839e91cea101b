package markdown

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"guifan/generator/model"
)

// Limits on what the parser does, so that no body, however written, takes
// more than time linear in its size (a body is at most model.MaxFileBytes).
//
// Nesting is capped in the parser itself: a list, quote or footnote is not
// opened inside model.MaxNesting others. Its marker ("- ", "> ", "1. ") and
// its text then stay in the enclosing block as ordinary text, so nothing is
// lost, the site and the PDF show the same thing, and Check reports the
// line. Without the cap goldmark's work grows with the square of the depth:
// a 3 MB staircase of nested list items took 97 s to parse, a line of
// 100,000 "> " 9 s.
//
// A paragraph, heading or table cell longer than model.MaxParagraphRunes
// (markup included) is not parsed for links, emphasis and the like: it is
// kept as plain text, since several of goldmark's inline parsers take time
// quadratic in the length of a block (64 KB of "[a](" took 7 s, so a 4 MB
// paragraph would take hours). Such a block is an error for guifan check
// anyway (Check reports it), so no output ever shows it.
//
// A shorter block can still cost time quadratic in its length: goldmark
// reads each link's destination ("](" then up to a space or the closing
// parenthesis) from scratch, and a line of "[a](" repeated makes every
// one of them read the rest of the line (a MB of such paragraphs took
// 10 s to render); each "]" goes back over the text since its "[", and
// brackets nested a thousand deep do that a thousand times. A block
// whose link markup would take more than linkScanFactor times its length
// to read (dense) is kept as plain text too and reported by Check: the
// test is goldmark's reading simulated in one pass, given up as soon as
// it passes that budget.

// depthCap wraps goldmark's list, blockquote or footnote parser and refuses
// to open one more level beyond model.MaxNesting. opens tells whether the
// rest of a line starts like what the parser opens (goldmark also offers
// the parser lines that merely start with a digit), so that only real
// attempts to nest deeper are reported.
type depthCap struct {
	parser.BlockParser
	opens func(rest []byte) bool
}

var deepKey = parser.NewContextKey()

func (p depthCap) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, inList := parent.(*ast.List); !inList && nesting(parent) >= model.MaxNesting {
		line, seg := reader.PeekLine()
		if rest := bytes.TrimLeft(line, " \t"); p.opens(rest) {
			// Remember where, for Check; the line's text becomes a
			// paragraph or the continuation of one.
			deep, _ := pc.Get(deepKey).([]int)
			pc.Set(deepKey, append(deep, seg.Start+len(line)-len(rest)))
		}
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// footnoteCap wraps goldmark's footnote definition parser and opens at
// most model.MaxFootnotes definitions in a body: goldmark looks each
// reference up among all the definitions and sorts them one by one, time
// of the square of their number (43,000 footnotes in a MB took 12 s).
// Further definitions stay in the text as written (not read as link
// reference definitions either, lengthCapTransformer), and Check reports
// where they are.
type footnoteCap struct {
	parser.BlockParser
}

var footnotesKey = parser.NewContextKey()

// refusedFootnote reports whether a line of the paragraph n is a footnote
// definition footnoteCap refused: "[^1]: text" would otherwise be read as
// the definition of a link labelled "^1" and its text hidden.
func refusedFootnote(n ast.Node, pc parser.Context) bool {
	fn, _ := pc.Get(footnotesKey).(*footnoteCount)
	if fn == nil || len(fn.refused) == 0 || n.Lines().Len() == 0 {
		return false
	}
	lines := n.Lines() // a refused one may also continue a paragraph
	for k := 0; k < lines.Len(); k++ {
		seg := lines.At(k)
		i := sort.SearchInts(fn.refused, seg.Start) // offsets in the order met
		if i < len(fn.refused) && fn.refused[i] < seg.Stop {
			return true
		}
	}
	return false
}

// footnoteCount is what footnoteCap found in a body: definitions opened,
// and the offsets of those refused.
type footnoteCount struct {
	opened  int
	refused []int
}

func (p footnoteCap) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, _ := pc.Get(footnotesKey).(*footnoteCount)
	if n == nil {
		n = &footnoteCount{}
		pc.Set(footnotesKey, n)
	}
	if n.opened >= model.MaxFootnotes {
		line, seg := reader.PeekLine()
		if rest := bytes.TrimLeft(line, " \t"); footnoteMarker(rest) {
			n.refused = append(n.refused, seg.Start+len(line)-len(rest))
		}
		return nil, parser.NoChildren
	}
	node, st := p.BlockParser.Open(parent, reader, pc)
	if node != nil {
		n.opened++
	}
	return node, st
}

// listMarker reports a list item's marker: "-", "+" or "*", or up to nine
// digits and "." or ")", followed by a space or the end of the line.
func listMarker(rest []byte) bool {
	i := 0
	if len(rest) > 0 && bytes.IndexByte([]byte("-+*"), rest[0]) >= 0 {
		i = 1
	} else {
		for i < len(rest) && i < 9 && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(rest) || rest[i] != '.' && rest[i] != ')' {
			return false
		}
		i++
	}
	return i == len(rest) || rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\n' || rest[i] == '\r'
}

func quoteMarker(rest []byte) bool { return len(rest) > 0 && rest[0] == '>' }

func footnoteMarker(rest []byte) bool {
	if !bytes.HasPrefix(rest, []byte("[^")) {
		return false
	}
	end := bytes.IndexByte(rest, ']')
	return end > 2 && end+1 < len(rest) && rest[end+1] == ':' && !bytes.ContainsAny(rest[2:end], " \t")
}

// nesting counts the lists, quotes and footnotes n is in (n included).
func nesting(n ast.Node) int {
	depth := 0
	for ; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.List, *ast.Blockquote, *extast.Footnote:
			depth++
		}
	}
	return depth
}

// blockParsers are goldmark's default block parsers with lists and quotes
// capped in depth.
func blockParsers() []util.PrioritizedValue {
	list, quote := parser.NewListParser(), parser.NewBlockquoteParser()
	var out []util.PrioritizedValue
	for _, p := range parser.DefaultBlockParsers() {
		switch p.Value {
		case list:
			p = util.Prioritized(depthCap{list, listMarker}, p.Priority)
		case quote:
			p = util.Prioritized(depthCap{quote, quoteMarker}, p.Priority)
		}
		out = append(out, p)
	}
	return out
}

// lengthCap wraps an inline parser and does nothing in a block longer than
// model.MaxParagraphRunes or dense with link markup (tooLong).
type lengthCap struct {
	parser.InlineParser
}

// lengthCapCloser is a lengthCap for a parser that also finishes its work
// when the block ends (emphasis, links).
type lengthCapCloser struct {
	lengthCap
	parser.CloseBlocker
}

var longKey = parser.NewContextKey()

// blockLength is what the parser found about the block it works on.
type blockLength struct {
	node ast.Node
	long bool
}

func (p lengthCap) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if tooLong(parent, block.Source(), pc) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// tooLong reports whether the block n is longer than
// model.MaxParagraphRunes or dense with link markup, measured once per
// block.
func tooLong(n ast.Node, src []byte, pc parser.Context) bool {
	if b, ok := pc.Get(longKey).(blockLength); ok && b.node == n {
		return b.long
	}
	long := sourceRunes(n, src) > model.MaxParagraphRunes
	if !long && dense(n, src) {
		long = true
		found, _ := pc.Get(denseKey).([]ast.Node) // for checkLimits
		pc.Set(denseKey, append(found, n))
	}
	pc.Set(longKey, blockLength{n, long})
	return long
}

// denseKey holds the dense blocks the parse kept as plain text.
var denseKey = parser.NewContextKey()

// linkScanFactor bounds the bytes goldmark may read for a block's link
// markup, as a multiple of the block's bytes (and linkScanSlack more).
// Two readings are counted. Each "](" makes goldmark read the link's
// destination, up to its ")": ordinary links read less than the block
// all together, but destinations left open on their line are read to its
// end, and some 64 of those on one line pass the budget. Each "]" that
// closes a "[" makes goldmark go back over the text since that "[" (for
// links inside it, and the label's words): "[" nested a thousand deep
// around a paragraph read it a thousand times (7 s a MB). Code spans and
// escaped brackets are no markup and are not counted. The most an
// accepted block costs is then some 0.2 s per MB (goldmark reads some
// 4 ns a byte).
const (
	linkScanFactor = 32
	linkScanSlack  = 512
)

// dense reports whether reading the link markup of the block n would
// take goldmark more than its budget (linkScanFactor).
func dense(n ast.Node, src []byte) bool {
	lines := n.Lines()
	closes := false // a "]" is what costs: most blocks have none
	for i := 0; i < lines.Len() && !closes; i++ {
		seg := lines.At(i)
		closes = bytes.IndexByte(src[seg.Start:seg.Stop], ']') >= 0
	}
	if !closes {
		return false
	}
	var text []byte // the block's lines, each ending in a newline
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		text = append(text, src[seg.Start:seg.Stop]...)
		if len(text) > 0 && text[len(text)-1] != '\n' {
			text = append(text, '\n')
		}
	}
	budget := linkScanFactor*len(text) + linkScanSlack
	spans := codeSpans(text)
	var open []int // offsets of the "[" not closed yet
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++ // an escaped character is text
		case '`':
			if end, ok := spans[i]; ok {
				i = end - 1 // a code span's text is not markup
			}
		case '[':
			open = append(open, i)
		case ']':
			if k := len(open); k > 0 {
				budget -= i - open[k-1]
				open = open[:k-1]
			}
			if i+1 < len(text) && text[i+1] == '(' {
				budget -= destinationScan(text, i+2)
			}
			if budget < 0 {
				return true
			}
		}
	}
	return false
}

// codeSpans finds the code spans of text as CommonMark does: a run of
// backticks not escaped opens one, and the next run of the same length
// closes it (a run with no such closer is text). It returns, for the
// offset of each opening run, the offset just after its closing run. The
// runs of each length are taken in order, so the time is linear.
func codeSpans(text []byte) map[int]int {
	if bytes.IndexByte(text, '`') < 0 {
		return nil
	}
	type run struct{ at, n int }
	var runs []run
	byLen := map[int][]int{} // indexes into runs, in order
	for i := 0; i < len(text); i++ {
		if text[i] == '\\' && i+1 < len(text) && text[i+1] != '`' {
			i++
			continue
		}
		if text[i] == '\\' {
			i++ // an escaped backtick: the run starts after it
			if i+1 >= len(text) || text[i+1] != '`' {
				continue
			}
			i++
		}
		if text[i] != '`' {
			continue
		}
		j := i
		for j < len(text) && text[j] == '`' {
			j++
		}
		byLen[j-i] = append(byLen[j-i], len(runs))
		runs = append(runs, run{i, j - i})
		i = j - 1
	}
	spans := map[int]int{}
	next := map[int]int{} // per length, the next run not yet passed
	for k := 0; k < len(runs); {
		r := runs[k]
		same := byLen[r.n]
		m := next[r.n]
		for m < len(same) && same[m] <= k {
			m++
		}
		next[r.n] = m
		if m == len(same) {
			k++ // no closer: text
			continue
		}
		closer := runs[same[m]]
		spans[r.at] = closer.at + closer.n
		k = same[m] + 1
	}
	return spans
}

// destinationScan is how many bytes goldmark's link parser reads (at
// least one) for the destination of an inline link whose "(" ends before
// line[s]: spaces, then up to the ">" of a destination in "<>", or up to
// a space or the ")" that closes the link, and never past the end of the
// line (parseLinkDestination in goldmark's parser/link.go).
func destinationScan(line []byte, s int) int {
	i := s
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	escaped := func(i int) bool { return line[i] == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]) }
	if i < len(line) && line[i] == '<' {
		for i++; i < len(line) && line[i] != '>' && line[i] != '\n'; i++ {
			if escaped(i) {
				i++
			}
		}
		return i - s + 1
	}
	opened := 0
	for ; i < len(line); i++ {
		c := line[i]
		switch {
		case escaped(i):
			i++
		case c == '(':
			opened++
		case c == ')':
			if opened--; opened < 0 {
				return i - s + 1
			}
		case util.IsSpace(c):
			return i - s + 1
		}
	}
	return i - s + 1
}

// sourceRunes counts the characters of a block's source lines.
func sourceRunes(n ast.Node, src []byte) int {
	count := 0
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		count += segmentRunes(lines.At(i), src)
	}
	return count
}

// runeCount is utf8.RuneCount(p), which (Go 1.26) copies p into a string
// once it meets a character that is not ASCII.
func runeCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); n++ {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(p[i:])
		i += size
	}
	return n
}

// segmentRunes is utf8.RuneCount(seg.Value(src)) without making the
// value: its padding (spaces), its bytes, and the newline Value adds when
// the segment forces one.
func segmentRunes(seg text.Segment, src []byte) int {
	body := src[seg.Start:seg.Stop]
	n := seg.Padding + runeCount(body)
	if seg.ForceNewline && seg.Padding+len(body) > 0 {
		last := byte(' ')
		if len(body) > 0 {
			last = body[len(body)-1]
		}
		if last != '\n' {
			n++
		}
	}
	return n
}

func capInline(ps []util.PrioritizedValue) []util.PrioritizedValue {
	out := make([]util.PrioritizedValue, len(ps))
	for i, p := range ps {
		ip := p.Value.(parser.InlineParser)
		var capped parser.InlineParser = lengthCap{ip}
		if cb, ok := ip.(parser.CloseBlocker); ok {
			capped = lengthCapCloser{lengthCap{ip}, cb}
		}
		out[i] = util.Prioritized(capped, p.Priority)
	}
	return out
}

// lengthCapTransformer wraps a paragraph transformer (goldmark's reader of
// link reference definitions, whose work is quadratic in the number of
// lines) and skips paragraphs longer than model.MaxParagraphRunes.
type lengthCapTransformer struct {
	parser.ParagraphTransformer
}

func (t lengthCapTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if sourceRunes(node, reader.Source()) > model.MaxParagraphRunes || refusedFootnote(node, pc) {
		return
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
}

func capParagraph(ps []util.PrioritizedValue) []util.PrioritizedValue {
	out := make([]util.PrioritizedValue, len(ps))
	for i, p := range ps {
		out[i] = util.Prioritized(lengthCapTransformer{p.Value.(parser.ParagraphTransformer)}, p.Priority)
	}
	return out
}

// gfmInline is goldmark's GFM extension but its tables (extension.Table,
// which has no inline parser): bare URLs as links, strikethrough (with the
// CJK-friendly rule of emphasis.go) and task lists, with their inline
// parsers capped.
type gfmInline struct{}

func (gfmInline) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(capInline([]util.PrioritizedValue{
		util.Prioritized(extension.NewLinkifyParser(), 999),
		util.Prioritized(cjkStrikethrough{}, 500),
		util.Prioritized(extension.NewTaskCheckBoxParser(), 0),
	})...))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
	))
}

// footnotes is goldmark's footnote extension with its parsers capped.
type footnotes struct{}

func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(depthCap{footnoteCap{extension.NewFootnoteBlockParser()}, footnoteMarker}, 999)),
		parser.WithInlineParsers(capInline([]util.PrioritizedValue{util.Prioritized(extension.NewFootnoteParser(), 101)})...),
		parser.WithASTTransformers(util.Prioritized(extension.NewFootnoteASTTransformer(), 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
	))
}

// Limits are the parts of a body over the limits of model/limits.go.
type Limits struct {
	// Long are paragraphs, list items, table cells and headings longer
	// than model.MaxParagraphRunes.
	Long []Long
	// Dense are those, not long, whose link markup would take time
	// quadratic in their length to read (dense): shown as plain text.
	Dense []Long
	// Deep are the markers ("- ", "> ", "[^1]:") of lists, quotes and
	// footnotes that would nest deeper than model.MaxNesting, one per line;
	// their text is shown as plain text of the enclosing block instead.
	Deep []Place
	// Footnotes are the footnote definitions after the first
	// model.MaxFootnotes, shown as text.
	Footnotes []Place
}

// Place is a position in a body: 1-based line, and column in characters.
type Place struct {
	Line, Col int
}

// LongKind says what a Long block is.
type LongKind string

// Kinds of Long block.
const (
	LongParagraph LongKind = "paragraph"
	LongItem      LongKind = "item" // a list item's paragraph
	LongCell      LongKind = "cell"
	LongHeading   LongKind = "heading"
)

// Long is a block of text over model.MaxParagraphRunes.
type Long struct {
	Place // where its text starts
	Kind  LongKind
	Runes int // characters of its source, markup included
}

// Check measures a body against the limits on paragraphs and nesting.
func Check(src []byte) Limits {
	ctx := parser.NewContext()
	return checkLimits(parse(src, ctx), ctx, src, lineIndex(src))
}

func checkLimits(doc ast.Node, ctx parser.Context, src []byte, lines func(int) int) Limits {
	place := func(off int) Place {
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		return Place{lines(off), runeCount(src[start:off]) + 1}
	}
	var out Limits
	dense := map[ast.Node]bool{} // kept as plain text by the parse (tooLong)
	found, _ := ctx.Get(denseKey).([]ast.Node)
	for _, n := range found {
		dense[n] = true
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		var kind LongKind
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			kind = LongParagraph
			if _, ok := n.Parent().(*ast.ListItem); ok {
				kind = LongItem
			}
		case *ast.Heading:
			kind = LongHeading
		case *extast.TableCell:
			kind = LongCell
		default:
			return ast.WalkContinue, nil
		}
		if runes := sourceRunes(n, src); runes > model.MaxParagraphRunes {
			out.Long = append(out.Long, Long{Place: place(blockStart(n)), Kind: kind, Runes: runes})
		} else if dense[n] {
			out.Dense = append(out.Dense, Long{Place: place(blockStart(n)), Kind: kind, Runes: runes})
		}
		return ast.WalkSkipChildren, nil
	})
	if fn, _ := ctx.Get(footnotesKey).(*footnoteCount); fn != nil {
		for _, off := range fn.refused {
			out.Footnotes = append(out.Footnotes, place(min(max(off, 0), len(src))))
		}
	}
	deep, _ := ctx.Get(deepKey).([]int)
	for _, off := range deep {
		p := place(min(max(off, 0), len(src)))
		if k := len(out.Deep); k == 0 || out.Deep[k-1].Line != p.Line {
			out.Deep = append(out.Deep, p)
		}
	}
	return out
}
