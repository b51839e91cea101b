package coverage_test

import (
	"fmt"
	"strings"
	"testing"

	"guifan/generator/coverage"
	"guifan/generator/schema"
)

const inForce = `status = "in_force"
effective = 2026-01-01
approved_by = "领导小组"
approved_on = 2026-01-01
`

func regulation(id, kind, number, body string) string {
	return fmt.Sprintf("+++\ntype = \"regulation\"\nid = %q\ntitle = %q\nkind = %q\nnumber = %q\n%s+++\n\n# %s\n\n%s", id, id, kind, number, inForce, id, body)
}

// section is a heading with enough text under it to count.
func section(heading string) string {
	return "## " + heading + "\n\n本节规定" + heading + "的具体要求，由信息中心负责落实，每年检查一次执行情况并记录。\n\n"
}

func freeze() *schema.Requirement {
	return &schema.Requirement{ID: "1.a", Kind: schema.KindSections, Type: "regulation",
		Where: map[string]any{"kind": "change"}, Sections: []string{"change-window"},
		Also: []schema.Place{{Type: "regulation", Where: map[string]any{"kind": "network"}}, {Type: "procedure"}}}
}

func gapText(res coverage.Result) string {
	var b strings.Builder
	for _, g := range res.Gaps {
		fmt.Fprintf(&b, "%s %v\n", g.Key, g.Args)
	}
	return b.String()
}

func TestFreezeInAnotherPlace(t *testing.T) {
	s := set(t)
	asOf := date("2026-11-25")
	net := regulation("reg-network", "network", "N-1", section("总则")+section("业务高峰期禁止变更"))
	res := assess(t, s, freeze(), docs(t, s, map[string]string{"content/regulations/reg-network.md": net}), asOf)
	if res.Status != coverage.Met || len(res.Evidence) != 1 || res.Evidence[0].ID != "reg-network" {
		t.Fatalf("freeze in the network regulation: %s %+v %s", res.Status, res.Evidence, gapText(res))
	}
	// In a procedure, whose type has no such section of its own.
	proc := "+++\ntype = \"procedure\"\nid = \"proc-database\"\ntitle = \"数据库操作规程\"\nkind = \"database\"\n" + inForce + "+++\n\n# 数据库操作规程\n\n" +
		section("一、操作人员资质要求") + section("二、操作步骤") + section("三、业务高峰期禁止变更")
	res = assess(t, s, freeze(), docs(t, s, map[string]string{"content/procedures/proc-database.md": proc}), asOf)
	if res.Status != coverage.Met || len(res.Evidence) != 1 || res.Evidence[0].ID != "proc-database" || res.Evidence[0].Section != "三、业务高峰期禁止变更" {
		t.Fatalf("freeze in a database procedure: %s %+v %s", res.Status, res.Evidence, gapText(res))
	}
	// A regulation of a kind that is not a place does not count.
	other := regulation("reg-duty", "duty", "D-1", section("总则")+section("业务高峰期禁止变更"))
	res = assess(t, s, freeze(), docs(t, s, map[string]string{"content/regulations/reg-duty.md": other}), asOf)
	if res.Status != coverage.Missing {
		t.Fatalf("a duty regulation counted: %s", res.Status)
	}
	// The gap names every kind of document searched.
	if len(res.Gaps) != 1 || res.Gaps[0].Key != "gap.searched-none" {
		t.Fatalf("gaps: %s", gapText(res))
	}
	named := fmt.Sprint(res.Gaps[0].Args[0])
	for _, want := range []string{"变更管理制度", "网络管理制度", "操作规程"} {
		if !strings.Contains(named, want) {
			t.Errorf("the gap does not name %s: %s", want, named)
		}
	}
}

func TestPlacesSupplementTheDocumentAssessed(t *testing.T) {
	s := set(t)
	asOf := date("2026-11-25")
	r := &schema.Requirement{ID: "1.a", Kind: schema.KindSections, Type: "regulation",
		Where: map[string]any{"kind": "security"}, Sections: []string{"authentication", "backup-schedule"},
		Also: []schema.Place{{Type: "regulation", Where: map[string]any{"kind": "backup"}}}}
	sec := regulation("reg-security", "security", "S-1", section("身份认证"))
	bak := regulation("reg-backup", "backup", "B-1", section("备份策略"))
	res := assess(t, s, r, docs(t, s, map[string]string{"content/regulations/reg-security.md": sec, "content/regulations/reg-backup.md": bak}), asOf)
	if res.Status != coverage.Met {
		t.Fatalf("backup schedule in the backup regulation: %s %s", res.Status, gapText(res))
	}
	ids := map[string]bool{}
	for _, ev := range res.Evidence {
		ids[ev.ID] = true
	}
	if !ids["reg-security"] || !ids["reg-backup"] {
		t.Errorf("evidence %+v, want both regulations", res.Evidence)
	}
	// Without the backup regulation the gap says where else it looked.
	res = assess(t, s, r, docs(t, s, map[string]string{"content/regulations/reg-security.md": sec}), asOf)
	if res.Status != coverage.Partial || len(res.Gaps) != 1 || res.Gaps[0].Key != "gap.searched-sections" {
		t.Fatalf("without the backup regulation: %s %s", res.Status, gapText(res))
	}
	if named := fmt.Sprint(res.Gaps[0].Args[2]); !strings.Contains(named, "数据备份制度") {
		t.Errorf("the gap does not name the backup regulation as searched: %s", named)
	}
}

