package dedup

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"guifan/generator/model"
)

// hashesSlow is appendHashes as first written, ranging over a string and
// asking the Unicode tables about every rune.
func hashesSlow(text string) []uint64 {
	var hs []uint64
	var rs []rune
	for _, r := range text {
		if r < 0x80 {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || strings.IndexByte("#*-|>_`", byte(r)) >= 0 {
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else if unicode.IsSpace(r) {
			continue
		} else {
			r = unicode.ToLower(r)
		}
		rs = append(rs, r)
	}
	if len(rs) < MinBodyRunes {
		return hs
	}
	for i := 0; i+ShingleRunes <= len(rs); i++ {
		h := uint64(ShingleRunes)
		for _, r := range rs[i : i+ShingleRunes] {
			h = (h ^ uint64(r)) * 0x100000001B3
		}
		hs = append(hs, mix(h))
	}
	return hs
}

func TestHashesSameAsSlow(t *testing.T) {
	t.Parallel()
	pieces := []string{"信息", "安全", "。", "，", "ＡＢ", "Ab", " ", "\u3000", "\u00a0", "#", "| ", "\xff", "\xe4\xbf", "Σ", "İ", "😀", "\n"}
	rng := rand.New(rand.NewPCG(14, 3))
	for range 20000 {
		var b strings.Builder
		for range 20 + rng.IntN(60) {
			if rng.IntN(10) == 0 {
				b.WriteRune(rune(rng.IntN(0x2FFFF)))
				continue
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := hashes([]byte(s)), hashesSlow(s); !slices.Equal(got, want) {
			t.Fatalf("hashes(%q) differ from the rune-by-rune ones", s)
		}
	}
}

// A memo finds the same pairs as Find, however often it is asked and
// whichever documents are counted, and Keep forgets dropped documents.
func TestMemoFind(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("本制度规定信息系统的日常运行维护要求和职责分工。", 4)
	mk := func(p, body string) *model.Document {
		return &model.Document{Path: p, Type: "regulation", Body: []byte(body), Meta: map[string]any{}}
	}
	docs := []*model.Document{mk("a.md", body), mk("a-copy.md", "\n"+body), mk("b.md", strings.Repeat("应急预案的启动条件与处置流程说明。", 5))}
	all := func(*model.Document) bool { return true }
	want := Find(docs, all)
	if len(want) != 1 || want[0].Doc != docs[1] || want[0].Of != docs[0] {
		t.Fatalf("Find = %+v", want)
	}
	m := NewMemo()
	for range 2 {
		if got := m.Find(docs, all); !slices.Equal(got, want) {
			t.Errorf("Memo.Find = %+v, want %+v", got, want)
		}
	}
	if len(m.sigs) != 3 {
		t.Errorf("%d signatures remembered, want 3", len(m.sigs))
	}
	if !slices.Equal(m.sets[docs[0]], Shingles(body)) || len(m.sets) != 2 {
		t.Errorf("%d shingle sets remembered, want a.md's and its copy's", len(m.sets))
	}
	if got := m.Find(docs, func(d *model.Document) bool { return d != docs[0] }); len(got) != 0 {
		t.Errorf("without a.md: %+v", got)
	}
	m.Keep(func(d *model.Document) bool { return d != docs[1] })
	if _, ok := m.sigs[docs[1]]; ok || len(m.sigs) != 2 || len(m.sets) != 1 {
		t.Errorf("after Keep: %d signatures, %d shingle sets, a-copy kept %v", len(m.sigs), len(m.sets), ok)
	}
}
