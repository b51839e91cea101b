package schema_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/schema"
	"guifan/schemas"
)

// TestBeijingArticles checks the framework against the specification: every
// article 1-50 exactly once, each with a requirement, in the right chapter.
func TestBeijingArticles(t *testing.T) {
	fw := load(t).Frameworks["beijing-2008"]
	chapterOf := func(n int) int {
		bounds := []int{5, 13, 17, 24, 36, 40, 48, 50} // last article of chapters 1-8
		for i, b := range bounds {
			if n <= b {
				return i + 1
			}
		}
		return 0
	}
	seen := map[int]int{}
	for _, a := range fw.Articles {
		seen[a.Number]++
		if a.Chapter != chapterOf(a.Number) {
			t.Errorf("article %d in chapter %d, want %d", a.Number, a.Chapter, chapterOf(a.Number))
		}
		if len(a.Requirements) == 0 {
			t.Errorf("article %d has no requirement", a.Number)
		}
		if a.Title["zh-CN"] == "" || a.Title["en"] == "" || a.Summary["zh-CN"] == "" || a.Summary["en"] == "" {
			t.Errorf("article %d lacks a title or summary in zh-CN or en", a.Number)
		}
	}
	for n := 1; n <= 50; n++ {
		if seen[n] != 1 {
			t.Errorf("article %d present %d times, want once", n, seen[n])
		}
	}
	if len(fw.Articles) != 50 || len(fw.Chapters) != 8 {
		t.Errorf("got %d articles in %d chapters, want 50 in 8", len(fw.Articles), len(fw.Chapters))
	}
	kinds := map[string]bool{}
	for _, a := range fw.Articles {
		for _, r := range a.Requirements {
			kinds[r.Kind] = true
		}
	}
	for _, k := range schema.Kinds {
		if !kinds[k] {
			t.Errorf("no requirement of kind %q", k)
		}
	}
}

func requirement(t *testing.T, fw *schema.Framework, id string) *schema.Requirement {
	t.Helper()
	for _, a := range fw.Articles {
		for _, r := range a.Requirements {
			if r.ID == id {
				return r
			}
		}
	}
	t.Fatalf("requirement %s not found", id)
	return nil
}

func itemIDs(r *schema.Requirement) []string {
	var ids []string
	for _, it := range r.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

func itemLabels(r *schema.Requirement) []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.Label["zh-CN"])
	}
	return out
}

// TestBeijingLists checks that every list of REQUIREMENTS.md is encoded with
// the right members and counts.
func TestBeijingLists(t *testing.T) {
	s := load(t)
	fw := s.Frameworks["beijing-2008"]
	cases := []struct {
		id     string
		kind   string
		ids    []string // exact member ids, in order
		labels []string // exact zh-CN labels, where the spec's words are the facts
	}{
		{id: "5.terms", kind: "list", labels: []string{"安全策略", "基础设施", "资产", "机密性", "完整性", "可用性", "真实性", "责任性", "不可抵赖性", "可靠性", "信息安全", "事件", "突发事件", "风险评估", "用户", "消失", "变更"}},
		{id: "8.members", kind: "list", ids: []string{"president", "vice-president", "it-director", "hr", "medical", "nursing", "research", "education", "finance", "equipment"}},
		{id: "8.duties", kind: "list", ids: []string{"strategy", "approve-plans", "approve-budget", "major-issues"}},
		{id: "8.budget-items", kind: "list", labels: []string{"人员费", "办公费", "设备购置费", "服务费", "运维费", "耗材费", "培训费"}},
		{id: "10.duties", kind: "list", ids: []string{"five-year-plan", "annual-plan", "budget", "process", "regulations", "procedures", "standards", "systems", "information", "training", "emergency"}},
		{id: "12.posts", kind: "list", labels: []string{"数据库管理岗", "网络管理岗", "应用系统管理岗", "系统管理岗", "信息安全管理岗", "现场技术支持岗", "调研与实施岗", "技术培训岗"}},
		{id: "21.regulations", kind: "list", ids: []string{"security", "backup", "machine-room", "network", "equipment", "user", "duty", "emergency", "training"}},
		{id: "28.outcomes", kind: "list", labels: []string{"彻底解决", "暂时解决", "无法解决", "消失"}},
		{id: "32.objects", kind: "list", ids: []string{"accounts", "clients", "servers", "network", "facilities", "cabling", "manuals"}},
		{id: "35.change-scope", kind: "list", labels: []string{"软件", "硬件", "网络设备", "文档"}},
		{id: "37.procedures", kind: "list", ids: []string{"devices", "database", "base-data", "system-software", "client", "facilities", "faults"}},
		{id: "44.groups", kind: "list", ids: []string{"leadership", "working", "expert"}},
		{id: "25.request-form", kind: "sections", ids: []string{"time", "name", "department", "location", "phone", "description", "occurred", "nature"}},
		{id: "27.work-order", kind: "sections", ids: []string{"contact", "opened", "occurred", "description", "measures", "result", "completed", "confirmation"}},
		{id: "36.change-request", kind: "sections", ids: []string{"risks", "impact", "resources", "implementation", "test", "rollback", "schedule", "assignment", "test-report"}},
		{id: "39.operation-log", kind: "sections", ids: []string{"object", "content", "result", "time", "operator"}},
	}
	for _, c := range cases {
		r := requirement(t, fw, c.id)
		if r.Kind != c.kind {
			t.Errorf("%s: kind %s, want %s", c.id, r.Kind, c.kind)
		}
		if c.ids != nil && !slices.Equal(itemIDs(r), c.ids) {
			t.Errorf("%s: members %v, want %v", c.id, itemIDs(r), c.ids)
		}
		if c.labels != nil && !slices.Equal(itemLabels(r), c.labels) {
			t.Errorf("%s: labels %v, want %v", c.id, itemLabels(r), c.labels)
		}
	}

	// Sections lists name sections of the document type.
	sections := map[string][]string{
		"15.contents":         {"review", "guidance", "goals", "tasks", "safeguards"},
		"38.parts":            {"qualification", "purpose", "content", "steps", "normal", "abnormal", "handling", "time-limit", "environment"},
		"46.contents":         {"levels", "duties", "prevention", "onsite", "reporting", "training"},
		"43.system":           {"organisation", "duties", "communications", "supplies"},
		"4.itil":              {"service-desk", "incident", "problem", "configuration", "change"},
		"21.network-security": {"authentication", "access-control", "backup-schedule", "boundary", "intrusion", "antivirus", "recovery", "remote-access"},
	}
	for id, want := range sections {
		if got := requirement(t, fw, id).Sections; !slices.Equal(got, want) {
			t.Errorf("%s: sections %v, want %v", id, got, want)
		}
	}

	// Periods and thresholds.
	if r := requirement(t, fw, "17.investment"); r.Met != 0.02 || r.Partial != 0.01 {
		t.Errorf("17.investment thresholds %v/%v, want 0.02/0.01", r.Met, r.Partial)
	}
	for id, within := range map[string]string{"22.inspections": "12m", "48.drills": "12m"} {
		if r := requirement(t, fw, id); r.Within != within {
			t.Errorf("%s: within %q, want %q", id, r.Within, within)
		}
	}
	if r := requirement(t, fw, "48.drills"); r.Per == nil || r.Per.Type != "emergency-plan" || r.Advise != "6m" {
		t.Errorf("48.drills: want a drill per emergency plan, advised every 6 months; got %+v", r)
	}
	if r := requirement(t, fw, "15.revision"); r.Window != "term" || r.Due != "midpoint" {
		t.Errorf("15.revision: want a revision within the term, due at its midpoint; got %+v", r)
	}
	limits := map[string]float64{}
	for _, it := range requirement(t, fw, "47.thresholds").Items {
		limits[it.ID] = *it.Limit.Max
	}
	if limits["registration"] != 15 || limits["billing"] != 15 || limits["nurse-station"] != 180 || limits["operating-room"] != 180 {
		t.Errorf("47.thresholds: got %v, want 15 minutes for front desks and 180 for clinical areas", limits)
	}
}

