package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"guifan/generator/model"
)

// sectionTags takes a section tag off the end of a heading: "## 处置步骤
// {#activation}" names the section its document type calls activation (see
// package sections), and the reader sees only "处置步骤" — on the page, in
// the table of contents, in the PDF and in search. The heading keeps the
// anchor its words give ("#处置步骤"; ids.Generate leaves the tag out), so
// links to it work as if it had no tag. Headings() reports the tag in
// Heading.Tag.
type sectionTags struct{}

// headingTag returns a heading's tag and the source offset where its text
// ends, from the heading's last source line.
func headingTag(h *ast.Heading, src []byte) (tag string, cut int) {
	lines := h.Lines()
	if lines.Len() == 0 {
		return "", 0
	}
	seg := lines.At(lines.Len() - 1)
	words, tag := model.SplitTag(string(seg.Value(src)))
	if tag == "" {
		return "", 0
	}
	return tag, seg.Start + len(words)
}

func (sectionTags) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		tag, cut := headingTag(h, src)
		if tag == "" {
			return ast.WalkSkipChildren, nil
		}
		// Trim the text nodes that hold the tag, from the end.
		for c := h.LastChild(); c != nil; {
			prev := c.PreviousSibling()
			t, isText := c.(*ast.Text)
			switch {
			case !isText:
				prev = nil // markup after the tag's start: leave the rest alone
			case t.Segment.Start >= cut:
				h.RemoveChild(h, c)
			case t.Segment.Stop > cut:
				seg := t.Segment.WithStop(cut)
				t.Segment = seg.TrimRightSpace(src)
				prev = nil
			default:
				prev = nil
			}
			c = prev
		}
		return ast.WalkSkipChildren, nil
	})
}
