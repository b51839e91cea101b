package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Resolver turns a link to another document into an href. ref is the id
// the author wrote after "doc:" or as the whole destination (a bare id),
// maybe with "#anchor", as the browser would read it (see DocRef); a link
// to a blank form comes as "form:" and the form's id (see FormRef). ok is
// false when no such document may be linked from here; the link is then
// reported in Broken and rendered as plain text, so the page names neither
// the id nor a path to it.
type Resolver func(ref string) (href string, ok bool)

// Rendered is a document body as HTML, with its table of contents.
type Rendered struct {
	HTML   []byte
	TOC    []Heading // level 2 and 3 headings, with their ids in ID
	Broken []BrokenLink
	// Text is the body as plain text, for search: the same whatever the
	// resolver (it is taken before links are resolved), so Render(src,
	// nil).Text == Render(src, r).Text for every r.
	Text     string
	Headings []Heading
}

// BrokenLink is a link to a document that does not exist (or may not be
// linked from here).
type BrokenLink struct {
	Ref  string
	Line int // body line
	Col  int // of the link's "[", or 1 when it cannot be told
}

// Render turns a body into HTML: GFM tables, task lists, strikethrough,
// footnotes, CJK-friendly emphasis and line breaks, readable heading ids
// that work for Chinese ("第一章-总则"), and links between documents written
// [标题](doc:reg-backup) or [标题](reg-backup); an autolink <doc:id> and an
// image whose source is an id are treated the same way. Every such link
// goes through resolve; one it refuses keeps its words but is no longer a
// link. Raw HTML is not passed through: a document cannot inject script
// into the intranet.
func Render(src []byte, resolve Resolver) Rendered {
	doc := parse(src, parser.NewContext(parser.WithIDs(newIDs())))
	r := &rendering{src: src, lines: lineIndex(src), resolve: resolve}
	// The text before links are resolved: it is the same whatever the
	// resolver, so the site's render serves search too.
	r.out.Text = blockText(doc, src)
	_ = ast.Walk(doc, r.visit) // visit returns no error
	r.dropBroken()

	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2)
	if err := shared().Renderer().Render(&buf, src, doc); err == nil {
		r.out.HTML = buf.Bytes()
	}
	return r.out
}

// rendering is one Render: the headings found and the links resolved so
// far, and the broken links to take apart once the walk is over.
type rendering struct {
	src     []byte
	lines   func(off int) int
	resolve Resolver
	out     Rendered
	unlink  []ast.Node
	replace [][2]ast.Node // an autolink and what it becomes
}

func (r *rendering) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		r.heading(n)
	case *ast.Link, *ast.Image:
		r.link(n)
	case *ast.AutoLink:
		r.autoLink(n)
	}
	return ast.WalkContinue, nil
}

// heading records a heading, and levels 2 and 3 in the contents.
func (r *rendering) heading(n *ast.Heading) {
	id, _ := n.AttributeString("id")
	idStr := ""
	if b, ok := id.([]byte); ok {
		idStr = string(b)
	}
	h := Heading{Level: n.Level, Text: plainText(n, r.src), ID: idStr}
	if l := n.Lines(); l.Len() > 0 {
		h.Line = r.lines(l.At(0).Start)
	}
	r.out.Headings = append(r.out.Headings, h)
	if n.Level == 2 || n.Level == 3 {
		r.out.TOC = append(r.out.TOC, h)
	}
}

// link resolves a link or image naming a document or a form.
func (r *rendering) link(n ast.Node) {
	dest := destination(n)
	ref, _, isDoc := DocRef(string(dest))
	if id, isForm := FormRef(string(dest)); isForm {
		// [工作单](form:work-order): resolved as "form:work-order".
		ref, isDoc = "form:"+id, true
	}
	if !isDoc || r.resolve == nil {
		return
	}
	if href, ok := r.resolve(ref); ok {
		setDestination(n, []byte(href))
	} else {
		line, col := linkPos(n, r.src, r.lines)
		r.out.Broken = append(r.out.Broken, BrokenLink{Ref: ref, Line: line, Col: col})
		r.unlink = append(r.unlink, n)
	}
}

// autoLink resolves <doc:reg-backup>, a link to a document too.
func (r *rendering) autoLink(n *ast.AutoLink) {
	ref, isDoc := autoDocRef(n, r.src)
	if !isDoc || r.resolve == nil {
		return
	}
	label := ast.NewString(n.Label(r.src))
	if href, ok := r.resolve(ref); ok {
		link := ast.NewLink()
		link.Destination = []byte(href)
		link.AppendChild(link, label)
		r.replace = append(r.replace, [2]ast.Node{n, link})
	} else {
		line, col := autoLinkPos(n, r.src, r.lines)
		r.out.Broken = append(r.out.Broken, BrokenLink{Ref: ref, Line: line, Col: col})
		r.replace = append(r.replace, [2]ast.Node{n, label})
	}
}

// dropBroken makes each broken link keep its words but no longer be a
// link.
func (r *rendering) dropBroken() {
	for _, x := range r.replace {
		x[0].Parent().ReplaceChild(x[0].Parent(), x[0], x[1])
	}
	for _, n := range r.unlink {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// blockText is the plain text of a document with a line break after each
// block, so words of adjacent paragraphs or cells do not run together.
func blockText(doc ast.Node, src []byte) string {
	var b bytes.Buffer
	b.Grow(len(src)) // the text is about as long as its source
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := n.(type) {
		case *ast.Text:
			if entering {
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(t.Value)
			}
		case *ast.CodeSpan, *ast.AutoLink:
			// their text nodes are children; nothing to add
		default:
			if !entering && n.Type() == ast.TypeBlock {
				b.WriteByte('\n')
			} else if !entering && n.Kind().String() == "TableCell" {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
