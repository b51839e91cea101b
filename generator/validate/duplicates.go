package validate

import (
	"guifan/generator/dedup"
	"guifan/generator/diag"
	"guifan/generator/model"
)

// duplicates warns about a document saved twice (the same number, or a
// body that overlaps another's almost entirely) and about an FAQ question
// asked twice. The report counts each of them once (see package dedup).
func (c *checker) duplicates() {
	copies := map[*model.Document]bool{}
	for _, p := range c.in.Found.Dedup().Find(c.in.Docs, c.counted) {
		copies[p.Doc] = true
		switch p.Why {
		case dedup.SameNumber:
			c.diags.Warn(p.Doc.Pos("number", true), "dup.number", p.Doc.String("number"), p.Of.Path)
		case dedup.SameBody:
			c.diags.Warn(titlePos(p.Doc), "dup.body", int(p.Similarity*100), p.Of.Path)
		}
	}
	type place struct {
		path string
		line int
	}
	seen := map[string]place{}
	for _, d := range c.in.Docs {
		t := c.in.Schemas.Types[d.Type]
		if t == nil || t.Entries != "headings" || copies[d] || !c.counted(d) {
			continue
		}
		for _, h := range d.Headings {
			if h.Level != 2 {
				continue
			}
			q := dedup.Question(h.Text)
			if q == "" {
				continue
			}
			if prev, ok := seen[q]; ok {
				c.diags.Warn(diag.Pos{File: d.Path, Line: h.Line, Col: h.Col}, "dup.question", h.Text, prev.path, prev.line)
				continue
			}
			seen[q] = place{d.Path, h.Line}
		}
	}
}

// titlePos is the document's title heading, or the start of its body.
func titlePos(d *model.Document) diag.Pos {
	if len(d.Headings) > 0 {
		return diag.Pos{File: d.Path, Line: d.Headings[0].Line, Col: d.Headings[0].Col}
	}
	return diag.Pos{File: d.Path, Line: d.BodyLine, Col: 1}
}

// counted reports whether a document is neither a draft nor retired, by
// its status as written (aliases such as 现行, 废止 included).
func (c *checker) counted(d *model.Document) bool { return d.Control.Live() }