// TestDocTypesCoverArticles checks that the document types the articles ask
// for exist.
func TestDocTypesCoverArticles(t *testing.T) {
	s := load(t)
	for _, name := range []string{"organisation", "regulation", "job-duty", "procedure", "emergency-plan", "five-year-plan", "annual-plan", "faq", "glossary", "risk-assessment", "asset-register", "drill-record", "training-record", "inspection-record", "review-record", "service-desk"} {
		if s.Types[name] == nil {
			t.Errorf("document type %s missing", name)
		}
	}
}

// TestCheckFindsBrokenFrameworks feeds schema.Load frameworks with mistakes
// and expects each to be reported.
func TestCheckFindsBrokenFrameworks(t *testing.T) {
	base := fstest.MapFS{}
	for _, p := range []string{"document.toml", "types/regulation.toml", "types/job-duty.toml"} {
		data, err := schemas.FS.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		base[p] = &fstest.MapFile{Data: data}
	}
	cases := map[string]string{
		"schema.bad-value": `kind = "lst"`,
		"schema.unknown-type": `kind = "doc"
type = "regulations"`,
		"schema.unknown-section": `kind = "sections"
type = "job-duty"
sections = ["dutys"]`,
		"schema.missing-param": `kind = "record"
type = "regulation"`,
		"schema.bad-period": `kind = "record"
type = "regulation"
date_field = "effective"
within = "twelve months"`,
		"schema.unknown-field": `kind = "list"
type = "regulation"
field = "kinds"
items = [{ id = "security" }]`,
		"schema.unknown": `kind = "info"
colour = "red"`,
	}
	for code, req := range cases {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["frameworks/x.toml"] = &fstest.MapFile{Data: []byte(`id = "x"
title = { en = "X" }
[[chapters]]
number = 1
title = { en = "One" }
[[articles]]
number = 1
chapter = 1
title = { en = "A" }
summary = { en = "A." }
[[articles.requirements]]
id = "1.a"
title = { en = "A" }
` + req + "\n")}
		_, diags := schema.Load(fsys)
		found := false
		var got []string
		for _, d := range diags {
			got = append(got, d.Code)
			if d.Code == code {
				found = true
				if d.Pos.Line < 11 {
					t.Errorf("%s: reported at line %d, want the requirement's lines", code, d.Pos.Line)
				}
			}
		}
		if !found {
			t.Errorf("%s: not reported; got %s", code, strings.Join(got, ", "))
		}
	}
	// An enum member that is not one of the field's values.
	fsys := fstest.MapFS{}
	for k, v := range base {
		fsys[k] = v
	}
	fsys["frameworks/y.toml"] = &fstest.MapFile{Data: []byte(`id = "y"
title = { en = "Y" }
[[chapters]]
number = 1
title = { en = "One" }
[[articles]]
number = 1
chapter = 1
title = { en = "A" }
summary = { en = "A." }
[[articles.requirements]]
id = "1.a"
kind = "list"
title = { en = "A" }
type = "regulation"
field = "kind"
items = [{ id = "security" }, { id = "securty" }]
`)}
	_, diags := schema.Load(fsys)
	if len(diags) != 1 || diags[0].Code != "schema.bad-value" || diags[0].Pos.Line != 17 {
		t.Errorf("got %+v, want one schema.bad-value at line 17", diags)
	}
}
