package coverage_test

import (
	"strings"
	"testing"

	"guifan/generator/config"
	"guifan/generator/content"
	"guifan/generator/coverage"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/schemas"
)

func set(t *testing.T) *schema.Set {
	t.Helper()
	s, diags := schema.Load(schemas.FS)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
}

// docs parses documents given as path -> text; the type comes from the
// front matter.
func docs(t *testing.T, s *schema.Set, files map[string]string) []*model.Document {
	t.Helper()
	var out []*model.Document
	for path, text := range files {
		d, _, diags := content.Parse(path, "markdown", []byte(text))
		if d == nil || diags.Errors() > 0 {
			t.Fatalf("%s: %v", path, diags)
		}
		d.Type = d.String("type")
		d.Control = content.Control(s, d) // as content.Load fills it
		out = append(out, d)
	}
	return out
}

// framework builds a one-article framework around one requirement.
func framework(r *schema.Requirement) *schema.Framework {
	return &schema.Framework{ID: "t", Articles: []*schema.Article{{Number: 1, Chapter: 1, Requirements: []*schema.Requirement{r}}}}
}

func assess(t *testing.T, s *schema.Set, r *schema.Requirement, d []*model.Document, asOf model.Date, atts ...coverage.Attestation) coverage.Result {
	t.Helper()
	m := coverage.Assess(coverage.Input{
		Framework: framework(r), Schemas: s, Hospital: config.Default(), Docs: d,
		Attestations: atts, AsOf: asOf,
	})
	return m.Articles[0].Requirements[0]
}

func date(s string) model.Date {
	d, _ := model.ParseDate(s)
	return d
}

const plan = `+++
type = "emergency-plan"
id = "%s"
title = "%s"
scenario = "x"
status = "in_force"
effective = 2026-01-01
approved_by = "领导小组"
approved_on = 2026-01-01
+++
`

// someText is a line of text: a document of headings only is no evidence, so
// every document in force here says something.
const someText = "本文件规定有关工作的职责、流程和要求，由信息中心负责组织实施。\n"

func drill(plan, on string) string {
	return "+++\ntype = \"drill-record\"\nplan = \"" + plan + "\"\ndate = " + on + "\n+++\n"
}

func TestDrillPerPlan(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "48.drills", Kind: "record", Type: "drill-record", DateField: "date", Within: "12m", Advise: "6m",
		Per: &schema.Per{Type: "emergency-plan", Field: "plan"}}
	files := map[string]string{
		"content/emergency/a.md":      strings.Replace(strings.Replace(plan, "%s", "ep-a", 1), "%s", "网络中断", 1) + someText,
		"content/emergency/b.md":      strings.Replace(strings.Replace(plan, "%s", "ep-b", 1), "%s", "HIS 数据库故障", 1) + someText,
		"content/records/drills/1.md": drill("ep-a", "2026-09-01"),
		"content/records/drills/2.md": drill("ep-b", "2024-05-10"),
	}
	res := assess(t, s, r, docs(t, s, files), date("2026-11-25"))
	if res.Status != coverage.Partial {
		t.Fatalf("status %s, want partial", res.Status)
	}
	if len(res.Gaps) != 1 || res.Gaps[0].Key != "gap.per-old" || res.Gaps[0].Args[2] != "2024-05-10" {
		t.Errorf("gaps %+v, want the HIS plan's drill of 2024-05-10 reported as too old", res.Gaps)
	}
	// A drill in the future of the assessment does not count.
	files["content/records/drills/3.md"] = drill("ep-b", "2026-12-01")
	if res := assess(t, s, r, docs(t, s, files), date("2026-11-25")); res.Status != coverage.Partial {
		t.Errorf("a future drill counted: %s", res.Status)
	}
	files["content/records/drills/3.md"] = drill("ep-b", "2026-10-01")
	res = assess(t, s, r, docs(t, s, files), date("2026-11-25"))
	if res.Status != coverage.Met || len(res.Notes) != 0 {
		t.Errorf("status %s notes %v, want met without notes", res.Status, res.Notes)
	}
	// Older than the advised 6 months but within 12: met, with a note.
	res = assess(t, s, r, docs(t, s, files), date("2027-05-15"))
	if res.Status != coverage.Met || len(res.Notes) == 0 {
		t.Errorf("status %s notes %v, want met with a note", res.Status, res.Notes)
	}
}

func TestDraftsAreInProgress(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "6.organisation", Kind: "doc", Type: "organisation"}
	d := docs(t, s, map[string]string{"content/organisation/o.md": "+++\ntype = \"organisation\"\ntitle = \"组织\"\nstatus = \"draft\"\n+++\n" + someText})
	res := assess(t, s, r, d, date("2026-11-25"))
	if res.Status != coverage.Missing || len(res.InProgress) != 1 {
		t.Errorf("status %s, in progress %v; want missing with the draft in progress", res.Status, res.InProgress)
	}
	// In force but effective only later: not yet evidence.
	d = docs(t, s, map[string]string{"content/organisation/o.md": "+++\ntype = \"organisation\"\ntitle = \"组织\"\nstatus = \"in_force\"\neffective = 2027-01-01\napproved_by = \"院长办公会\"\napproved_on = 2026-10-01\n+++\n" + someText})
	if res := assess(t, s, r, d, date("2026-11-25")); res.Status != coverage.Missing {
		t.Errorf("a document effective next year counted: %s", res.Status)
	}
	if res := assess(t, s, r, d, date("2027-02-01")); res.Status != coverage.Met {
		t.Errorf("in force since January: %s", res.Status)
	}
}

