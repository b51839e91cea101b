package sections

import (
	"strings"
	"testing"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// TestMemoAs: a document read as another type is the same copy each time
// (so the sections found in it are remembered), typed as asked, the
// original untouched; Keep forgets the copies of the documents it drops.
func TestMemoAs(t *testing.T) {
	t.Parallel()
	m := NewMemo()
	a := &model.Document{ID: "a", Type: "regulation"}
	b := &model.Document{ID: "b", Type: "regulation"}
	ca := m.As(a, "procedure")
	if ca == a || ca.Type != "procedure" || ca.ID != "a" || a.Type != "regulation" {
		t.Fatalf("copy %+v of %+v", ca, a)
	}
	if m.As(a, "procedure") != ca {
		t.Error("a second reading of a as a procedure is another copy: its sections would be found again")
	}
	if m.As(a, "plan") == ca {
		t.Error("one copy for two types")
	}
	cb := m.As(b, "procedure")
	m.found[memoKey{ca, nil}] = &Result{}
	m.found[memoKey{cb, nil}] = &Result{}
	m.Keep(func(d *model.Document) bool { return d == b })
	if _, ok := m.found[memoKey{ca, nil}]; ok {
		t.Error("a's copy's sections kept after a was dropped")
	}
	if _, ok := m.found[memoKey{cb, nil}]; !ok {
		t.Error("b's copy's sections dropped though b was kept")
	}
	if m.As(a, "procedure") == ca {
		t.Error("a's copy still remembered after a was dropped")
	}
	if m.As(b, "procedure") != cb {
		t.Error("b's copy forgotten though b was kept")
	}
	if (*Memo)(nil).As(a, "procedure").Type != "procedure" {
		t.Error("nil memo")
	}
}

// TestMeasureWithoutTitle: Measure reads the body as BodyWithoutTitle
// gives it (without copying it), and the memo measures a document once
// and forgets it when Keep drops it.
func TestMeasureWithoutTitle(t *testing.T) {
	t.Parallel()
	rules := schema.SectionRules{MinChars: 8, Placeholders: []string{"待补充"}}
	bodies := []string{
		"# 信息安全管理制度总则说明\n\n待补充\n",
		"# 信息安全管理制度总则说明",
		"\n# 标题\n正文一二三四五六七八九十\n",
		"正文没有标题一二三四五六七八九十",
		"## 第一章\n- 一项\n",
		"# 标题\n| 甲 | 乙 |\n|---|---|\n| 一 | 二 |",
	}
	for _, body := range bodies {
		for _, bodyLine := range []int{1, 5} {
			d := &model.Document{Body: []byte(body), BodyLine: bodyLine, Format: "markdown"}
			for i, l := range strings.Split(body, "\n") {
				if h := strings.TrimLeft(l, "#"); h != l {
					d.Headings = append(d.Headings, model.Heading{Level: len(l) - len(h), Text: strings.TrimSpace(h), Line: bodyLine + i})
				}
			}
			lines := strings.Split(string(d.BodyWithoutTitle()), "\n")
			want := measure(lines, 0, len(lines), rules.MinCharsOf(nil), rules)
			if got := Measure(d, rules); got != want {
				t.Errorf("Measure(%q) = %+v, want %+v", body, got, want)
			}
			m := NewMemo()
			if got := m.Measure(d, rules); got != want {
				t.Errorf("Memo.Measure(%q) = %+v, want %+v", body, got, want)
			}
			if _, ok := m.measured[d]; !ok {
				t.Errorf("%q not remembered", body)
			}
			m.Keep(func(*model.Document) bool { return false })
			if _, ok := m.measured[d]; ok {
				t.Errorf("%q remembered after Keep dropped it", body)
			}
		}
	}
	if !(*Memo)(nil).Measure(&model.Document{Body: []byte("正文一二三四五六七八九十")}, rules).Real {
		t.Error("nil memo")
	}
}
