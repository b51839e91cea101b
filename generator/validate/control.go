package validate

import (
	"guifan/generator/model"
)

// control checks the document-control fields that depend on each other:
// a document in force must be approved and have an effective date; an
// approval cannot come after the date the document took effect; a review
// date that has passed is worth a warning.
func (c *checker) control(d *model.Document) {
	status := c.status(d, nil)
	effective, hasEffective := d.Date("effective")
	approvedOn, hasApprovedOn := d.Date("approved_on")
	if status == "in_force" {
		if d.String("approved_by") == "" || !hasApprovedOn {
			c.diags.Add(d.Pos("status", false), "approval.missing")
		}
		if !hasEffective {
			c.diags.Add(d.Pos("status", false), "effective.missing")
		}
	}
	if hasEffective && hasApprovedOn && effective.Before(approvedOn) {
		c.diags.Add(d.Pos("approved_on", false), "approval.after-effective", approvedOn.String(), effective.String())
	}
	if review, ok := d.Date("review_by"); ok && status == "in_force" && !c.in.AsOf.IsZero() && review.Before(c.in.AsOf) {
		c.diags.Warn(d.Pos("review_by", false), "review.overdue", review.String(), c.in.AsOf.String())
	}
	if hasEffective && status == "in_force" && !c.in.AsOf.IsZero() && c.in.AsOf.Before(effective) {
		c.diags.Warn(d.Pos("effective", false), "effective.future", effective.String())
	}
}
