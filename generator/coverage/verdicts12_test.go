package coverage_test

import (
	"strings"
	"testing"

	"guifan/generator/config"
	"guifan/generator/coverage"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/schemas"
)

// body is text enough for a document not to be empty.
const body = "\n# 文档\n\n## 内容\n\n抽查了二十台终端的锁屏设置和 U 盘管控情况，发现两台收费电脑的锁屏被关闭，已当场恢复并通报科室；其余终端均符合要求，检查组建议每季度复查一次。\n"

func gapKeys(res coverage.Result) string {
	var out []string
	for _, g := range res.Gaps {
		out = append(out, g.Key)
	}
	return strings.Join(out, " ")
}

func noteKeys(res coverage.Result) string {
	var out []string
	for _, g := range res.Notes {
		out = append(out, g.Key)
	}
	return strings.Join(out, " ")
}

// An article whose scored requirements earn nothing is missing, with a
// note of the manual checks pending; all manual stays manual.
func TestArticleEarningNothingIsMissing(t *testing.T) {
	s := set(t)
	doc := &schema.Requirement{ID: "1.doc", Kind: "doc", Type: "organisation"}
	man := &schema.Requirement{ID: "1.practice", Kind: "manual"}
	fw := &schema.Framework{ID: "t", Articles: []*schema.Article{{Number: 1, Chapter: 1, Requirements: []*schema.Requirement{doc, man}}}}
	m := coverage.Assess(coverage.Input{Framework: fw, Schemas: s, Hospital: config.Default(), AsOf: date("2026-11-25")})
	a := m.Articles[0]
	if a.Status != coverage.Missing || len(a.Notes) != 1 || a.Notes[0].Key != "note.manual-pending" {
		t.Errorf("article %s notes %v; want missing with a note of the pending check", a.Status, a.Notes)
	}
	fw.Articles[0].Requirements = []*schema.Requirement{man}
	m = coverage.Assess(coverage.Input{Framework: fw, Schemas: s, Hospital: config.Default(), AsOf: date("2026-11-25")})
	if a := m.Articles[0]; a.Status != coverage.Manual || len(a.Notes) != 0 {
		t.Errorf("all manual: %s %v; want manual without notes", a.Status, a.Notes)
	}
	// A partial attestation earns credit: partial, not missing.
	fw.Articles[0].Requirements = []*schema.Requirement{doc, man}
	att := coverage.Attestation{Requirement: "1.practice", Verdict: coverage.Partial, Auditor: "x", Date: date("2026-11-01")}
	m = coverage.Assess(coverage.Input{Framework: fw, Schemas: s, Hospital: config.Default(), Attestations: []coverage.Attestation{att}, AsOf: date("2026-11-25")})
	if a := m.Articles[0]; a.Status != coverage.Partial {
		t.Errorf("missing + attested partial: %s, want partial", a.Status)
	}
}

// An attestation dated after the assessment date is not honoured.
func TestFutureAttestationIgnored(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "26.practice", Kind: "manual"}
	a := coverage.Attestation{Requirement: r.ID, Verdict: coverage.Met, Auditor: "x", Date: date("2026-12-01")}
	res := assess(t, s, r, nil, date("2026-11-25"), a)
	if res.Status != coverage.Manual || res.Attestation != nil || !strings.Contains(gapKeys(res), "gap.attest-future") {
		t.Errorf("status %s attestation %v gaps %s; want manual, unattested, told why", res.Status, res.Attestation, gapKeys(res))
	}
	if res := assess(t, s, r, nil, date("2026-12-01"), a); res.Status != coverage.Met {
		t.Errorf("on its own date the attestation stands: %s", res.Status)
	}
}

// A record dated after the assessment date: the gap says it exists.
func TestFutureRecordGap(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "22.inspections", Kind: "record", Type: "inspection-record", DateField: "date", Within: "12m"}
	d := docs(t, s, map[string]string{"content/records/inspections/i.md": "+++\ntype = \"inspection-record\"\ntitle = \"检查\"\ndate = 2026-12-02\nresult = \"issues\"\n+++\n" + body})
	res := assess(t, s, r, d, date("2026-11-25"))
	if res.Status != coverage.Missing || gapKeys(res) != "gap.record-future" || res.Gaps[0].Args[1] != "2026-12-02" {
		t.Errorf("status %s gaps %+v; want missing, with the record dated 2026-12-02 named", res.Status, res.Gaps)
	}
}

