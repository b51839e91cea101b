package content

import (
	"reflect"
	"testing"
	"testing/fstest"

	"guifan/generator/model"
)

// TestControl: Load fills each document's Control once, aliases resolved,
// the type's classification applied, never public by accident.
func TestControl(t *testing.T) {
	t.Parallel()
	set := builtin(t)
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		// Aliases: 现行, 公开; every field read.
		"content/regulations/a.md": file("+++\ntitle = \"甲\"\nkind = \"backup\"\nnumber = \"XX-01\"\nversion = \"1.0\"\nstatus = \"现行\"\n" +
			"effective = 2026-02-01\napproved_by = \"院长办公会\"\napproved_on = \"2026-1-10\"\nowner = \"信息科\"\nreview_by = 2027-02-01\n" +
			"retired_on = 9999-12-31\nclassification = \"公开\"\narticles = [5, \"x\", 7]\nkeywords = [\"备份\", \"恢复\"]\nsupersedes = \"old\"\nrelated = [\"b\"]\n+++\n# 甲\n"),
		// Aliases 废止, 机密; a date that is no date.
		"content/regulations/b.md": file("+++\ntitle = \"乙\"\nkind = \"backup\"\nstatus = \"已废止\"\nclassification = \"机密\"\neffective = \"soon\"\narticles = 9\n+++\n# 乙\n"),
		// No classification: the type's default (faq: public).
		"content/faq/c.md": file("+++\ntitle = \"丙\"\nstatus = \"draft\"\n+++\n# 丙\n"),
		// An unknown classification on a public type, an unknown status:
		// internal (a misspelt restriction must not publish), no status.
		"content/faq/d.md": file("+++\ntitle = \"丁\"\nstatus = \"half-done\"\nclassification = \"everyone\"\n+++\n# 丁\n"),
		// A record without status: in force; the type's default internal.
		"content/records/drills/e.md": file("+++\ntitle = \"戊\"\ndate = 2026-03-01\n+++\n# 戊\n"),
		// A record that says it is a draft.
		"content/records/drills/f.md": file("+++\ntitle = \"己\"\nstatus = \"草稿\"\n+++\n# 己\n"),
	}
	docs, _, _ := Load(fsys, set)
	got := map[string]model.Control{}
	for _, d := range docs {
		got[d.ID] = d.Control
	}
	want := map[string]model.Control{
		"a": {Number: "XX-01", Version: "1.0", Status: model.StatusInForce,
			Effective: date(t, "2026-02-01"), ApprovedOn: date(t, "2026-01-10"), ReviewBy: date(t, "2027-02-01"), RetiredOn: date(t, "9999-12-31"),
			ApprovedBy: "院长办公会", Owner: "信息科", Classification: model.Public,
			Articles: []int{5, 7}, Keywords: []string{"备份", "恢复"}, Supersedes: []string{"old"}, Related: []string{"b"}},
		"b": {Status: model.StatusRetired, Classification: model.Confidential, Articles: []int{9}},
		"c": {Status: model.StatusDraft, Classification: model.Public},
		"d": {Classification: model.Internal},
		"e": {Status: model.StatusInForce, Classification: model.Internal, Record: true},
		"f": {Status: model.StatusDraft, Classification: model.Internal, Record: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d documents, want %d", len(got), len(want))
	}
	for id, w := range want {
		if !reflect.DeepEqual(got[id], w) {
			t.Errorf("%s:\n got %+v\nwant %+v", id, got[id], w)
		}
	}
	if !got["a"].InForce(date(t, "2026-11-25")) || got["a"].InForce(date(t, "2026-01-31")) {
		t.Error("a: in force from 2026-02-01")
	}
	if got["c"].Public() == false || got["d"].Public() || got["e"].Public() {
		t.Error("public: only c (type default)")
	}
}

func date(t *testing.T, s string) model.Date {
	t.Helper()
	d, ok := model.ParseDate(s)
	if !ok {
		t.Fatalf("bad date %q", s)
	}
	return d
}
