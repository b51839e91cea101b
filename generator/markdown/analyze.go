package markdown

import "github.com/yuin/goldmark/parser"

// Analysis is what checking a body needs from it, found in one parse:
// Links, FormLinks and Check give the same, each from a parse of its own.
type Analysis struct {
	Links     []Link // as Links
	FormLinks []Link // as FormLinks
	Limits    Limits // as Check
}

// Analyze parses src once and returns its links to documents and to forms
// and its parts over the limits.
func Analyze(src []byte) Analysis {
	ctx := parser.NewContext()
	doc := parse(src, ctx)
	a := Analysis{Links: docLinks(doc, src), Limits: checkLimits(doc, ctx, src)}
	if hasFormLink(src) {
		a.FormLinks = formLinks(doc, src)
	}
	return a
}
