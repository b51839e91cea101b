package coverage

import (
	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// Attestation is an auditor's verdict on one requirement, from the site's
// audit/attestations.toml.
type Attestation struct {
	Requirement   string // requirement id, e.g. "26.practice"
	Verdict       Status // met, partial, missing or not_applicable
	Note          string
	Auditor       string
	Date          model.Date
	Justification string // why the requirement does not apply (not_applicable)
	Pos           diag.Pos
}

// StaleAttestation is an attestation that no longer stands on its own: too
// old for its period, or older than the evidence it vouched for.
type StaleAttestation struct {
	Attestation *Attestation
	Reason      diag.Msg
}

// defaultValid is how long an attestation stands when its requirement
// does not say.
var defaultValid = schema.Period{N: 12, Unit: 'm'}

// applyAttestation lets the auditor's verdict decide. An auditor has the
// last word on any requirement (the computed verdict is kept alongside);
// an attestation that has expired is flagged and ignored; one older than
// the evidence it covers is flagged but still applies.
func (e *evaluator) applyAttestation(r *schema.Requirement, res *Result) {
	res.Computed = res.Status
	a := e.attest[r.ID]
	if r.Kind == schema.KindInfo {
		return
	}
	if a != nil && e.in.AsOf.Before(a.Date) {
		// Dated after the assessment: not an auditor's word on this
		// assessment (check warns, attest.future).
		reason := diag.Msg{Key: "gap.attest-future", Args: []any{a.Date.String(), e.in.AsOf.String()}}
		e.stale = append(e.stale, StaleAttestation{a, reason})
		res.Gaps = append(res.Gaps, reason)
		a = nil
	}
	if a == nil {
		if r.OrManual && res.Status != Met && !res.statedAbsent {
			res.Status = Manual
			res.Gaps = append(res.Gaps, diag.Msg{Key: "gap.or-manual"})
		}
		return
	}
	valid := defaultValid
	if p, ok := schema.ParsePeriod(r.Valid); ok {
		valid = p
	}
	if a.Verdict != NotApplicable && a.Date.Before(model.DateOf(valid.Before(e.in.AsOf.Time()))) {
		reason := diag.Msg{Key: "stale.expired", Args: []any{a.Date.String(), period(valid)}}
		e.stale = append(e.stale, StaleAttestation{a, reason})
		res.Gaps = append(res.Gaps, reason)
		return
	}
	for _, ev := range res.Evidence {
		d := e.byID[ev.ID]
		if d == nil {
			continue
		}
		recorded, _ := d.Date("date") // a record's date
		for _, t := range []model.Date{d.Control.ApprovedOn, d.Control.Effective, recorded} {
			if !t.IsZero() && a.Date.Before(t) && !e.in.AsOf.Before(t) {
				reason := diag.Msg{Key: "stale.changed", Args: []any{a.Date.String(), docTitle(d), t.String()}}
				e.stale = append(e.stale, StaleAttestation{a, reason})
				res.Notes = append(res.Notes, reason)
				goto apply
			}
		}
	}
apply:
	res.Attestation = a
	res.Status = a.Verdict
	if a.Verdict == Met || a.Verdict == NotApplicable {
		res.Gaps = nil
	}
	// The auditor has checked: the request to check is answered, whatever
	// the verdict (the auditor's note says what was found).
	kept := res.Gaps[:0]
	for _, g := range res.Gaps {
		if g.Key != "gap.manual" {
			kept = append(kept, g)
		}
	}
	res.Gaps = kept
}
