// Package markdown is guifan's one goldmark setup. Today it finds the
// headings of a document body with their lines; rendering to HTML and plain
// text for the site, search and PDF builds on the same parser.
package markdown

import (
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is a heading of a Markdown body. Line and Col are 1-based and
// relative to the body.
type Heading struct {
	Level int
	Text  string
	Line  int
	Col   int
	ID    string // the anchor id, filled in by Render
	Tag   string // the section tag written after it, "{#activation}" (see tags.go)
}

// newParser returns the goldmark instance used everywhere: GFM (tables,
// task lists, strikethrough, bare URLs as links), footnotes and
// CJK-friendly emphasis and line breaks. GFM and footnotes are assembled
// here rather than taken as goldmark's extensions so that every parser goes
// through the limits of limits.go: lists, quotes and footnotes nest at most
// model.MaxNesting deep, and a block longer than model.MaxParagraphRunes is
// kept as plain text.
func newParser() goldmark.Markdown {
	p := parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(capInline(inlineParsers())...),
		parser.WithParagraphTransformers(capParagraph(parser.DefaultParagraphTransformers())...),
		parser.WithASTTransformers(util.Prioritized(sectionTags{}, 1000)),
	)
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.Table, gfmInline{}, footnotes{}, extension.CJK),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
}

// shared is the one goldmark instance of the program, made when first
// used. Every parser and renderer in it keeps its state in the parse's
// context, so it is safe for concurrent use once built; building it (the
// parsers sorted and wired) costs more than parsing a short body, which is
// why it is not made again for every call.
var shared = sync.OnceValue(newParser)

// parse parses src with the shared instance, in ctx when given.
func parse(src []byte, ctx parser.Context) ast.Node {
	if ctx == nil {
		return shared().Parser().Parse(text.NewReader(src))
	}
	return shared().Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// Headings returns the headings of src in order. Headings inside code
// blocks or block quotes are not headings and are not returned.
func Headings(src []byte) []Heading {
	return headings(parse(src, nil), src, lineIndex(src))
}

func headings(doc ast.Node, src []byte, lines func(int) int) []Heading {
	pos := func(off int) (int, int) {
		line := lines(off)
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		return line, runeCount(src[start:off]) + 1
	}
	var out []Heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		line, col := 1, 1
		if lines := h.Lines(); lines.Len() > 0 {
			line, col = pos(lines.At(0).Start)
			if col > 1 {
				// An ATX heading's text starts after the #s; point at the line's start.
				col = 1
			}
		}
		tag, _ := headingTag(h, src)
		out = append(out, Heading{Level: h.Level, Text: plainText(h, src), Line: line, Col: col, Tag: tag})
	}
	return out
}

// plainText returns the text of a node without markup.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}