func TestAttestations(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "26.practice", Kind: "manual", Valid: "12m"}
	if res := assess(t, s, r, nil, date("2026-11-25")); res.Status != coverage.Manual {
		t.Errorf("unattested manual requirement: %s", res.Status)
	}
	a := coverage.Attestation{Requirement: "26.practice", Verdict: coverage.Met, Auditor: "x", Date: date("2026-11-01")}
	if res := assess(t, s, r, nil, date("2026-11-25"), a); res.Status != coverage.Met {
		t.Errorf("attested: %s", res.Status)
	}
	m := coverage.Assess(coverage.Input{Framework: framework(r), Schemas: s, Hospital: config.Default(), Attestations: []coverage.Attestation{a}, AsOf: date("2028-01-01")})
	if got := m.Articles[0].Requirements[0].Status; got != coverage.Manual || len(m.Stale) != 1 {
		t.Errorf("expired attestation: status %s, stale %d; want manual and flagged", got, len(m.Stale))
	}
	na := coverage.Attestation{Requirement: "26.practice", Verdict: coverage.NotApplicable, Auditor: "x", Date: date("2026-11-01"), Justification: "无门诊"}
	m = coverage.Assess(coverage.Input{Framework: framework(r), Schemas: s, Hospital: config.Default(), Attestations: []coverage.Attestation{na}, AsOf: date("2026-11-25")})
	if m.Articles[0].Status != coverage.NotApplicable || m.Summary.Counts[coverage.NotApplicable] != 1 {
		t.Errorf("not applicable: article %s", m.Articles[0].Status)
	}
}

func TestAttestationBeforeEvidenceChange(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "6.organisation", Kind: "doc", Type: "organisation"}
	d := docs(t, s, map[string]string{"content/organisation/o.md": "+++\ntype = \"organisation\"\ntitle = \"组织\"\nstatus = \"in_force\"\neffective = 2026-10-01\napproved_by = \"院长办公会\"\napproved_on = 2026-09-20\n+++\n" + someText})
	a := coverage.Attestation{Requirement: "6.organisation", Verdict: coverage.Partial, Auditor: "x", Date: date("2026-06-01")}
	m := coverage.Assess(coverage.Input{Framework: framework(r), Schemas: s, Hospital: config.Default(), Docs: d, Attestations: []coverage.Attestation{a}, AsOf: date("2026-11-25")})
	res := m.Articles[0].Requirements[0]
	if res.Status != coverage.Partial || res.Computed != coverage.Met || len(m.Stale) != 1 || m.Stale[0].Reason.Key != "stale.changed" {
		t.Errorf("status %s computed %s stale %+v; want the auditor's partial, flagged as older than the evidence", res.Status, res.Computed, m.Stale)
	}
}

func TestFiveYearPlanRevisionDue(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "15.revision", Kind: "record", Type: "five-year-plan", DateField: "revisions.date", Window: "term", Term: []string{"term_start", "term_end"}, Due: "midpoint"}
	text := "+++\ntype = \"five-year-plan\"\ntitle = \"规划\"\nstatus = \"in_force\"\neffective = 2024-01-01\napproved_by = \"领导小组\"\napproved_on = 2023-12-01\nterm_start = 2024\nterm_end = 2028\n+++\n" + someText
	d := docs(t, s, map[string]string{"content/plans/p.md": text})
	if res := assess(t, s, r, d, date("2025-06-01")); res.Status != coverage.Met || len(res.Notes) != 1 {
		t.Errorf("before the midpoint: %s %v, want met with a note", res.Status, res.Notes)
	}
	if res := assess(t, s, r, d, date("2026-11-25")); res.Status != coverage.Partial {
		t.Errorf("after the midpoint without revision: %s, want partial", res.Status)
	}
	d = docs(t, s, map[string]string{"content/plans/p.md": strings.Replace(text, "term_end = 2028\n", "term_end = 2028\n[[revisions]]\ndate = 2026-03-01\nsummary = \"调整\"\n", 1)})
	if res := assess(t, s, r, d, date("2026-11-25")); res.Status != coverage.Met || res.Evidence[0].Date != "2026-03-01" {
		t.Errorf("revised: %s %+v", res.Status, res.Evidence)
	}
}

func TestInvestmentThresholds(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "17", Kind: "number", Type: "annual-plan", Year: "year", Numerator: "budget.amount", Denominator: "medical_revenue", Met: 0.02, Partial: 0.01}
	for amount, want := range map[string]coverage.Status{"3000000": coverage.Met, "1500000": coverage.Partial, "500000": coverage.Missing} {
		text := "+++\ntype = \"annual-plan\"\ntitle = \"计划\"\nstatus = \"in_force\"\neffective = 2026-01-01\napproved_by = \"领导小组\"\napproved_on = 2026-01-01\nyear = 2026\nmedical_revenue = 100000000\n[[budget]]\nitem = \"equipment\"\namount = " + amount + "\n+++\n"
		res := assess(t, s, r, docs(t, s, map[string]string{"content/plans/a.md": text}), date("2026-11-25"))
		if res.Status != want {
			t.Errorf("budget %s of 1 亿: %s, want %s", amount, res.Status, want)
		}
	}
}
