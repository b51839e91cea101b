package validate

import (
	"guifan/generator/diag"
	"guifan/generator/model"
)

// formLinks checks the links of a document's body to blank forms,
// [工作单](form:work-order): each must name a form of the site (built in
// or its own), else an error with the closest id. Such a link is how a
// regulation adopts a built-in form (see coverage's adopt.go).
func (c *checker) formLinks(d *model.Document) {
	if c.in.Forms == nil {
		return
	}
	for _, l := range c.analysis(d).FormLinks {
		known := false
		for _, id := range c.in.Forms {
			known = known || id == l.Ref
		}
		if known {
			continue
		}
		pos := bodyPos(d, l.Line, l.Col)
		c.diags.Add(pos, "link.unknown-form", model.ShowID(l.Ref), diag.DidYouMean(diag.Suggest(l.Ref, c.in.Forms)))
	}
}