// A first-version plan in force for less than a year is not due for its
// first drill; a revised one is.
func TestFirstDrillGrace(t *testing.T) {
	s := set(t)
	r := &schema.Requirement{ID: "48.drills", Kind: "record", Type: "drill-record", DateField: "date", Within: "12m",
		Per: &schema.Per{Type: "emergency-plan", Field: "plan"}}
	p := func(version, effective string) []*model.Document {
		text := strings.Replace(strings.Replace(plan, "%s", "ep-a", 1), "%s", "网络中断", 1)
		text = strings.Replace(text, "effective = 2026-01-01", "effective = "+effective+"\nversion = \""+version+"\"", 1)
		return docs(t, s, map[string]string{"content/emergency/a.md": text + body})
	}
	res := assess(t, s, r, p("1.0", "2026-06-01"), date("2026-11-25"))
	if res.Status != coverage.Met || noteKeys(res) != "note.first-due" {
		t.Errorf("new plan: %s %s; want met with a note of the first drill's due date", res.Status, noteKeys(res))
	}
	if res := assess(t, s, r, p("1.0", "2025-06-01"), date("2026-11-25")); res.Status != coverage.Missing {
		t.Errorf("plan in force since 2025-06: %s, want missing", res.Status)
	}
	if res := assess(t, s, r, p("2.1", "2026-06-01"), date("2026-11-25")); res.Status != coverage.Missing {
		t.Errorf("revised plan: %s, want missing (its effective date is its revision's)", res.Status)
	}
}

// A limit marked advise gives a note, not a gap.
func TestAdvisoryLimit(t *testing.T) {
	s := set(t)
	max := 15.0
	item := schema.Item{ID: "admission", Match: []string{"住院登记"}, Label: schema.Text{"zh-CN": "住院登记"}, Limit: &schema.Limit{Field: "after_minutes", Max: &max}}
	r := &schema.Requirement{ID: "47.thresholds", Kind: "list", Type: "emergency-plan", Field: "fallback.process", Contains: true, Items: []schema.Item{item}}
	text := strings.Replace(strings.Replace(plan, "%s", "ep-a", 1), "%s", "HIS", 1)
	text = strings.Replace(text, "+++\n", "+++\n", 1)
	text = strings.TrimSuffix(text, "+++\n") + "[[fallback]]\nprocess = \"住院登记\"\nafter_minutes = 30\nsteps = \"手工登记\"\n+++\n" + body
	d := docs(t, s, map[string]string{"content/emergency/a.md": text})
	if res := assess(t, s, r, d, date("2026-11-25")); res.Status != coverage.Partial || gapKeys(res) != "gap.limit-max" {
		t.Errorf("a rule: %s %s; want partial with the limit's gap", res.Status, gapKeys(res))
	}
	r.Items[0].Limit.Advise = true
	if res := assess(t, s, r, d, date("2026-11-25")); res.Status != coverage.Met || noteKeys(res) != "note.limit-max" || len(res.Gaps) != 0 {
		t.Errorf("advice: %s gaps %s notes %s; want met with a note", res.Status, gapKeys(res), noteKeys(res))
	}
}

// A built-in form is evidence only once the hospital adopts it.
func TestFormAdoption(t *testing.T) {
	s := set(t)
	forms, diags := schema.LoadForms(schemas.FS, "forms", "schemas/forms")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	r := &schema.Requirement{ID: "27.work-order", Kind: "sections", Form: "work-order",
		Items: []schema.Item{{ID: "result", Match: []string{"处理结果", "结果"}, Label: schema.Text{"zh-CN": "处理结果"}}}}
	reg := func(status string) []*model.Document {
		return docs(t, s, map[string]string{"content/regulations/r.md": "+++\ntype = \"regulation\"\ntitle = \"服务台规定\"\nkind = \"user\"\nstatus = \"" + status + "\"\neffective = 2026-01-01\napproved_by = \"院长办公会\"\napproved_on = 2025-12-01\n+++\n\n转交的请求填写[工作单](form:work-order)。\n"})
	}
	links := func(d *model.Document) []string {
		if strings.Contains(string(d.Body), "form:work-order") {
			return []string{"work-order"}
		}
		return nil
	}
	run := func(h *config.Hospital, d []*model.Document, own map[string]bool) coverage.Result {
		m := coverage.Assess(coverage.Input{Framework: framework(r), Schemas: s, Hospital: h, Docs: d, Forms: forms, OwnForms: own, FormLinks: links, AsOf: date("2026-11-25")})
		return m.Articles[0].Requirements[0]
	}
	if res := run(config.Default(), nil, nil); res.Status != coverage.Missing || gapKeys(res) != "gap.form-not-adopted" {
		t.Errorf("not adopted: %s %s", res.Status, gapKeys(res))
	}
	declared := config.Default()
	declared.Forms = []string{"work-order"}
	if res := run(declared, nil, nil); res.Status != coverage.Met {
		t.Errorf("declared: %s %s", res.Status, gapKeys(res))
	}
	if res := run(config.Default(), nil, map[string]bool{"work-order": true}); res.Status != coverage.Met {
		t.Errorf("own copy: %s %s", res.Status, gapKeys(res))
	}
	if res := run(config.Default(), reg("in_force"), nil); res.Status != coverage.Met || len(res.Evidence) != 2 {
		t.Errorf("linked from a regulation in force: %s, evidence %v", res.Status, res.Evidence)
	}
	if res := run(config.Default(), reg("draft"), nil); res.Status != coverage.Missing {
		t.Errorf("linked from a draft: %s", res.Status)
	}
}
