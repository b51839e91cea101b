package model

import "testing"

func day(s string) Date {
	d, ok := ParseDate(s)
	if !ok {
		panic("bad test date " + s)
	}
	return d
}

func TestStage(t *testing.T) {
	t.Parallel()
	approved := Control{Status: StatusInForce, ApprovedBy: "院长办公会", ApprovedOn: day("2026-01-10"), Effective: day("2026-02-01")}
	with := func(f func(*Control)) Control {
		c := approved
		f(&c)
		return c
	}
	asOf := day("2026-11-25")
	tests := []struct {
		name string
		c    Control
		asOf Date
		want Stage
	}{
		{"in force", approved, asOf, StageInForce},
		{"effective that very day", approved, day("2026-02-01"), StageInForce},
		{"day before effective", approved, day("2026-01-31"), StageNotYet},
		{"far-future effective", with(func(c *Control) { c.Effective = day("9999-12-31") }), asOf, StageNotYet},
		{"far-past effective", with(func(c *Control) { c.Effective = day("0001-01-01") }), asOf, StageInForce},
		{"no date given: dates not compared", with(func(c *Control) { c.Effective = day("9999-12-31") }), Date{}, StageInForce},
		{"retired_on in the past", with(func(c *Control) { c.RetiredOn = day("2026-06-30") }), asOf, StageRetired},
		{"retired_on that very day", with(func(c *Control) { c.RetiredOn = asOf }), asOf, StageRetired},
		{"retired_on in the future", with(func(c *Control) { c.RetiredOn = day("2026-11-26") }), asOf, StageInForce},
		{"retired_on far in the future", with(func(c *Control) { c.RetiredOn = day("9999-12-31") }), asOf, StageInForce},
		{"retired_on without a date given", with(func(c *Control) { c.RetiredOn = day("2026-06-30") }), Date{}, StageInForce},
		{"retired status", with(func(c *Control) { c.Status = StatusRetired }), asOf, StageRetired},
		{"retired status, retired_on in the future", with(func(c *Control) { c.Status = StatusRetired; c.RetiredOn = day("2030-01-01") }), asOf, StageRetired},
		{"draft", with(func(c *Control) { c.Status = StatusDraft }), asOf, StageDraft},
		{"draft whose retired_on has come", with(func(c *Control) { c.Status = StatusDraft; c.RetiredOn = day("2026-01-01") }), asOf, StageRetired},
		{"no status", with(func(c *Control) { c.Status = "" }), asOf, StageDraft},
		{"no approver", with(func(c *Control) { c.ApprovedBy = "" }), asOf, StageIncomplete},
		{"no approval date", with(func(c *Control) { c.ApprovedOn = Date{} }), asOf, StageIncomplete},
		{"no effective date", with(func(c *Control) { c.Effective = Date{} }), asOf, StageIncomplete},
		{"no effective date, no date given", with(func(c *Control) { c.Effective = Date{} }), Date{}, StageIncomplete},
		{"record", Control{Status: StatusInForce, Record: true}, asOf, StageInForce},
		{"record draft", Control{Status: StatusDraft, Record: true}, asOf, StageDraft},
		{"record retired", Control{Status: StatusRetired, Record: true}, asOf, StageRetired},
		{"record withdrawn on a date", Control{Status: StatusInForce, Record: true, RetiredOn: day("2026-03-01")}, asOf, StageRetired},
		{"record without status (the loader fills none)", Control{Record: true}, asOf, StageDraft},
	}
	for _, tt := range tests {
		if got := tt.c.Stage(tt.asOf); got != tt.want {
			t.Errorf("%s: Stage(%v) = %v, want %v", tt.name, tt.asOf, got, tt.want)
		}
		if got := tt.c.InForce(tt.asOf); got != (tt.want == StageInForce) {
			t.Errorf("%s: InForce(%v) = %v, want %v", tt.name, tt.asOf, got, tt.want == StageInForce)
		}
	}
}

func TestDeclared(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		s              Status
		finished, live bool
	}{
		{StatusInForce, true, true},
		{StatusDraft, false, false},
		{StatusRetired, false, false},
		{"", false, true}, // unknown: not finished, but not excused from being unique either
	} {
		c := Control{Status: tt.s}
		if c.Finished() != tt.finished || c.Live() != tt.live {
			t.Errorf("%q: Finished %v Live %v, want %v %v", tt.s, c.Finished(), c.Live(), tt.finished, tt.live)
		}
	}
}

func TestPublic(t *testing.T) {
	t.Parallel()
	for c, want := range map[Classification]bool{Public: true, Internal: false, Confidential: false, "": false, "PUBLIC": false, "公开": false} {
		if got := (Control{Classification: c}).Public(); got != want {
			t.Errorf("Public() of %q = %v, want %v", c, got, want)
		}
	}
}

func TestStageString(t *testing.T) {
	t.Parallel()
	if StageInForce.String() != "in-force" || Stage(99).String() != "stage?" {
		t.Errorf("got %q, %q", StageInForce.String(), Stage(99).String())
	}
}

func TestDateHelpers(t *testing.T) {
	t.Parallel()
	c := Control{Status: StatusInForce, Effective: day("2027-01-01"), ReviewBy: day("2026-06-30")}
	asOf := day("2026-11-25")
	if !c.NotYet(asOf) || c.NotYet(Date{}) || c.NotYet(day("2027-01-01")) {
		t.Error("NotYet: before the effective date only, never without a date")
	}
	if !c.ReviewOverdue(asOf) || c.ReviewOverdue(Date{}) || c.ReviewOverdue(day("2026-06-30")) {
		t.Error("ReviewOverdue: after the review date only, never without a date")
	}
	d := c
	d.Status = StatusDraft
	if d.NotYet(asOf) || d.ReviewOverdue(asOf) {
		t.Error("a draft is neither not yet in force nor overdue")
	}
}

func TestValue(t *testing.T) {
	t.Parallel()
	c := Control{Status: StatusRetired, Classification: Confidential}
	if v, ok := c.Value("status"); !ok || v != "retired" {
		t.Errorf("status: %q %v", v, ok)
	}
	if v, ok := c.Value("classification"); !ok || v != "confidential" {
		t.Errorf("classification: %q %v", v, ok)
	}
	if _, ok := (Control{}).Value("status"); ok {
		t.Error("a missing status has no value")
	}
	if _, ok := c.Value("kind"); ok {
		t.Error("kind is no document-control field")
	}
}
