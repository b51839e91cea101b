package validate

import (
	"sort"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/model"
)

// links checks the links of a document's body to other documents, written
// [词](doc:id) or [词](id) and read as markdown.DocRef reads them (the site
// renders the same links the same way):
//
//   - doc:id naming no document is an error (link.unknown);
//   - a bare id naming no document is a warning (link.not-doc): the site
//     shows it as plain text, since no page of the site is there;
//   - a link from a public document to one that is not public is a warning
//     (link.restricted), in either form: the site shows it as plain text,
//     so the intranet names neither the document nor a path to it.
//
// Ids are compared as file names are on Windows (model.FoldID): a link to
// "REG-Backup" is a link to "reg-backup". Whether a document is public is
// Input.Public's answer (the build's one rule); without it, links are not
// checked for it.
func (c *checker) links(d *model.Document) {
	var known []string
	for _, l := range c.analysis(d).Links {
		id, _, _ := strings.Cut(l.Ref, "#")
		pos := bodyPos(d, l.Line, l.Col)
		target := c.lookup(id)
		if target == nil {
			if known == nil {
				known = make([]string, 0, len(c.byID))
				for k := range c.byID {
					known = append(known, k)
				}
				sort.Strings(known)
			}
			hint := diag.DidYouMean(diag.Suggest(id, known))
			if l.Explicit {
				c.diags.Add(pos, "link.unknown", model.ShowID(id), hint)
			} else {
				c.diags.Warn(pos, "link.not-doc", model.ShowID(id), hint)
			}
			continue
		}
		if c.in.Public != nil && c.in.Public(d) && !c.in.Public(target) {
			c.diags.Warn(pos, "link.restricted", target.ID)
		}
	}
}

// lookup finds a document by id, or by the id it shares a file name with.
func (c *checker) lookup(id string) *model.Document {
	if d := c.byID[id]; d != nil {
		return d
	}
	return c.folded[model.FoldID(id)]
}

// foldIDs makes the documents by model.FoldID, the first of each.
func (c *checker) foldIDs() {
	c.folded = map[string]*model.Document{}
	for _, d := range c.in.Docs {
		if _, dup := c.folded[model.FoldID(d.ID)]; !dup {
			c.folded[model.FoldID(d.ID)] = d
		}
	}
}
