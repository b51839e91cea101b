package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// BlockKind says what a Block is, and so which of its fields are used.
type BlockKind string

// Kinds of Block.
const (
	BlockHeading   BlockKind = "heading"
	BlockParagraph BlockKind = "paragraph"
	BlockList      BlockKind = "list"
	BlockTable     BlockKind = "table"
	BlockCode      BlockKind = "code"
	BlockQuote     BlockKind = "quote"
	BlockRule      BlockKind = "rule"
)

// Block is a Markdown block in a form a page-layout engine (the PDF
// writer) can typeset without knowing goldmark.
type Block struct {
	Kind    BlockKind
	Level   int        // heading level
	Spans   []Span     // heading, paragraph: the text with its styles
	Ordered bool       // list
	Start   int        // ordered list: the first number
	Items   [][]Block  // list: each item's blocks
	Task    []int      // list: per item, 0 no checkbox, 1 unchecked, 2 checked
	Rows    [][][]Span // table: rows of cells; the first row is the header
	Header  bool       // table: the first row is a header row
	Code    string     // code
	Quote   []Block    // quote
}

// Span is text of one style.
type Span struct {
	Text   string
	Bold   bool
	Italic bool
	Code   bool
	Link   string // destination, when the span is a link
}

// Blocks parses src into blocks.
func Blocks(src []byte) []Block {
	doc := parse(src, nil)
	return blocksOf(doc, src)
}

func blocksOf(parent ast.Node, src []byte) []Block {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch t := n.(type) {
		case *ast.Heading:
			out = append(out, Block{Kind: BlockHeading, Level: t.Level, Spans: spans(t, src)})
		case *ast.Paragraph, *ast.TextBlock:
			if s := spans(t, src); len(s) > 0 {
				out = append(out, Block{Kind: BlockParagraph, Spans: s})
			}
		case *ast.List:
			b := Block{Kind: BlockList, Ordered: t.IsOrdered(), Start: t.Start}
			for it := t.FirstChild(); it != nil; it = it.NextSibling() {
				task := 0
				if tb := it.FirstChild(); tb != nil {
					if c, ok := tb.FirstChild().(*extast.TaskCheckBox); ok {
						task = 1
						if c.IsChecked {
							task = 2
						}
					}
				}
				b.Items = append(b.Items, blocksOf(it, src))
				b.Task = append(b.Task, task)
			}
			out = append(out, b)
		case *extast.Table:
			b := Block{Kind: BlockTable}
			for r := t.FirstChild(); r != nil; r = r.NextSibling() {
				var row [][]Span
				for c := r.FirstChild(); c != nil; c = c.NextSibling() {
					row = append(row, spans(c, src))
				}
				if _, ok := r.(*extast.TableHeader); ok {
					b.Header = true
				}
				b.Rows = append(b.Rows, row)
			}
			out = append(out, b)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var sb strings.Builder
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				sb.Write(seg.Value(src))
			}
			out = append(out, Block{Kind: BlockCode, Code: strings.TrimRight(sb.String(), "\n")})
		case *ast.Blockquote:
			out = append(out, Block{Kind: BlockQuote, Quote: blocksOf(t, src)})
		case *ast.ThematicBreak:
			out = append(out, Block{Kind: BlockRule})
		case *ast.HTMLBlock:
			// raw HTML is not typeset, as it is not shown on the site
		default:
			out = append(out, blocksOf(n, src)...)
		}
	}
	return out
}

// spans flattens the inline content of a block into styled text.
func spans(n ast.Node, src []byte) []Span {
	var out []Span
	// The text of the last span is collected in buf and set when the style
	// changes: adding to a string piece by piece would copy it every time,
	// and a paragraph of 50,000 short lines would take seconds.
	var buf strings.Builder
	done := func() {
		if len(out) > 0 && buf.Len() > 0 {
			out[len(out)-1].Text = buf.String()
		}
		buf.Reset()
	}
	var walk func(n ast.Node, st Span)
	add := func(s string, st Span) {
		if s == "" {
			return
		}
		if len(out) > 0 {
			last := &out[len(out)-1]
			if last.Bold == st.Bold && last.Italic == st.Italic && last.Code == st.Code && last.Link == st.Link {
				buf.WriteString(s)
				return
			}
		}
		done()
		buf.WriteString(s)
		out = append(out, st)
	}
	walk = func(n ast.Node, st Span) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				add(string(t.Segment.Value(src)), st)
				if t.HardLineBreak() {
					add("\n", st)
				} else if t.SoftLineBreak() {
					// East Asian text joins lines without a space.
					v := t.Segment.Value(src)
					if len(v) > 0 && v[len(v)-1] < 0x80 {
						add(" ", st)
					}
				}
			case *ast.String:
				add(string(t.Value), st)
			case *ast.CodeSpan:
				s := st
				s.Code = true
				walk(t, s)
			case *ast.Emphasis:
				s := st
				if t.Level >= 2 {
					s.Bold = true
				} else {
					s.Italic = true
				}
				walk(t, s)
			case *ast.Link:
				s := st
				s.Link = string(t.Destination)
				walk(t, s)
			case *ast.AutoLink:
				s := st
				s.Link = string(t.URL(src))
				add(string(t.Label(src)), s)
			case *extast.TaskCheckBox:
				// shown by the list
			default:
				walk(c, st)
			}
		}
	}
	walk(n, Span{})
	done()
	return out
}
