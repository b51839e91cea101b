package coverage

import (
	"time"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// Records dated after the assessment date do not count (newest and since
// skip them); these helpers let a gap say that such a record exists
// rather than that there is none, and give a document in force for less
// than one period the time to have its first record.

// earliestFuture returns the earliest record date after the as-of date.
func (e *evaluator) earliestFuture(docs []*model.Document, field string) (dated, bool) {
	var best dated
	found := false
	for _, d := range docs {
		for _, x := range dates(d, field) {
			if !e.in.AsOf.Before(x.date) {
				continue
			}
			if !found || x.date.Before(best.date) {
				best, found = x, true
			}
		}
	}
	return best, found
}

// noRecordGap records why there is no record: none at all, or only
// records dated after the as-of date.
func (e *evaluator) noRecordGap(docs []*model.Document, field string, label any, res *Result) {
	if x, ok := e.earliestFuture(docs, field); ok {
		res.gap("gap.record-future", label, x.date.String(), e.in.AsOf.String())
		return
	}
	res.gap("gap.no-record", label)
}

// firstDue tells whether a target document (an emergency plan) has been
// in force for less than one period on the as-of date, so that its first
// record (its first annual drill) is not yet due; due is when it will be.
//
// Only a first version counts as new: its effective date is when it first
// came into force. A revised plan (version 1.3, 3.2, or one that
// supersedes another) got its effective date from the revision, often
// made after a drill, so it earns no grace. How versions are written is
// data: schemas/sections.toml [versions].
func (e *evaluator) firstDue(t *model.Document, within schema.Period, cutoff model.Date) (since, due model.Date, ok bool) {
	if !e.in.Schemas.Sections.Versions.IsFirst(t.Control.Version) || len(t.Control.Supersedes) > 0 {
		return since, due, false
	}
	since = t.Control.Effective
	if since.IsZero() {
		since = t.Control.ApprovedOn
	}
	if since.IsZero() || !cutoff.Before(since) {
		return since, due, false
	}
	return since, model.DateOf(after(within, since.Time())), true
}

// after returns the date one period after t.
func after(p schema.Period, t time.Time) time.Time {
	switch p.Unit {
	case 'd':
		return t.AddDate(0, 0, p.N)
	case 'm':
		return t.AddDate(0, p.N, 0)
	default:
		return t.AddDate(p.N, 0, 0)
	}
}
