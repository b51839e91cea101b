package card_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/card"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/present"
)

var asOf = model.Date{Year: 2026, Month: 11, Day: 25}

// demo loads the demo site and returns the card input of its documents.
func demo(t *testing.T) (*build.Site, card.Input) {
	t.Helper()
	s, diags, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	diags.Append(s.Check(asOf))
	if diags.Errors() > 0 {
		t.Fatalf("demo content has errors: %+v", diags)
	}
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	p := &present.Presenter{Schemas: s.Schemas, Catalog: cat}
	return s, card.Input{Schemas: s.Schemas, Present: p, T: cat.T, Docs: s.Project.Docs, AsOf: asOf, Contact: s.Project.Hospital.Contact}
}

// Every demo plan's card comes from its data: the most severe level first
// with its time, the service desk's numbers, the steps in the order they
// go to paper, and its first actions; a plan in force has no banner.
func TestDemoCards(t *testing.T) {
	t.Parallel()
	s, in := demo(t)
	n := 0
	for _, d := range s.Project.Docs {
		c := card.For(d, in)
		if (c != nil) != (d.Type == "emergency-plan") {
			t.Errorf("%s (%s): card %v", d.ID, d.Type, c != nil)
		}
		if c == nil {
			continue
		}
		n++
		if c.Banner != "" {
			t.Errorf("%s is in force but has banner %q", d.ID, c.Banner)
		}
		if len(c.Levels) != 3 || !strings.Contains(c.Levels[0].Name, "一级") || !strings.HasSuffix(c.Levels[0].Within, "分钟内") {
			t.Errorf("%s: levels %+v", d.ID, c.Levels)
		}
		if len(c.Calls) == 0 || !slices.Contains(c.Calls[0].Numbers, "8000") {
			t.Errorf("%s: calls %+v", d.ID, c.Calls)
		}
		if len(c.Fallback) == 0 {
			t.Errorf("%s: no fallback steps", d.ID)
		}
		if len(c.First) < 3 {
			t.Errorf("%s: first actions %q", d.ID, c.First)
		}
		if c.Labels.Card != "应急处置卡" {
			t.Errorf("%s: card label %q", d.ID, c.Labels.Card)
		}
	}
	if n != 4 {
		t.Errorf("%d demo plans have cards, want 4", n)
	}
}

// A card made from a prepared input (card.Prepare, whom to call worked out
// once for a whole site) is the card made without; and a card's calls are
// its own, so changing one card leaves the next one alone.
func TestPrepared(t *testing.T) {
	t.Parallel()
	s, in := demo(t)
	prepared := card.Prepare(in)
	n := 0
	for _, d := range s.Project.Docs {
		want, got := card.For(d, in), card.For(d, prepared)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: prepared card\n%+v\nwant\n%+v", d.ID, got, want)
		}
		if got != nil {
			n++
			got.Calls[0] = card.Call{Who: "changed"}
		}
	}
	if n == 0 {
		t.Fatal("no cards")
	}
}

// A plan's banner follows model.Control.Stage: a draft, one not yet in
// force and a retired one each say so; one in force says nothing.
func TestBanner(t *testing.T) {
	t.Parallel()
	_, in := demo(t)
	base := model.Control{Status: model.StatusInForce, ApprovedBy: "院长办公会", ApprovedOn: model.Date{Year: 2026, Month: 1, Day: 1}, Effective: model.Date{Year: 2026, Month: 1, Day: 2}}
	for _, c := range []struct {
		edit func(*model.Control)
		want string
	}{
		{func(*model.Control) {}, ""},
		{func(c *model.Control) { c.Status = model.StatusDraft }, "草稿"},
		{func(c *model.Control) { c.Effective = model.Date{Year: 2027, Month: 3, Day: 1} }, "2027年3月1日"},
		{func(c *model.Control) { c.Status = model.StatusRetired }, "已废止"},
		{func(c *model.Control) { c.ApprovedBy = "" }, "未完成审批"},
	} {
		ctl := base
		c.edit(&ctl)
		d := &model.Document{Control: ctl}
		got := card.Banner(d, asOf, in.T)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("stage %v: banner %q, want one with %q", ctl.Stage(asOf), got, c.want)
		}
		// The word for lists is there exactly when the banner is.
		if mark := card.Mark(d, asOf, in.T); (mark == "") != (got == "") || len(mark) >= len(got) && got != "" {
			t.Errorf("stage %v: mark %q with banner %q", ctl.Stage(asOf), mark, got)
		}
	}
}
