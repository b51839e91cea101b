package model

// Document control: the fields every document shares (schemas/document.toml)
// that say what it is (number, version), whether it applies (status,
// effective, retired), who stands behind it (approval, owner) and who may
// read it (classification). The loader (content.Control) reads them once
// from the front matter, aliases resolved, so that the validator, the
// coverage assessment and the outputs ask Control and never re-read Meta.
//
// The lifecycle rule lives here and only here: Stage says where a document
// stands on a date, InForce whether it counts then.

// Status is a document's status, canonical after aliases ("现行" is
// StatusInForce).
type Status string

// The statuses of schemas/document.toml.
const (
	StatusDraft   Status = "draft"
	StatusInForce Status = "in_force"
	StatusRetired Status = "retired"
)

// Classification is who may read a document, canonical after aliases
// ("公开" is Public).
type Classification string

// The classifications of schemas/document.toml.
const (
	Public       Classification = "public"
	Internal     Classification = "internal"
	Confidential Classification = "confidential"
)

// Control is a document's document-control data, read once from its
// front matter by the loader.
type Control struct {
	Number, Version string
	// Status is the canonical status; "" when missing or not a known
	// value. A record (Record) that leaves it out, or gives a value that
	// is not known, is in force.
	Status Status
	// The dates; zero when absent or not a date (validate reports the
	// value as written).
	Effective, ApprovedOn, ReviewBy, RetiredOn Date
	ApprovedBy, Owner                          string
	// Classification is the value written or its alias, else the type's
	// default, else Internal: never public by accident.
	Classification Classification
	Articles       []int    // article numbers, as written (non-numbers left out)
	Keywords       []string // as written
	Supersedes     []string // document ids
	Related        []string // document ids
	// Record says the document's type keeps records (drills, trainings,
	// inspections): a record is in force unless it is a draft or retired,
	// without approval or effective date.
	Record bool
}

// Public reports whether the document may be published to the intranet:
// classified Public, and nothing else.
func (c Control) Public() bool { return c.Classification == Public }

// Stage is where a document stands on a date.
type Stage int

// The stages, in the order a document goes through them.
const (
	// StageDraft: a draft, or a status missing or not known.
	StageDraft Stage = iota
	// StageIncomplete: written in force, but without an approver, an
	// approval date or an effective date (validate reports which).
	StageIncomplete
	// StageNotYet: in force, approved, but effective after the date.
	StageNotYet
	// StageInForce: in force on the date.
	StageInForce
	// StageRetired: status retired, or retired_on on or before the date.
	StageRetired
)

var stageNames = [...]string{"draft", "incomplete", "not-yet", "in-force", "retired"}

// String names the stage, for tests and debugging.
func (s Stage) String() string {
	if s < 0 || int(s) >= len(stageNames) {
		return "stage?"
	}
	return stageNames[s]
}

// Stage says where the document stands on asOf. A zero asOf compares no
// dates: the effective and retirement dates are then only required or
// ignored, never compared.
//
// The rule: retired (by status, or by a retired_on date that has come) wins
// over everything; then anything but in force is a draft; a record in force
// needs nothing more; any other document in force needs an approver, an
// approval date and an effective date, and is in force only from that date.
func (c Control) Stage(asOf Date) Stage {
	if c.Status == StatusRetired || (!asOf.IsZero() && !c.RetiredOn.IsZero() && !asOf.Before(c.RetiredOn)) {
		return StageRetired
	}
	if c.Status != StatusInForce {
		return StageDraft
	}
	if c.Record {
		return StageInForce
	}
	if c.ApprovedBy == "" || c.ApprovedOn.IsZero() || c.Effective.IsZero() {
		return StageIncomplete
	}
	if c.NotYet(asOf) {
		return StageNotYet
	}
	return StageInForce
}

// NotYet reports whether the document is written in force but takes
// effect after asOf (false for a zero asOf).
func (c Control) NotYet(asOf Date) bool {
	return c.Status == StatusInForce && !asOf.IsZero() && !c.Effective.IsZero() && asOf.Before(c.Effective)
}

// ReviewOverdue reports whether a document written in force was due for
// review before asOf (false for a zero asOf).
func (c Control) ReviewOverdue(asOf Date) bool {
	return c.Status == StatusInForce && !asOf.IsZero() && !c.ReviewBy.IsZero() && c.ReviewBy.Before(asOf)
}

// InForce reports whether the document applies on asOf, and so counts as
// evidence: Stage(asOf) == StageInForce.
func (c Control) InForce(asOf Date) bool { return c.Stage(asOf) == StageInForce }

// Finished reports whether the author declares the document finished and
// applicable (status in force, whatever the dates say): its sections
// should then have substance.
func (c Control) Finished() bool { return c.Status == StatusInForce }

// Value returns the canonical value of a document-control enum field by
// its front-matter name, for filters written in data (a framework's
// where = { ... }); ok is false for any other name, and for a status that
// is missing or not known.
func (c Control) Value(name string) (string, bool) {
	switch name {
	case "status":
		return string(c.Status), c.Status != ""
	case "classification":
		return string(c.Classification), c.Classification != ""
	}
	return "", false
}

// Live reports whether the document is neither a draft nor retired by its
// status as written (dates aside): such documents are expected to be
// unique, one number and one body each.
func (c Control) Live() bool { return c.Status != StatusDraft && c.Status != StatusRetired }
