package build

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/site"
)

// TestLiveCancel: a save that comes while the last save's rebuild runs
// stops that rebuild at its next check (here as the site's pages start):
// it returns a Result marked Canceled with no files, is not kept, and the
// newer save's rebuild is the cold build's.
func TestLiveCancel(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	l, res, err := NewLive(dir, liveOptions())
	if err != nil || res.Invalid() {
		t.Fatalf("%v %v", err, res.Diags)
	}
	faqRel := "content/faq/faq-common.md"
	faq := filepath.Join(dir, filepath.FromSlash(faqRel))
	orig, err := os.ReadFile(faq)
	if err != nil {
		t.Fatal(err)
	}
	save := func(mark string) {
		t.Helper()
		if err := os.WriteFile(faq, append(slices.Clone(orig), "\n\n"+mark+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var second func() (*Result, error)
	var stages []string
	l.opt.Progress = func(stage string) {
		stages = append(stages, stage)
		if stage == "site" && second == nil {
			// The second save, while the first's rebuild is about to
			// write the pages.
			save("取消测试二")
			second = l.Start([]string{faqRel}, nil)
		}
	}
	save("取消测试一")
	first := l.Start([]string{faqRel}, nil)
	res1, err := first()
	if err != nil {
		t.Fatal(err)
	}
	if second == nil {
		t.Fatalf("the first rebuild never reached the site (stages %v)", stages)
	}
	if !res1.Canceled || res1.Files != nil {
		t.Fatalf("the superseded rebuild: canceled %v, %d files", res1.Canceled, len(res1.Files))
	}
	l.opt.Progress = nil
	res2, err := second()
	if err != nil {
		t.Fatal(err)
	}
	if res2.Canceled {
		t.Fatal("the latest rebuild is canceled")
	}
	sameAsCold(t, "after cancel", dir, res2)
	if page := res2.Files["site/"+site.PagePath("faq-common")]; !strings.Contains(string(page), "取消测试二") {
		t.Error("the latest rebuild's page has not the latest save")
	}
	// The next update starts from the latest rebuild's site.
	save("取消测试三")
	var q Quick
	res3, err := l.Update([]string{faqRel}, func(x Quick) { q = x })
	if err != nil || res3.Canceled {
		t.Fatalf("%v, canceled %v", err, res3 != nil && res3.Canceled)
	}
	sameAsCold(t, "after the canceled one", dir, res3)
	if !strings.Contains(string(q.Files["site/"+site.PagePath("faq-common")]), "取消测试三") {
		t.Error("the quick look after a cancel has no page with the edit")
	}
}

// TestSiteStopsBetweenPages: site.Write asks Input.Stop before each
// document's page; once it says stop, the pages left are not rendered and
// Write returns site.ErrStopped.
func TestSiteStopsBetweenPages(t *testing.T) {
	t.Parallel()
	l, _ := liveExample(t)
	in := *l.in
	if len(in.Docs) < 10 {
		t.Fatalf("only %d documents", len(in.Docs))
	}
	var asked, rendered atomic.Int64
	control := in.Control
	in.Control = func(d *model.Document) []present.Item {
		rendered.Add(1)
		return control(d)
	}
	// Asked once before the first step (assets) and once before the
	// documents: stop at the third document.
	in.Stop = func() bool { return asked.Add(1) > 4 }
	_, _, err := site.Write(in)
	if !errors.Is(err, site.ErrStopped) {
		t.Fatalf("Write: %v, want site.ErrStopped", err)
	}
	if n := rendered.Load(); n == 0 || n >= int64(len(in.Docs)) {
		t.Errorf("%d of %d pages rendered before the stop", n, len(in.Docs))
	}
	// Without Stop, no check costs a page.
	in.Stop = nil
	if _, _, err := site.Write(in); err != nil {
		t.Fatal(err)
	}
}

// TestTemplatesDocPage: a document's page from layouts parsed once
// (site.Templates), used again and again, is the site's page.
func TestTemplatesDocPage(t *testing.T) {
	t.Parallel()
	l, res := liveExample(t)
	tmpl, err := site.ParseTemplates(l.in.Theme, l.in.Layouts)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		for _, d := range l.in.Docs {
			page, ok, err := tmpl.DocPage(*l.in, d.ID)
			if err != nil || !ok {
				t.Fatalf("%s: %v %v", d.ID, ok, err)
			}
			if want := res.Files["site/"+site.PagePath(d.ID)]; !bytes.Equal(page, want) {
				t.Errorf("round %d: %s: the page differs from the site's", round, d.ID)
			}
		}
	}
	if _, ok, _ := tmpl.DocPage(*l.in, "no-such-document"); ok {
		t.Error("a page of a document the input does not have")
	}
}

// TestLiveMake: the deferred outputs made from the live site (Live.Make)
// are those a cold Run with Only makes, byte for byte, after an edit too.
func TestLiveMake(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	l, res, err := NewLive(dir, liveOptions())
	if err != nil || res.Invalid() {
		t.Fatalf("%v %v", err, res.Diags)
	}
	same := func(what, kind string) {
		t.Helper()
		got, err := l.Make(kind)
		if err != nil || got.Invalid() {
			t.Fatalf("%s: Make(%s): %v %v", what, kind, err, got.Diags)
		}
		opt := Options{Goal: GoalBuild, AsOf: liveOptions().AsOf, Only: []string{kind}, InMemory: true}
		cold, err := Run(dir, opt)
		if err != nil || cold.Invalid() {
			t.Fatalf("%s: cold: %v", what, err)
		}
		if len(cold.Files) == 0 {
			t.Fatalf("%s: the cold run of %s made nothing", what, kind)
		}
		if !slices.Equal(slices.Sorted(maps.Keys(got.Files)), slices.Sorted(maps.Keys(cold.Files))) {
			t.Fatalf("%s: %s: files %v, cold %v", what, kind, slices.Sorted(maps.Keys(got.Files)), slices.Sorted(maps.Keys(cold.Files)))
		}
		for p, b := range cold.Files {
			if !bytes.Equal(got.Files[p], b) {
				t.Errorf("%s: %s differs from the cold run's", what, p)
			}
		}
	}
	same("start", "excel")
	faqRel := "content/faq/faq-common.md"
	faq := filepath.Join(dir, filepath.FromSlash(faqRel))
	orig, err := os.ReadFile(faq)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), "信息系统常见问题解答", "信息系统问答（改）", 1)
	if edited == string(orig) {
		t.Fatal("the title is not in the FAQ; update the test")
	}
	if err := os.WriteFile(faq, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Update([]string{faqRel}, nil); err != nil {
		t.Fatal(err)
	}
	same("edit", "excel")
	same("edit", "forms")
	if _, err := l.Make("nonsense"); !errors.Is(err, ErrUnknownOutput) {
		t.Errorf("Make(nonsense): %v", err)
	}
}

// TestSitePutSameFiles: a site written through Input.Put (each file handed
// over as soon as it is made, as a build does) is every file Write returns
// without it, byte for byte, and Write then returns none.
func TestSitePutSameFiles(t *testing.T) {
	t.Parallel()
	l, _ := liveExample(t)
	in := *l.in
	want, _, err := site.Write(in)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[string][]byte{}
	in.Put = func(p string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		if _, twice := got[p]; twice {
			t.Errorf("%s put twice", p)
		}
		got[p] = data
	}
	rest, _, err := site.Write(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(rest) != 0 {
		t.Errorf("Write with Put returned %d files", len(rest))
	}
	if len(got) != len(want) || len(want) < 20 {
		t.Errorf("%d files put, %d written", len(got), len(want))
	}
	for p, w := range want {
		if !bytes.Equal(got[p], w) {
			t.Errorf("%s differs when put", p)
		}
	}
}

// TextsDone comes once, when Texts has every text Write gives it: the
// texts seen then (the search index is made from them while Write goes
// on) are the texts at the end, and they include the FAQ's entries.
func TestSiteTextsDone(t *testing.T) {
	t.Parallel()
	l, _ := liveExample(t)
	in := *l.in
	in.Texts = map[string]string{}
	var seen map[string]string
	calls := 0
	in.TextsDone = func() {
		calls++
		seen = maps.Clone(in.Texts)
	}
	if _, _, err := site.Write(in); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("TextsDone called %d times", calls)
	}
	if !maps.Equal(seen, in.Texts) || len(seen) < 20 {
		t.Errorf("%d texts when done, %d at the end", len(seen), len(in.Texts))
	}
	entries := 0
	for url := range seen {
		if strings.Contains(url, "#") {
			entries++
		}
	}
	if entries == 0 {
		t.Error("no entry of an entries page (FAQ) among the texts when done")
	}
}

// liveExample is a preview of a copy of the community example, with the
// input its site's pages were written from.
func liveExample(t *testing.T) (*Live, *Result) {
	t.Helper()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	l, res, err := NewLive(dir, liveOptions())
	if err != nil || res.Invalid() || l.in == nil {
		t.Fatalf("%v %v", err, res.Diags)
	}
	return l, res
}
