package sections

import (
	"testing"

	"guifan/generator/model"
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
