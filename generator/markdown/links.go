// Links between documents: reading a destination as a document reference, and where a link stands in the body.

package markdown

import (
	"bytes"
	"net/url"
	"strings"

	"guifan/generator/model"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

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
	return lines(at), runeCount(src[lineStart:at]) + 1
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
		return lines(open), runeCount(src[start:open]) + 1
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

// lineIndex returns the 1-based line of an offset of src. The lines are
// found when first asked (a body with no heading, link or long block never
// needs them), so that one index serves every walk of a parse (Read); it
// is for one goroutine.
func lineIndex(src []byte) func(off int) int {
	var starts []int
	return func(off int) int {
		if starts == nil {
			starts = make([]int, 1, bytes.Count(src, []byte("\n"))+1)
			for i, b := range src {
				if b == '\n' {
					starts = append(starts, i+1)
				}
			}
		}
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
	return docLinks(parse(src, nil), src, lineIndex(src))
}

func docLinks(doc ast.Node, src []byte, lines func(int) int) []Link {
	return walkLinks(doc, src, lines, func(dest string, auto bool) (string, bool, bool) {
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
func walkLinks(doc ast.Node, src []byte, lines func(int) int, read func(dest string, auto bool) (ref string, explicit, ok bool)) []Link {
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
