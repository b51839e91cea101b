package validate

import (
	"guifan/generator/model"
)

// control checks the document-control fields that depend on each other:
// a document in force must be approved and have an effective date; an
// approval cannot come after the date the document took effect; a review
// date that has passed is worth a warning. It reads d.Control (filled by
// the loader); positions come from the front matter.
func (c *checker) control(d *model.Document) {
	ctl := d.Control
	if ctl.Finished() {
		if ctl.ApprovedBy == "" || ctl.ApprovedOn.IsZero() {
			c.diags.Add(d.Pos("status", false), "approval.missing")
		}
		if ctl.Effective.IsZero() {
			c.diags.Add(d.Pos("status", false), "effective.missing")
		}
	}
	if !ctl.Effective.IsZero() && !ctl.ApprovedOn.IsZero() && ctl.Effective.Before(ctl.ApprovedOn) {
		c.diags.Add(d.Pos("approved_on", false), "approval.after-effective", ctl.ApprovedOn.String(), ctl.Effective.String())
	}
	if ctl.ReviewOverdue(c.in.AsOf) {
		c.diags.Warn(d.Pos("review_by", false), "review.overdue", ctl.ReviewBy.String(), c.in.AsOf.String())
	}
	if ctl.NotYet(c.in.AsOf) {
		c.diags.Warn(d.Pos("effective", false), "effective.future", ctl.Effective.String())
	}
}
