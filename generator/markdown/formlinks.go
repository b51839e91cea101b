package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// FormRef tells whether a link destination names a blank form,
// "form:work-order" (maybe "form:work-order#anchor"), and which. The
// destination is read as DocRef reads it (escapes and character references
// resolved, percent escapes decoded, a query dropped).
func FormRef(dest string) (id string, ok bool) {
	d := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(dest)))))
	d = strings.TrimSpace(d)
	rest, found := strings.CutPrefix(d, "form:")
	if !found {
		return "", false
	}
	id, _, _ = strings.Cut(clean(rest), "#")
	return id, true
}

// FormLinks returns the links to blank forms in a body
// ([工作单](form:work-order) and <form:work-order>), for checking that
// they name a form and for telling which forms the hospital's documents
// adopt. Ref is the form id.
func FormLinks(src []byte) []Link {
	if !hasFormLink(src) {
		return nil
	}
	return formLinks(parse(src, nil), src, lineIndex(src))
}

// hasFormLink tells whether a body may link to a form at all.
func hasFormLink(src []byte) bool { return bytes.Contains(src, []byte("form:")) }

func formLinks(doc ast.Node, src []byte, lines func(int) int) []Link {
	return walkLinks(doc, src, lines, func(dest string, _ bool) (string, bool, bool) {
		id, ok := FormRef(dest)
		return id, true, ok
	})
}
