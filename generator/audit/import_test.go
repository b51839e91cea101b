package audit

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

// catalog makes a catalog of one language from TOML text.
func catalog(t *testing.T, lang, text string) *i18n.Catalog {
	t.Helper()
	fsys := fstest.MapFS{"i18n/" + i18n.Default + ".toml": {}, "i18n/" + lang + ".toml": {Data: []byte(text)}}
	c, err := i18n.Load(fsys, lang)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestParseVerdictWords: the ids, both built-in catalogs' words and their
// further words are verdicts; a site's catalog adds its own words (a theme
// that renames 满足), which are understood only when passed in.
func TestParseVerdictWords(t *testing.T) {
	t.Parallel()
	for word, want := range map[string]coverage.Status{
		"met": coverage.Met, " MET ": coverage.Met, "not_applicable": coverage.NotApplicable,
		"满足": coverage.Met, "部分满足": coverage.Partial, "不满足": coverage.Missing, "不适用": coverage.NotApplicable,
		"符合": coverage.Met, "部分符合": coverage.Partial, "不符合": coverage.Missing,
		"partial": coverage.Partial, "Not applicable": coverage.NotApplicable, "n/a": coverage.NotApplicable,
	} {
		if got, ok := ParseVerdict(word); !ok || got != want {
			t.Errorf("ParseVerdict(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
	for _, word := range []string{"", "ok", "manual", "info", "待审核员确认", "达标"} {
		if got, ok := ParseVerdict(word); ok {
			t.Errorf("ParseVerdict(%q) = %q, want no verdict", word, got)
		}
	}
	site := VerdictWords(catalog(t, "zh-CN", `[status]
met = "达标"
partial = "基本达标"
[audit.verdict-also]
missing = "未达标|没有"
`))
	for word, want := range map[string]coverage.Status{
		"达标": coverage.Met, "基本达标": coverage.Partial, "未达标": coverage.Missing, "没有": coverage.Missing,
		"满足": coverage.Met, "met": coverage.Met,
	} {
		if got, ok := ParseVerdict(word, site); !ok || got != want {
			t.Errorf("ParseVerdict(%q, site) = %q, %v; want %q", word, got, ok, want)
		}
	}
	if _, ok := ParseVerdict("达标"); ok {
		t.Error("a site's word is understood without the site's words")
	}
	// A catalog's word never overrides an id.
	odd := VerdictWords(catalog(t, "en", `[status]
partial = "met"
`))
	if got, _ := ParseVerdict("met", odd); got != coverage.Met {
		t.Errorf("met with a catalog calling partial \"met\": %q", got)
	}
}

// TestVerdictWordsFromBuiltinCatalogs: the built-in words come from the
// catalogs (every language the theme has), not from a list in Go.
func TestVerdictWordsFromBuiltinCatalogs(t *testing.T) {
	t.Parallel()
	w := builtin()
	for _, s := range Given {
		found := 0
		for _, v := range w.words {
			if v == s {
				found++
			}
		}
		if found < 2 {
			t.Errorf("%s has %d built-in words, want one per language at least", s, found)
		}
	}
}

// input is an import of rows into handWritten (26.practice met, 34.archive
// not applicable) as of asOf.
func input(rows ...Row) Input {
	return Input{
		Workbook: "审核清单.xlsx", Sheet: "checklist", Rows: rows, Framework: framework,
		Existing: []byte(handWritten), AsOf: asOf, Header: "审核确认记录",
	}
}

// TestImportRowProblems: every bad row is reported at once, at
// workbook:sheet:row, and nothing is imported.
func TestImportRowProblems(t *testing.T) {
	t.Parallel()
	in := input(
		Row{Row: 5, Requirement: "26.practice", Verdict: "满足", Auditor: "周宏", Date: "2026-11-12"}, // fine
		Row{Row: 6, Requirement: "99.nothing", Verdict: "满足", Auditor: "周宏"},
		Row{Row: 7, Requirement: "40.practice", Verdict: "很好", Auditor: "周宏"},
		Row{Row: 8, Requirement: "40.practice", Verdict: "满足"},
		Row{Row: 9, Requirement: "40.practice", Verdict: "满足", Auditor: "周宏", RawDate: "1900-01-02"},
		Row{Row: 10, Requirement: "45.drill", Verdict: "不适用", Auditor: "周宏", Note: "  "},
		Row{Row: 11, Requirement: "45.drill", Verdict: "满足", Auditor: "周\uFFFD", Invalid: "auditor"},
		Row{Row: 12, Requirement: "45.drill", Note: "只有意见，没有结论"}, // changes nothing
	)
	res, diags, err := Import(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		row  int
		code string
	}{{6, "audit.unknown-requirement"}, {7, "audit.bad-verdict"}, {8, "audit.no-auditor"}, {9, "audit.bad-date"}, {10, "audit.no-justification"}, {11, "audit.bad-text"}}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics %v, want %d", diags, len(want))
	}
	for i, w := range want {
		d := diags[i]
		if d.Pos != (diag.Pos{File: "审核清单.xlsx", Sheet: "checklist", Line: w.row}) || d.Code != w.code || d.Severity != diag.Error || d.Args[0] != w.row {
			t.Errorf("diagnostic %d: %+v, want %s at row %d", i, d, w.code, w.row)
		}
	}
	if res == nil || res.BadRows != len(want) || res.Text != nil || res.Changes != nil {
		t.Errorf("result %+v, want %d bad rows and nothing imported", res, len(want))
	}
	if got := diags[3].Args[2]; got != "1900-01-02" {
		t.Errorf("the bad date is shown as %v", got)
	}
	if got := diags[5].Args[2]; got != diag.Key("excel.col.auditor") {
		t.Errorf("the column of bad text is %v", got)
	}
}

// TestImportMerges: a changed verdict is edited in place, a new row is
// appended with the import's date, a row with the existing words is kept
// as it is, and a default auditor fills rows without one.
func TestImportMerges(t *testing.T) {
	t.Parallel()
	existing := parse(t, handWritten)
	in := input(
		Row{Row: 5, Requirement: "26.practice", Verdict: "部分满足", Note: existing[0].Note, Auditor: "周宏", Date: "2026-11-12"},
		Row{Row: 6, Requirement: "34.archive", Verdict: "不适用", Note: "无单独房间。", Auditor: "周宏", Date: "2026-11-12"},
		Row{Row: 7, Requirement: "40.practice", Verdict: "不满足", Note: "升级未通知。"},
	)
	in.Auditor = "郑文静"
	res, diags, err := Import(in)
	if err != nil || len(diags) > 0 {
		t.Fatalf("import: %v %v", err, diags)
	}
	kinds := map[string]string{}
	for _, c := range res.Changes {
		kinds[c.Requirement] = string(c.Kind)
	}
	if kinds["26.practice"] != "changed" || kinds["34.archive"] != "unchanged" || kinds["40.practice"] != "added" || res.Changed != 2 {
		t.Errorf("changes %v, %d changed", kinds, res.Changed)
	}
	want := strings.Replace(handWritten, `verdict = "满足"   # 现场抽查`, `verdict = "partial"   # 现场抽查`, 1) + `
[[attestations]]
requirement = "40.practice"
verdict = "missing"
auditor = "郑文静"
date = 2026-11-25
note = "升级未通知。"
`
	if string(res.Text) != want {
		t.Errorf("file after import:\n%s\nwant:\n%s", res.Text, want)
	}
	if res.Rewritten {
		t.Error("an editable file was rewritten")
	}
	// The same rows imported again into the new text change nothing.
	in.Existing = res.Text
	again, diags, err := Import(in)
	if err != nil || len(diags) > 0 || again.Changed != 0 || again.Text != nil {
		t.Errorf("importing again: %v %v %+v", err, diags, again)
	}
}

// TestImportSameDateSameBytes: the import reads no clock; the same rows
// and date give the same text, and another date another.
func TestImportSameDateSameBytes(t *testing.T) {
	t.Parallel()
	rows := []Row{{Row: 7, Requirement: "40.practice", Verdict: "满足", Auditor: "郑文静"}, {Row: 8, Requirement: "45.drill", Verdict: "部分满足", Auditor: "郑文静"}}
	texts := map[model.Date][]byte{}
	for _, d := range []model.Date{asOf, asOf, {Year: 2026, Month: 12, Day: 1}} {
		in := input(rows...)
		in.Existing, in.AsOf = nil, d
		res, diags, err := Import(in)
		if err != nil || len(diags) > 0 {
			t.Fatalf("import: %v %v", err, diags)
		}
		if prev, ok := texts[d]; ok && !bytes.Equal(prev, res.Text) {
			t.Errorf("two imports as of %s differ:\n%s\n%s", d, prev, res.Text)
		}
		texts[d] = res.Text
		if !strings.HasPrefix(string(res.Text), "# 审核确认记录\n") || !strings.Contains(string(res.Text), "date = "+d.String()) {
			t.Errorf("as of %s:\n%s", d, res.Text)
		}
	}
	if bytes.Equal(texts[asOf], texts[model.Date{Year: 2026, Month: 12, Day: 1}]) {
		t.Error("the date does not reach the file")
	}
	if _, _, err := Import(Input{Framework: framework}); err == nil {
		t.Error("an import without a date was accepted")
	}
}

// TestImportSiteWords: a workbook of a site whose theme renames the
// verdicts imports with the site's words, and the file gets the ids.
func TestImportSiteWords(t *testing.T) {
	t.Parallel()
	in := input(Row{Row: 7, Requirement: "40.practice", Verdict: "达标", Auditor: "郑文静"})
	if _, diags, _ := Import(in); len(diags) != 1 || diags[0].Code != "audit.bad-verdict" {
		t.Fatalf("达标 without the site's words: %v", diags)
	}
	in.Words = VerdictWords(catalog(t, "zh-CN", "[status]\nmet = \"达标\"\n"))
	res, diags, err := Import(in)
	if err != nil || len(diags) > 0 || !strings.Contains(string(res.Text), "requirement = \"40.practice\"\nverdict = \"met\"\n") {
		t.Errorf("达标 with the site's words: %v %v\n%s", err, diags, res.Text)
	}
}

// TestImportBrokenFile: an attestations file with errors is reported at
// the file, and the rows are not looked at.
func TestImportBrokenFile(t *testing.T) {
	t.Parallel()
	in := input(Row{Row: 7, Requirement: "99.nothing", Verdict: "满足", Auditor: "郑文静"})
	in.Existing = []byte("[[attestations]]\nrequirement = \"26.practice\"\nverdict = \"maybe\"\nauditor = \"周宏\"\ndate = 2026-11-12\n")
	res, diags, err := Import(in)
	if err != nil || res != nil || len(diags) != 1 || diags[0].Code != "attest.verdict" || diags[0].Pos.File != File || diags[0].Pos.Line != 3 {
		t.Errorf("a broken file: %v %+v %v", err, res, diags)
	}
}

// TestMergeKinds: Merge reports added, changed, unchanged and kept, keeps
// entries the workbook did not list, and orders by article number.
func TestMergeKinds(t *testing.T) {
	t.Parallel()
	d := model.Date{Year: 2026, Month: 11, Day: 1}
	a := func(req string, v coverage.Status) coverage.Attestation {
		return coverage.Attestation{Requirement: req, Verdict: v, Auditor: "周宏", Date: d}
	}
	existing := []coverage.Attestation{a("100.x", coverage.Met), a("9.b", coverage.Met), a("26.practice", coverage.Partial), a("40.practice", coverage.Missing)}
	incoming := []coverage.Attestation{a("26.practice", coverage.Met), a("9.b", coverage.Met), a("45.drill", coverage.Missing)}
	merged, changes := Merge(existing, incoming, map[string]bool{"40.practice": true, "26.practice": true, "9.b": true, "45.drill": true})
	var got []string
	for _, c := range changes {
		got = append(got, c.Requirement+":"+string(c.Kind))
	}
	if strings.Join(got, " ") != "9.b:unchanged 26.practice:changed 40.practice:kept 45.drill:added" {
		t.Errorf("changes: %v", got)
	}
	got = nil
	for _, m := range merged {
		got = append(got, fmt.Sprint(m.Requirement, "=", m.Verdict))
	}
	if strings.Join(got, " ") != "9.b=met 26.practice=met 40.practice=missing 45.drill=missing 100.x=met" {
		t.Errorf("merged: %v", got)
	}
}

// TestWriteRoundTrip: a new file and an edited one read back as the
// attestations written, with Parse.
func TestWriteRoundTrip(t *testing.T) {
	t.Parallel()
	atts := []coverage.Attestation{
		Incoming("26.practice", coverage.Partial, "抽查 25 条。\n两次无人接听。", "周宏", asOf),
		Incoming("34.archive", coverage.NotApplicable, "无单独房间。", "周宏", asOf),
	}
	for _, old := range [][]byte{nil, []byte(handWritten), []byte("attestations = []\n")} {
		out, rewritten, err := Write(old, "审核确认记录\n第二行", atts)
		if err != nil {
			t.Fatalf("Write(%q): %v", old, err)
		}
		if (old != nil && bytes.HasPrefix(old, []byte("attestations ="))) != rewritten {
			t.Errorf("Write(%q): rewritten %v", old, rewritten)
		}
		got := parse(t, string(out))
		if len(got) != 2 {
			t.Fatalf("read back %d entries:\n%s", len(got), out)
		}
		for i := range atts {
			if !same(got[i], atts[i]) {
				t.Errorf("entry %d reads back as %+v, want %+v", i, got[i], atts[i])
			}
		}
		if old == nil && !strings.HasPrefix(string(out), "# 审核确认记录\n# 第二行\n") {
			t.Errorf("a new file has no header:\n%s", out)
		}
	}
}
