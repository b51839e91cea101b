// Emergency plans' action cards (package card) in the PDFs: first in each
// plan's PDF, with a watermark on a plan not in force, and one A4 page of
// its own per public plan (site/pdf/cards/<id>.pdf), linked from its page.

package build

import (
	"slices"

	"guifan/generator/card"
	"guifan/generator/model"
	"guifan/generator/pdf"
)

// cardInput is what a view's cards are made from: its documents only, so
// a public card names no restricted document's phone.
func (j *job) cardInput(v *view) card.Input {
	v.cardsOnce.Do(func() {
		in := card.Input{Schemas: j.s.Schemas, Present: v.present, T: j.cat.T, Docs: v.docs, AsOf: j.asOf}
		if h := j.s.Project.Hospital; h != nil {
			in.Contact = h.Contact
		}
		v.cards = card.Prepare(in)
	})
	return v.cards
}

// withCard gives a typeset document of a type with cards its card, first
// after its control box, with the type's tables (levels, fallback) before
// its body, which refers to them as at its top, and the watermark of a
// plan not in force. Other documents are returned as they are.
func (j *job) withCard(pd pdf.Doc, d *model.Document, v *view) pdf.Doc {
	c := card.For(d, j.cardInput(v))
	if c == nil {
		return pd
	}
	pd.Card = c
	if c.Banner != "" {
		pd.Watermark = j.cat.T("card.watermark")
	}
	// pdfDoc appends each table as a heading and a table: move them first.
	if n := 2 * len(v.present.Tables(d)); n > 0 && n <= len(pd.Blocks) {
		k := len(pd.Blocks) - n
		pd.Blocks = append(slices.Clone(pd.Blocks[k:]), pd.Blocks[:k]...)
	}
	return pd
}

// planCards plans the one-page card of every public document that has
// one; doc gives a document as typeset for the public view.
func (j *job) planCards(public []*model.Document, doc func(*model.Document) pdf.Doc) []plannedPDF {
	var out []plannedPDF
	for _, d := range public {
		if !card.Has(j.s.Schemas, d) {
			continue
		}
		out = append(out, plannedPDF{path: "site/pdf/cards/" + d.ID + ".pdf", card: d.ID, make: func() pdf.Binder {
			return pdf.Binder{Title: j.cat.T("card.title") + " · " + d.Title(), Docs: []pdf.Doc{doc(d)}, CardOnly: true}
		}})
	}
	return out
}
