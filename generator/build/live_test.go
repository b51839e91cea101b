package build

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guifan/generator/model"
	"guifan/generator/site"
)

// liveOptions are the preview's: the site in memory, the heavy outputs
// deferred.
func liveOptions() Options {
	return Options{Goal: GoalBuild, AsOf: model.Date{Year: 2026, Month: 11, Day: 25},
		Only: []string{"site"}, Defer: []string{"pdf", "excel", "forms"}, InMemory: true}
}

// sameAsCold fails the test unless res is what a cold Run of dir gives:
// the same diagnostics and every file byte for byte.
func sameAsCold(t *testing.T, what, dir string, res *Result) {
	t.Helper()
	cold, err := Run(dir, liveOptions())
	if err != nil {
		t.Fatalf("%s: cold run: %v", what, err)
	}
	if res.Docs != cold.Docs || res.Invalid() != cold.Invalid() {
		t.Errorf("%s: %d documents, invalid %v; cold: %d, %v", what, res.Docs, res.Invalid(), cold.Docs, cold.Invalid())
	}
	if len(res.Diags) != len(cold.Diags) {
		t.Errorf("%s: %d diagnostics, cold %d:\n%v\n%v", what, len(res.Diags), len(cold.Diags), res.Diags, cold.Diags)
	} else {
		for i := range res.Diags {
			a, b := res.Diags[i], cold.Diags[i]
			if a.Pos != b.Pos || a.Code != b.Code || a.Severity != b.Severity || len(a.Args) != len(b.Args) {
				t.Errorf("%s: diagnostic %d: %+v, cold %+v", what, i, a, b)
			}
		}
	}
	if (res.Files == nil) != (cold.Files == nil) {
		t.Fatalf("%s: files %v, cold %v", what, res.Files != nil, cold.Files != nil)
	}
	for _, p := range slices.Sorted(maps.Keys(cold.Files)) {
		got, ok := res.Files[p]
		if !ok {
			t.Errorf("%s: %s missing", what, p)
		} else if !bytes.Equal(got, cold.Files[p]) {
			t.Errorf("%s: %s differs from the cold build's", what, p)
		}
	}
	for p := range res.Files {
		if _, ok := cold.Files[p]; !ok {
			t.Errorf("%s: %s is not in the cold build", what, p)
		}
	}
}

