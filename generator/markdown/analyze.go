package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"guifan/generator/model"
)

// Analysis is what checking a body needs from it, found in one parse:
// Links, FormLinks and Check give the same, each from a parse of its own.
// It holds positions and references only, never the syntax tree or text
// of the body, so that a loaded site can keep one per document.
type Analysis struct {
	Links     []Link // as Links
	FormLinks []Link // as FormLinks
	Limits    Limits // as Check
}

// Analyze parses src once and returns its links to documents and to forms
// and its parts over the limits.
func Analyze(src []byte) Analysis {
	ctx := parser.NewContext()
	return analyze(parse(src, ctx), ctx, src, lineIndex(src))
}

// analyze is Analyze of the parse doc of src, its lines indexed by lines.
func analyze(doc ast.Node, ctx parser.Context, src []byte, lines func(int) int) Analysis {
	a := Analysis{Links: docLinks(doc, src, lines), Limits: checkLimits(doc, ctx, src, lines)}
	if hasFormLink(src) {
		a.FormLinks = formLinks(doc, src, lines)
	}
	return a
}

// Read parses src once and returns what loading and checking a document
// need of its body: its headings, as Headings returns them, and its
// analysis, as Analyze returns it. The loader (content.Parse) keeps the
// analysis in the document (Keep), so that checking it (AnalysisOf) does
// not parse the body again.
func Read(src []byte) ([]Heading, Analysis) {
	ctx := parser.NewContext()
	doc := parse(src, ctx)
	lines := lineIndex(src) // one index for the three walks
	return headings(doc, src, lines), analyze(doc, ctx, src, lines)
}

// Keep stores a, the analysis of d.Body, in d for AnalysisOf.
func Keep(d *model.Document, a Analysis) { d.Analysis = &a }

// AnalysisOf returns the analysis of d's body: the one kept in d (Keep),
// else Analyze(d.Body), not kept (documents are shared, read only, between
// the goroutines that check them). The result is only to be read.
func AnalysisOf(d *model.Document) *Analysis {
	if a, ok := d.Analysis.(*Analysis); ok {
		return a
	}
	a := Analyze(d.Body)
	return &a
}
