package coverage_test

import (
	"io/fs"
	"strings"
	"testing"

	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/schema"
	"guifan/themes"
)

// catalog is the default theme's catalog of lang.
func catalog(t *testing.T, lang string) *i18n.Catalog {
	t.Helper()
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(theme, lang)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// A gap about records narrowed by kind names that kind: with only an
// induction training record, the emergency-training gap does not say
// "没有培训记录"; and a plan whose only drill record states no revision
// date is told so, not that it has no drill record.
func TestRecordGapsNameWhatIsMissing(t *testing.T) {
	s := set(t)
	train := &schema.Requirement{ID: "1.training", Kind: "record", Type: "training-record",
		Where: map[string]any{"kind": "emergency"}, DateField: "date", Within: "12m"}
	d := docs(t, s, map[string]string{"content/records/training/i.md": "+++\ntype = \"training-record\"\nid = \"i\"\nkind = \"induction\"\ndate = 2026-07-01\n+++\n" + someText})
	res := assess(t, s, train, d, date("2026-11-25"))
	if gapKeys(res) != "gap.no-record" {
		t.Fatalf("gaps %q, want gap.no-record", gapKeys(res))
	}
	// The catalog words the kind as records (phrase.record).
	label, _ := res.Gaps[0].Args[0].(diag.Items)
	zh := catalog(t, "zh-CN")
	if got, want := zh.T("gap.no-record", res.Gaps[0].Args...), zh.T("gap.no-record", "应急预案培训记录"); len(label.Items) != 1 || got != want {
		t.Errorf("gap names %v: %q, want %q (the kind asked for)", res.Gaps[0].Args, got, want)
	}
	en := catalog(t, "en")
	if got, want := en.T("gap.no-record", res.Gaps[0].Args...), en.T("gap.no-record", "Training record (Emergency plan)"); got != want {
		t.Errorf("in English the gap says %q, want %q", got, want)
	}

	revised := &schema.Requirement{ID: "1.revised", Kind: "record", Type: "drill-record",
		DateField: "plan_revised", Within: "12m", Per: &schema.Per{Type: "emergency-plan", Field: "plan"}}
	d = docs(t, s, map[string]string{
		"content/emergency/p.md":      strings.Replace(strings.Replace(strings.Replace(plan, "%s", "p", 1), "%s", "网络中断应急预案", 1), "effective = 2026-01-01", "effective = 2024-01-01\nversion = \"2.0\"", 1) + "\n# 网络中断应急预案\n\n" + someText,
		"content/records/drills/d.md": drill("p", "2026-06-01") + someText,
	})
	res = assess(t, s, revised, d, date("2026-11-25"))
	if gapKeys(res) != "gap.per-undated" {
		t.Errorf("gaps %q, want gap.per-undated (the drill record exists, its revision date does not)", gapKeys(res))
	}
}
