package validate

import (
	"unicode/utf8"

	"guifan/generator/diag"
	"guifan/generator/markdown"
	"guifan/generator/model"
)

// limits checks a document against the limits of model/limits.go that
// keep every output finite:
//
//   - a title longer than model.MaxTitleRunes is an error (body.title-too-long):
//     it is printed in page headers, contents, bookmarks and site lists;
//   - a paragraph, list item, table cell or heading longer than
//     model.MaxParagraphRunes is an error (body.too-long): the site and the
//     PDF would show it as an unbroken wall of text, and its links and
//     emphasis are not even parsed (markdown.Check);
//   - a shorter one whose link markup would take time quadratic in its
//     length to read (brackets nested deep, "](" with no ")" on its line)
//     is an error too (body.links-dense): it is kept as plain text
//     (markdown.Check);
//   - footnote definitions after the first model.MaxFootnotes are a
//     warning (body.too-many-footnotes, once per document): they show as text;
//   - lists and quotes nested deeper than model.MaxNesting are a warning
//     (body.too-deep, once per document): the deeper markers show as text.
func (c *checker) limits(d *model.Document) {
	if t := d.String("title"); utf8.RuneCountInString(t) > model.MaxTitleRunes {
		c.diags.Add(d.Pos("title", false), "body.title-too-long", utf8.RuneCountInString(t), model.MaxTitleRunes)
	}
	if d.Format != "markdown" {
		return
	}
	found := c.analysis(d).Limits
	kinds := map[markdown.LongKind]diag.Key{
		markdown.LongParagraph: "body.kind.paragraph", markdown.LongItem: "body.kind.item",
		markdown.LongCell: "body.kind.cell", markdown.LongHeading: "body.kind.heading",
	}
	for _, l := range found.Long {
		c.diags.Add(bodyPos(d, l.Line, l.Col), "body.too-long", kinds[l.Kind], l.Runes, model.MaxParagraphRunes)
	}
	for _, l := range found.Dense {
		c.diags.Add(bodyPos(d, l.Line, l.Col), "body.links-dense", kinds[l.Kind], l.Runes)
	}
	if len(found.Footnotes) > 0 { // once, at the first, with their number
		first := found.Footnotes[0]
		c.diags.Warn(bodyPos(d, first.Line, first.Col), "body.too-many-footnotes", model.MaxFootnotes, len(found.Footnotes))
	}
	if len(found.Deep) > 0 { // once, at the first line, with the number of lines
		first := found.Deep[0]
		c.diags.Warn(bodyPos(d, first.Line, first.Col), "body.too-deep", model.MaxNesting, len(found.Deep))
	}
}

// bodyPos is the position in d's file of line and col of its body (as
// the body's analysis counts them, from 1).
func bodyPos(d *model.Document, line, col int) diag.Pos {
	return diag.Pos{File: d.Path, Line: line + d.BodyLine - 1, Col: col}
}