func TestPlaceProvidesASection(t *testing.T) {
	s := set(t)
	asOf := date("2026-11-25")
	r := &schema.Requirement{ID: "1.a", Kind: schema.KindSections, Type: "regulation",
		Where: map[string]any{"kind": "training"}, Sections: []string{"induction"},
		Also: []schema.Place{{Type: "training-record", Where: map[string]any{"kind": "induction"}, Provides: []string{"induction"}}}}
	rec := func(kind string) string {
		return "+++\ntype = \"training-record\"\nid = \"t1\"\ntitle = \"培训\"\ndate = 2026-09-01\nkind = \"" + kind + "\"\n+++\n\n# 培训\n"
	}
	res := assess(t, s, r, docs(t, s, map[string]string{"content/records/training/t1.md": rec("induction")}), asOf)
	if res.Status != coverage.Met {
		t.Fatalf("an induction training record: %s %s", res.Status, gapText(res))
	}
	res = assess(t, s, r, docs(t, s, map[string]string{"content/records/training/t1.md": rec("technical")}), asOf)
	if res.Status != coverage.Missing {
		t.Fatalf("a technical training record counted as induction: %s", res.Status)
	}
	// The catalog words a record type with its kind (phrase.record-kind).
	if named := catalog(t, "zh-CN").T(res.Gaps[0].Key, res.Gaps[0].Args...); !strings.Contains(named, "培训记录（新职工信息安全教育）") {
		t.Errorf("the gap does not name the induction record: %s", named)
	}
}

func faq(id, number string, questions ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntype = \"faq\"\nid = %q\ntitle = %q\nnumber = %q\n%s+++\n\n# %s\n\n", id, id, number, inForce, id)
	for i, q := range questions {
		fmt.Fprintf(&b, "## %s\n\n第 %d 个问题的解答：请先重启电脑，仍不能解决的请拨打服务台电话。\n\n", q, i+1)
	}
	return b.String()
}

// TestCountedOnce: a copy of an FAQ and a question asked again add no
// entries.
func TestCountedOnce(t *testing.T) {
	s := set(t)
	asOf := date("2026-11-25")
	r := &schema.Requirement{ID: "1.a", Kind: schema.KindDoc, Type: "faq", MinEntries: 4}
	qs := []string{"打印机卡纸怎么办？", "密码忘了怎么办？", "网络不通怎么办？"}
	count := func(files map[string]string) int {
		res := assess(t, s, r, docs(t, s, files), asOf)
		if res.Status == coverage.Met {
			return 4
		}
		for _, g := range res.Gaps {
			if g.Key == "gap.entries" {
				return g.Args[1].(int)
			}
		}
		t.Fatalf("no entries gap: %s", gapText(res))
		return 0
	}
	one := faq("faq-a", "F-1", qs...)
	if n := count(map[string]string{"content/faq/a.md": one}); n != 3 {
		t.Errorf("one FAQ: %d entries", n)
	}
	copyOf := faq("faq-b", "F-1", qs...)
	if n := count(map[string]string{"content/faq/a.md": one, "content/faq/b.md": copyOf}); n != 3 {
		t.Errorf("with a copy (same number): %d entries, want 3", n)
	}
	again := faq("faq-c", "F-3", "打印机卡纸怎么办?", "1. 密码忘了怎么办")
	if n := count(map[string]string{"content/faq/a.md": one, "content/faq/c.md": again}); n != 3 {
		t.Errorf("with the questions asked again: %d entries, want 3", n)
	}
	more := faq("faq-d", "F-4", "显示器不亮怎么办？")
	if n := count(map[string]string{"content/faq/a.md": one, "content/faq/d.md": more}); n != 4 {
		t.Errorf("with a new question: %d entries, want 4", n)
	}
}
