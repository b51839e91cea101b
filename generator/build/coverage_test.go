package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"guifan/generator/build"
	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/report"
	"guifan/generator/schema"
)

func load(t *testing.T, dir string) *build.Site {
	t.Helper()
	site, diags, err := build.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if diags.Errors() > 0 {
		t.Fatalf("%s has errors: %v", dir, diags)
	}
	return site
}

func assess(t *testing.T, site *build.Site, asOf model.Date) *coverage.Matrix {
	t.Helper()
	m, diags := site.Assess(asOf)
	if diags.Errors() > 0 {
		t.Fatalf("attestations: %v", diags)
	}
	return m
}

func results(m *coverage.Matrix) map[string]coverage.Result {
	out := map[string]coverage.Result{}
	for _, a := range m.Articles {
		for _, r := range a.Requirements {
			out[r.Requirement.ID] = r
		}
	}
	return out
}

// TestDemoMeetsEveryArticle: the demo hospital meets every assessable
// article as of 2026-11-25.
func TestDemoMeetsEveryArticle(t *testing.T) {
	m := assess(t, load(t, filepath.Join("..", "..")), asOf)
	for _, a := range m.Articles {
		if a.Status == coverage.Met || a.Status == coverage.Info {
			continue
		}
		for _, r := range a.Requirements {
			if r.Status != coverage.Met && r.Status != coverage.Info {
				t.Errorf("article %d, %s: %s %v", a.Article.Number, r.Requirement.ID, r.Status, r.Gaps)
			}
		}
	}
	if m.Summary.Score != 1 {
		t.Errorf("score %v, want 1", m.Summary.Score)
	}
}

// TestEvidenceIsNecessary removes the evidence of every met requirement of
// the demo hospital and checks the requirement is then no longer met: all
// of its evidence documents at once, and each one alone when it is the
// only one.
func TestEvidenceIsNecessary(t *testing.T) {
	site := load(t, filepath.Join("..", ".."))
	base := assess(t, site, asOf)
	all := site.Project.Docs
	forms := site.Forms
	defer func() { site.Project.Docs, site.Forms = all, forms }()
	without := func(ids map[string]bool) {
		site.Project.Docs = nil
		for _, d := range all {
			if !ids[d.ID] {
				site.Project.Docs = append(site.Project.Docs, d)
			}
		}
		site.Forms = map[string]*schema.Form{}
		for id, f := range forms {
			if !ids[id] {
				site.Forms[id] = f
			}
		}
	}
	checked := 0
	for id, r := range results(base) {
		if r.Status != coverage.Met || r.Attestation != nil || len(r.Evidence) == 0 {
			continue
		}
		ids := map[string]bool{}
		for _, ev := range r.Evidence {
			ids[ev.ID] = true
		}
		without(ids)
		if got := results(assess(t, site, asOf))[id]; got.Status == coverage.Met {
			t.Errorf("%s stays met without its evidence %v", id, keys(ids))
		}
		if len(ids) == 1 {
			checked++
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d removals checked; want the evidence of every met requirement", checked)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestFarFuture: in 2040 the drills, inspections and plans of 2026 no
// longer count.
func TestFarFuture(t *testing.T) {
	site := load(t, filepath.Join("..", ".."))
	m := assess(t, site, model.Date{Year: 2040, Month: 1, Day: 1})
	for id, r := range results(m) {
		q := r.Requirement
		if q.Kind == schema.KindRecord || q.Year != "" || len(q.Term) == 2 {
			if r.Status == coverage.Met {
				t.Errorf("%s is still met in 2040", id)
			}
		}
	}
}

// TestReportIsDeterministic: the same input and date give the same bytes,
// whatever order the documents were read in.
func TestReportIsDeterministic(t *testing.T) {
	site := load(t, filepath.Join("..", ".."))
	cat, err := i18n.Load(site.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	render := func() []byte {
		var b bytes.Buffer
		if err := report.Build(assess(t, site, asOf), "x", cat, report.AllDocuments()).WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := render()
	slices.Reverse(site.Project.Docs)
	if second := render(); !bytes.Equal(first, second) {
		t.Error("the report changes with the order of the documents")
	}
}

// TestCommunityGaps: the community health centre shows the gaps it was
// written to have.
func TestCommunityGaps(t *testing.T) {
	m := assess(t, load(t, filepath.Join("..", "..", "examples", "community-hospital")), asOf)
	got := results(m)
	want := map[string]coverage.Status{
		"8.members":       coverage.Partial,
		"12.posts":        coverage.Partial,
		"15.revision":     coverage.Partial,
		"17.investment":   coverage.Missing,
		"21.regulations":  coverage.Partial,
		"22.inspections":  coverage.Partial,
		"24.criteria":     coverage.Partial,
		"31.faq":          coverage.Partial,
		"35.change-scope": coverage.Missing,
		"37.procedures":   coverage.Partial,
		"38.parts":        coverage.Partial,
		"48.drills":       coverage.Missing,
		"6.organisation":  coverage.Met,
		"14.annual":       coverage.Met,
	}
	for id, status := range want {
		if got[id].Status != status {
			t.Errorf("%s: %s, want %s (gaps %v)", id, got[id].Status, status, got[id].Gaps)
		}
		if status != coverage.Met && len(got[id].Gaps) == 0 {
			t.Errorf("%s is %s without saying why", id, status)
		}
	}
	if m.Summary.Score <= 0.3 || m.Summary.Score >= 0.9 {
		t.Errorf("score %v; a centre with these gaps should be well short of 1", m.Summary.Score)
	}
}
