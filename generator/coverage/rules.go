package coverage

import (
	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// requirement evaluates one requirement, then lets an attestation decide
// where the kind allows it.
func (e *evaluator) requirement(r *schema.Requirement) Result {
	res := Result{Requirement: r}
	switch r.Kind {
	case schema.KindInfo:
		res.Status = Info
	case schema.KindDoc:
		e.doc(r, &res)
	case schema.KindSections:
		e.sections(r, &res)
	case schema.KindList:
		e.list(r, &res)
	case schema.KindRecord:
		e.record(r, &res)
	case schema.KindNumber:
		e.number(r, &res)
	case schema.KindManual:
		res.Status = Manual
		res.Gaps = append(res.Gaps, diag.Msg{Key: "gap.manual"})
	}
	e.applyAttestation(r, &res)
	return res
}

// gap records what is missing.
func (res *Result) gap(key string, args ...any) {
	res.Gaps = append(res.Gaps, diag.Msg{Key: key, Args: args})
}

// fix records how the site's maintainer closes a gap, in setup terms
// (hospital.toml, forms/): for the terminal and report.json, not for the
// report's readers, whose gap says what is missing in their words.
func (res *Result) fix(key string, args ...any) {
	res.Fixes = append(res.Fixes, diag.Msg{Key: key, Args: args})
}

func (res *Result) note(key string, args ...any) {
	res.Notes = append(res.Notes, diag.Msg{Key: key, Args: args})
}

// scoped narrows candidates by the requirement's term and year: the plan
// in force for the as-of date. It reports why documents were set aside.
func (e *evaluator) scoped(r *schema.Requirement, docs []*model.Document, res *Result) []*model.Document {
	var out []*model.Document
	year := int64(e.in.AsOf.Year)
	for _, d := range docs {
		if len(r.Term) == 2 {
			from, ok1 := d.Meta[r.Term[0]].(int64)
			to, ok2 := d.Meta[r.Term[1]].(int64)
			if !ok1 || !ok2 || year < from || year > to {
				continue
			}
		}
		if r.Year != "" {
			if y, ok := d.Meta[r.Year].(int64); !ok || y != year {
				continue
			}
		}
		out = append(out, d)
	}
	if len(out) == 0 && len(docs) > 0 {
		switch {
		case len(r.Term) == 2:
			res.gap("gap.term", year, e.typeLabel(r.DocTypes()))
		case r.Year != "":
			res.gap("gap.year", year, e.typeLabel(r.DocTypes()))
		}
	}
	return out
}

// select returns the documents a requirement looks at, recording drafts as
// in progress and a gap when there is nothing in force.
func (e *evaluator) selectDocs(r *schema.Requirement, res *Result) []*model.Document {
	live, drafts := e.candidates(r.DocTypes(), r.Where)
	res.InProgress = evidenceList(e.scopedQuiet(r, drafts))
	docs := e.scoped(r, live, res)
	if len(docs) == 0 && len(live) == 0 && !e.hollowGap(r.DocTypes(), r.Where, res) {
		res.gap("gap.no-doc", e.whatLabel(r.DocTypes(), r.Where))
	}
	return docs
}

// scopedQuiet is scoped without recording gaps (for drafts).
func (e *evaluator) scopedQuiet(r *schema.Requirement, docs []*model.Document) []*model.Document {
	var sink Result
	return e.scoped(r, docs, &sink)
}

func (e *evaluator) doc(r *schema.Requirement, res *Result) {
	docs := e.selectDocs(r, res)
	if len(docs) == 0 {
		res.Status = Missing
		return
	}
	res.Status = Met
	var approved []*model.Document
	if len(r.Approver) > 0 {
		for _, d := range docs {
			if schema.MatchAny(d.Control.ApprovedBy, r.Approver) {
				approved = append(approved, d)
			}
		}
		if len(approved) == 0 {
			res.Status = Partial
			var words []schema.Text
			for _, w := range r.Approver {
				words = append(words, schema.Text{schema.DefaultLang: w})
			}
			res.gap("gap.approver", docTitle(docs[0]), docs[0].Control.ApprovedBy, items(words, true))
			res.Evidence = evidenceList(docs)
			return
		}
		docs = approved
	}
	if r.Count > 1 && len(docs) < r.Count {
		res.Status = Partial
		res.gap("gap.count", e.typeLabel(r.DocTypes()), len(docs), r.Count)
	}
	if r.MinEntries > 0 {
		n := e.countEntries(docs)
		if n < r.MinEntries {
			res.Status = Partial
			if n == 0 {
				res.Status = Missing
			}
			res.gap("gap.entries", e.typeLabel(r.DocTypes()), n, r.MinEntries)
		}
	}
	res.Evidence = evidenceList(docs)
}

// entries counts a document's entries as its type defines them.
func (e *evaluator) entries(d *model.Document) int {
	t := e.in.Schemas.Types[d.Type]
	if t == nil {
		return 0
	}
	if t.Entries == "headings" {
		n := 0
		for _, h := range d.Headings {
			if h.Level == 2 {
				n++
			}
		}
		return n
	}
	return len(d.Rows(t.Entries))
}

// verdict turns "all there" / "some there" into a status.
func verdict(all, some bool) Status {
	switch {
	case all:
		return Met
	case some:
		return Partial
	}
	return Missing
}
