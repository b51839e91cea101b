package markdown

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"guifan/generator/model"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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
	HTML     []byte
	TOC      []Heading // level 2 and 3 headings, with their ids in ID
	Broken   []BrokenLink
	Text     string // the body as plain text, for search
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
	md := newParser()
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var out Rendered
	lines := lineIndex(src)
	var unlink []ast.Node
	var replace [][2]ast.Node // an autolink and what it becomes

	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idStr := ""
			if b, ok := id.([]byte); ok {
				idStr = string(b)
			}
			h := Heading{Level: n.Level, Text: plainText(n, src), ID: idStr}
			if l := n.Lines(); l.Len() > 0 {
				h.Line = lines(l.At(0).Start)
			}
			out.Headings = append(out.Headings, h)
			if n.Level == 2 || n.Level == 3 {
				out.TOC = append(out.TOC, h)
			}
		case *ast.Link, *ast.Image:
			dest := destination(n)
			ref, _, isDoc := DocRef(string(dest))
			if id, isForm := FormRef(string(dest)); isForm {
				// [工作单](form:work-order): resolved as "form:work-order".
				ref, isDoc = "form:"+id, true
			}
			if !isDoc || resolve == nil {
				return ast.WalkContinue, nil
			}
			if href, ok := resolve(ref); ok {
				setDestination(n, []byte(href))
			} else {
				line, col := linkPos(n, src, lines)
				out.Broken = append(out.Broken, BrokenLink{Ref: ref, Line: line, Col: col})
				unlink = append(unlink, n)
			}
		case *ast.AutoLink:
			// <doc:reg-backup> is a link to a document too.
			ref, isDoc := autoDocRef(n, src)
			if !isDoc || resolve == nil {
				return ast.WalkContinue, nil
			}
			label := ast.NewString(n.Label(src))
			if href, ok := resolve(ref); ok {
				link := ast.NewLink()
				link.Destination = []byte(href)
				link.AppendChild(link, label)
				replace = append(replace, [2]ast.Node{n, link})
			} else {
				line, col := autoLinkPos(n, src, lines)
				out.Broken = append(out.Broken, BrokenLink{Ref: ref, Line: line, Col: col})
				replace = append(replace, [2]ast.Node{n, label})
			}
		}
		return ast.WalkContinue, nil
	})

	// A broken link keeps its words but is no longer a link.
	for _, r := range replace {
		r[0].Parent().ReplaceChild(r[0].Parent(), r[0], r[1])
	}
	for _, n := range unlink {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}

	var buf bytes.Buffer
	r := md.Renderer()
	r.AddOptions(html.WithXHTML())
	if err := r.Render(&buf, src, doc); err == nil {
		out.HTML = buf.Bytes()
	}
	out.Text = blockText(doc, src)
	return out
}

// blockText is the plain text of a document with a line break after each
// block, so words of adjacent paragraphs or cells do not run together.
func blockText(doc ast.Node, src []byte) string {
	var b bytes.Buffer
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

// Section is a heading of a given level and the Markdown under it, up to
// the next heading of that level.
type Section struct {
	Heading string
	Body    string
}

// Split cuts a body at its headings of one level (outside fenced code);
// text before the first such heading is dropped. The FAQ uses it: each
// level-2 heading is a question, the text under it the answer.
func Split(body []byte, level int) []Section {
	prefix := strings.Repeat("#", level) + " "
	var out []Section
	fence := false
	for _, line := range strings.Split(string(body), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			fence = !fence
		}
		if !fence && strings.HasPrefix(line, prefix) {
			out = append(out, Section{Heading: strings.TrimSpace(strings.TrimPrefix(line, prefix))})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].Body += line + "\n"
		}
	}
	return out
}

// DocRef tells whether a link destination names another document, and
// which: "doc:reg-backup" (explicit) or a bare "reg-backup", each maybe with
// "#anchor". The destination is read as the browser would follow it:
// backslash escapes and character references resolved ("reg&#45;backup"),
// percent escapes decoded ("reg%2Dbackup"), surrounding spaces, a leading
// "./" and a query dropped. A bare destination is a document reference when
// what is left is a valid id (model.ValidID); whether a document has that id
// is for the caller to say. Links and Render both use it, so what check
// reports and what the site renders are the same links.
func DocRef(dest string) (ref string, explicit, ok bool) {
	d := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(dest)))))
	d = strings.TrimSpace(d)
	if rest, found := strings.CutPrefix(d, "doc:"); found {
		return clean(rest), true, true
	}
	for strings.HasPrefix(d, "./") {
		d = strings.TrimPrefix(d, "./")
	}
	ref = clean(d)
	id, _, _ := strings.Cut(ref, "#")
	if !model.ValidID(id) {
		return "", false, false
	}
	return ref, false, true
}

