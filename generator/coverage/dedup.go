package coverage

import (
	"guifan/generator/dedup"
	"guifan/generator/model"
)

// dropDuplicates counts each thing once: a document in force that
// duplicates an earlier one (the same number, or almost the same body; see
// package dedup) is no evidence of its own, so it is left out of the
// documents by type. check warns about it.
func (e *evaluator) dropDuplicates() {
	copies := map[*model.Document]bool{}
	for _, p := range e.in.Found.Dedup().Find(e.in.Docs, func(d *model.Document) bool { return e.stateOf(d) == inForce }) {
		copies[p.Doc] = true
	}
	if len(copies) == 0 {
		return
	}
	for t, docs := range e.byType {
		kept := docs[:0:0]
		for _, d := range docs {
			if !copies[d] {
				kept = append(kept, d)
			}
		}
		e.byType[t] = kept
	}
}

// countEntries counts the entries of documents as their types define them,
// each question once: an FAQ question asked again, in the same document or
// another, is not a second entry.
func (e *evaluator) countEntries(docs []*model.Document) int {
	n := 0
	seen := map[string]bool{}
	for _, d := range docs {
		t := e.in.Schemas.Types[d.Type]
		if t == nil || t.Entries != "headings" {
			n += e.entries(d)
			continue
		}
		for _, h := range d.Headings {
			if h.Level != 2 {
				continue
			}
			q := dedup.Question(h.Text)
			if q == "" || !seen[q] {
				n++
			}
			seen[q] = true
		}
	}
	return n
}