// TestLiveMatchesCold: after each change (an edit of a body, of a title,
// a new document, a renamed one, a deleted one, a broken edit and its
// fix, a change to hospital.toml), the live site's result is the cold
// build's, every file byte for byte; the quick look gives the saved
// page, or the problems of a broken save.
func TestLiveMatchesCold(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	l, res, err := NewLive(dir, liveOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Invalid() || len(res.Files) == 0 {
		t.Fatalf("the example does not build: %v", res.Diags)
	}
	sameAsCold(t, "start", dir, res)

	faqRel := "content/faq/faq-common.md"
	faq := filepath.Join(dir, filepath.FromSlash(faqRel))
	orig, err := os.ReadFile(faq)
	if err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(rel string) {
		t.Helper()
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	replace := func(s, old, new string) string {
		t.Helper()
		out := strings.Replace(s, old, new, 1)
		if out == s {
			t.Fatalf("%q is not in the text; update the test", old)
		}
		return out
	}
	newDoc := func(id, number, title string) string {
		s := replace(string(orig), `id = "faq-common"`, `id = "`+id+`"`)
		s = replace(s, `number = "CYSQ-XXK-FAQ-2025-001"`, `number = "`+number+`"`)
		return strings.ReplaceAll(s, "信息系统常见问题解答", title)
	}
	type step struct {
		what    string
		change  func()
		changed []string
		invalid bool
		page    string // a page the quick look gives, with text
		text    string
	}
	page := "site/" + site.PagePath("faq-common")
	edited := replace(string(orig), "# 信息系统常见问题解答\n", "# 信息系统常见问题解答\n\n实时预览改动甲。\n")
	steps := []step{
		{what: "edit", change: func() { write(faqRel, edited) }, changed: []string{faqRel}, page: page, text: "实时预览改动甲"},
		{what: "title", change: func() {
			write(faqRel, strings.ReplaceAll(edited, "信息系统常见问题解答", "信息系统问答（改）"))
		},
			changed: []string{faqRel}, page: page, text: "信息系统问答（改）"},
		{what: "add", change: func() {
			write("content/faq/faq-live.md", newDoc("faq-live", "CYSQ-XXK-FAQ-2025-091", "实时新增问答"))
		},
			changed: []string{"content/faq/faq-live.md"}, page: "site/" + site.PagePath("faq-live"), text: "实时新增问答"},
		{what: "rename", change: func() {
			write("content/faq/faq-moved.md", newDoc("faq-moved", "CYSQ-XXK-FAQ-2025-092", "实时改名问答"))
			remove("content/faq/faq-live.md")
		}, changed: []string{"content/faq/faq-live.md", "content/faq/faq-moved.md"}, page: "site/" + site.PagePath("faq-moved"), text: "实时改名问答"},
		{what: "delete", change: func() { remove("content/faq/faq-moved.md") }, changed: []string{"content/faq/faq-moved.md"}},
		{what: "invalid", change: func() { write(faqRel, replace(edited, `status = "in_force"`, `status = "in_farce"`)) },
			changed: []string{faqRel}, invalid: true},
		{what: "fixed", change: func() { write(faqRel, replace(edited, "改动甲", "改动乙")) }, changed: []string{faqRel}, page: page, text: "实时预览改动乙"},
		{what: "hospital", change: func() {
			h, err := os.ReadFile(filepath.Join(dir, "hospital.toml"))
			if err != nil {
				t.Fatal(err)
			}
			write("hospital.toml", string(h)+"\n")
		}, changed: []string{"hospital.toml"}},
		{what: "restore", change: func() { write(faqRel, string(orig)) }, changed: []string{faqRel}, page: page, text: "信息系统常见问题解答"},
	}
	for _, st := range steps {
		st.change()
		var quick []Quick
		res, err := l.Update(st.changed, func(q Quick) { quick = append(quick, q) })
		if err != nil {
			t.Fatalf("%s: %v", st.what, err)
		}
		if res.Invalid() != st.invalid {
			t.Errorf("%s: invalid %v: %v", st.what, res.Invalid(), res.Diags)
		}
		sameAsCold(t, st.what, dir, res)
		if st.changed[0] == "hospital.toml" {
			if len(quick) != 0 {
				t.Errorf("%s: a change to the settings has a quick look", st.what)
			}
			continue
		}
		if len(quick) != 1 {
			t.Fatalf("%s: %d quick looks", st.what, len(quick))
		}
		q := quick[0]
		if st.invalid {
			if q.Problems.Errors() == 0 || q.Files != nil {
				t.Errorf("%s: quick look: %d errors, %d files", st.what, q.Problems.Errors(), len(q.Files))
			}
			continue
		}
		if q.Problems.Errors() > 0 {
			t.Errorf("%s: quick look finds errors: %v", st.what, q.Problems)
		}
		if st.what == "fixed" && !q.Settled {
			t.Errorf("%s: the fix of the only broken file does not settle the site", st.what)
		}
		if st.page == "" {
			if len(q.Files) != 0 {
				t.Errorf("%s: quick pages %v", st.what, slices.Sorted(maps.Keys(q.Files)))
			}
			continue
		}
		if !strings.Contains(string(q.Files[st.page]), st.text) {
			t.Errorf("%s: the quick look has no %s with %q (%v)", st.what, st.page, st.text, slices.Sorted(maps.Keys(q.Files)))
		}
	}

	// Overlapping saves: the second starts before the first's rebuild has
	// run, the rebuilds finish in the other order; the second's result is
	// the cold build's, and the next update starts from it.
	write(faqRel, replace(edited, "改动甲", "重叠一"))
	first := l.Start([]string{faqRel}, nil)
	write("content/faq/faq-overlap.md", newDoc("faq-overlap", "CYSQ-XXK-FAQ-2025-093", "重叠新增问答"))
	second := l.Start([]string{"content/faq/faq-overlap.md"}, nil)
	res2, err := second()
	if err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "overlap", dir, res2)
	if _, err := first(); err != nil {
		t.Fatal(err)
	}
	write(faqRel, replace(edited, "改动甲", "重叠二"))
	var q Quick
	res3, err := l.Update([]string{faqRel}, func(x Quick) { q = x })
	if err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "after overlap", dir, res3)
	if !strings.Contains(string(q.Files[page]), "实时预览重叠二") {
		t.Errorf("after overlap: the quick look has no page with the edit (%v)", slices.Sorted(maps.Keys(q.Files)))
	}
}

// TestDocPageAsWrite: the page of one document (site.DocPage) from the
// input the site was written from is the site's page, for every public
// document.
func TestDocPageAsWrite(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	l, res, err := NewLive(dir, liveOptions())
	if err != nil || res.Invalid() {
		t.Fatalf("%v %v", err, res.Diags)
	}
	if l.in == nil || len(l.in.Docs) == 0 {
		t.Fatal("the live site kept no input")
	}
	for _, d := range l.in.Docs {
		page, ok, err := site.DocPage(*l.in, d.ID)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", d.ID, ok, err)
		}
		if want := res.Files["site/"+site.PagePath(d.ID)]; !bytes.Equal(page, want) {
			t.Errorf("%s: the page differs from the site's", d.ID)
		}
	}
	if _, ok, _ := site.DocPage(*l.in, "no-such-document"); ok {
		t.Error("a page of a document the input does not have")
	}
}

// TestIsDocFile: only documents under content/ are read alone.
func TestIsDocFile(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]bool{
		"content/faq/a.md": true, "content/registers/x.toml": true, "content/a.MARKDOWN": true,
		"content/faq/.a.md": false, "content/img/a.png": false, "content/faq": false,
		"hospital.toml": false, "schemas/types/faq.toml": false, "audit/attestations.toml": false,
		"layouts/doc.html": false, "forms/x.toml": false, "themes/default/layouts/base.html": false,
	} {
		if got := isDocFile(p); got != want {
			t.Errorf("isDocFile(%q) = %v, want %v", p, got, want)
		}
	}
}