// clean decodes "id?query#anchor" into "id" or "id#anchor".
func clean(s string) string {
	s, anchor, hasAnchor := strings.Cut(s, "#")
	s, _, _ = strings.Cut(s, "?")
	s = strings.TrimSpace(unescape(s))
	if hasAnchor && anchor != "" {
		return s + "#" + unescape(anchor)
	}
	return s
}

// unescape decodes percent escapes, or returns s as it is when they are
// malformed (a browser also leaves those alone).
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// autoDocRef reads an autolink <doc:id>; other autolinks (web and mail
// addresses) are not links to documents.
func autoDocRef(n *ast.AutoLink, src []byte) (string, bool) {
	if n.AutoLinkType != ast.AutoLinkURL {
		return "", false
	}
	ref, explicit, ok := DocRef(string(n.URL(src)))
	return ref, ok && explicit
}

// autoLinkPos is the body line and column of an autolink's "<": the first
// "<label>" from the start of its block, else the block's start.
func autoLinkPos(n *ast.AutoLink, src []byte, lines func(int) int) (int, int) {
	start := blockStart(n)
	at := bytes.Index(src[start:], []byte("<"+string(n.Label(src))+">"))
	if at < 0 {
		return lines(start), 1
	}
	at += start
	lineStart := bytes.LastIndexByte(src[:at], '\n') + 1
	return lines(at), utf8.RuneCount(src[lineStart:at]) + 1
}

func destination(n ast.Node) []byte {
	switch n := n.(type) {
	case *ast.Link:
		return n.Destination
	case *ast.Image:
		return n.Destination
	}
	return nil
}

func setDestination(n ast.Node, dest []byte) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = dest
	case *ast.Image:
		n.Destination = dest
	}
}

// linkPos is the body line and column of a link's "[" (of an image's "!"):
// found from its first text, else the start of its block at column 1.
func linkPos(n ast.Node, src []byte, lines func(int) int) (int, int) {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		open := t.Segment.Start - 1 // the "["
		if _, isImage := n.(*ast.Image); isImage {
			open--
		}
		if open < 0 || open >= len(src) || src[open] != '[' && src[open] != '!' {
			break
		}
		start := bytes.LastIndexByte(src[:open], '\n') + 1
		return lines(open), utf8.RuneCount(src[start:open]) + 1
	}
	return lines(blockStart(n)), 1
}

func blockStart(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func lineIndex(src []byte) func(off int) int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(off int) int {
		lo, hi := 0, len(starts)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo + 1
	}
}

// ids makes heading ids that stay readable for Chinese headings: the
// heading's letters, digits and Han characters, joined by hyphens, unique
// within the document ("总则", "总则-2").
type ids struct{ used map[string]int }

func newIDs() *ids { return &ids{used: map[string]int{}} }

// Slug turns heading text into an id.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func (x *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	words, _ := model.SplitTag(string(bytes.TrimSpace(value))) // a section tag is no part of the anchor (tags.go)
	base := Slug(words)
	id := base
	if n := x.used[base]; n > 0 {
		for {
			n++
			id = base + "-" + strconv.Itoa(n)
			if x.used[id] == 0 {
				break
			}
		}
		x.used[base] = n
	}
	x.used[id]++
	return []byte(id)
}

func (x *ids) Put(value []byte) { x.used[string(value)]++ }

// Link is a link to another document found in a body.
type Link struct {
	Ref      string // id, maybe with #anchor
	Line     int    // body line
	Col      int    // of the link's "[", or 1
	Explicit bool   // written doc:id, so it must resolve
}

// Links returns the links to other documents in a body ("doc:id" and bare
// ids, as DocRef reads them), for checking that they resolve.
func Links(src []byte) []Link {
	return walkLinks(src, func(dest string, auto bool) (string, bool, bool) {
		ref, explicit, ok := DocRef(dest)
		if auto {
			// Only <doc:id> is a document among autolinks; a bare word
			// in angle brackets is a web or mail address.
			return ref, true, ok && explicit
		}
		return ref, explicit, ok
	})
}

// walkLinks returns the links of a body that read accepts. read gets the
// destination of each link, image and URL autolink (auto says which) and
// returns the reference, whether it was written explicitly, and whether
// the link is one to return. Positions are of the link's "[" or "<".
func walkLinks(src []byte, read func(dest string, auto bool) (ref string, explicit, ok bool)) []Link {
	doc := newParser().Parser().Parse(text.NewReader(src))
	lines := lineIndex(src)
	var out []Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch a := n.(type) {
		case *ast.Link, *ast.Image:
			if ref, explicit, ok := read(string(destination(n)), false); ok {
				line, col := linkPos(n, src, lines)
				out = append(out, Link{Ref: ref, Line: line, Col: col, Explicit: explicit})
			}
		case *ast.AutoLink:
			if a.AutoLinkType != ast.AutoLinkURL {
				break
			}
			if ref, explicit, ok := read(string(a.URL(src)), true); ok {
				line, col := autoLinkPos(a, src, lines)
				out = append(out, Link{Ref: ref, Line: line, Col: col, Explicit: explicit})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}
