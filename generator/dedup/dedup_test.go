package dedup_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode"

	"guifan/generator/dedup"
	"guifan/generator/model"
)

func doc(path, typ, number, body string) *model.Document {
	meta := map[string]any{"status": "in_force"}
	if number != "" {
		meta["number"] = number
	}
	return &model.Document{Path: path, Type: typ, Meta: meta, Body: []byte(body)}
}

func all(*model.Document) bool { return true }

// text makes a paragraph of n pseudo-random Chinese characters.
func text(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(rune(0x4E00 + r.Intn(3000)))
		if i%40 == 39 {
			b.WriteString("。\n\n")
		}
	}
	return b.String()
}

func TestSameNumber(t *testing.T) {
	a := doc("content/regulations/a.md", "regulation", "BJ-001", "甲")
	b := doc("content/regulations/b.md", "regulation", "bj-001 ", "乙")
	c := doc("content/procedures/c.md", "procedure", "BJ-001", "丙") // another type: not a copy
	got := dedup.Find([]*model.Document{b, c, a}, all)
	if len(got) != 1 || got[0].Doc != b || got[0].Of != a || got[0].Why != dedup.SameNumber {
		t.Fatalf("got %+v", got)
	}
}

func TestNearIdenticalBodies(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	body := text(r, 2000)
	edited := strings.Replace(body, body[30:60], "修改了一小处", 1) // a small edit
	rewrapped := strings.ReplaceAll(body, "。\n\n", "。\n")
	other := text(r, 2000)
	docs := []*model.Document{
		doc("content/regulations/a.md", "regulation", "", body),
		doc("content/regulations/b.md", "regulation", "", edited),
		doc("content/regulations/c.md", "regulation", "", rewrapped),
		doc("content/regulations/d.md", "regulation", "", other),
		doc("content/procedures/e.md", "procedure", "", body), // another type
	}
	got := dedup.Find(docs, all)
	want := map[string]bool{"content/regulations/b.md": true, "content/regulations/c.md": true}
	if len(got) != len(want) {
		t.Fatalf("got %d pairs, want %d: %+v", len(got), len(want), got)
	}
	for _, p := range got {
		if !want[p.Doc.Path] || p.Of.Path != "content/regulations/a.md" || p.Why != dedup.SameBody || p.Similarity < dedup.Threshold {
			t.Errorf("unexpected pair %s of %s (%v, %.2f)", p.Doc.Path, p.Of.Path, p.Why, p.Similarity)
		}
	}
}

func TestHalfTheSameIsNotACopy(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	shared := text(r, 1000)
	a := doc("content/regulations/a.md", "regulation", "", shared+text(r, 1000))
	b := doc("content/regulations/b.md", "regulation", "", shared+text(r, 1000))
	if got := dedup.Find([]*model.Document{a, b}, all); len(got) != 0 {
		t.Fatalf("documents sharing half their text reported as copies: %+v", got)
	}
}

func TestShortAndSkippedBodies(t *testing.T) {
	short := "# 标题\n\n## 一、目的\n\n"
	a := doc("content/regulations/a.md", "regulation", "", short)
	b := doc("content/regulations/b.md", "regulation", "", short)
	if got := dedup.Find([]*model.Document{a, b}, all); len(got) != 0 {
		t.Fatalf("short bodies reported: %+v", got)
	}
	r := rand.New(rand.NewSource(3))
	body := text(r, 500)
	c := doc("content/regulations/c.md", "regulation", "X-1", body)
	d := doc("content/regulations/d.md", "regulation", "X-1", body)
	d.Meta["status"] = "retired"
	skip := func(d *model.Document) bool { return d.String("status") != "retired" }
	if got := dedup.Find([]*model.Document{c, d}, skip); len(got) != 0 {
		t.Fatalf("a retired old version reported: %+v", got)
	}
}

func TestQuestion(t *testing.T) {
	same := []string{"系统密码忘了怎么办？", "系统密码忘了怎么办?", "1. 系统密码忘了怎么办", "问：系统 密码忘了怎么办？", "Q: 系统密码忘了怎么办"}
	for _, q := range same[1:] {
		if dedup.Question(q) != dedup.Question(same[0]) {
			t.Errorf("%q and %q differ: %q, %q", q, same[0], dedup.Question(q), dedup.Question(same[0]))
		}
	}
	if dedup.Question("打印机卡纸怎么办？") == dedup.Question("打印机缺纸怎么办？") {
		t.Error("different questions compare equal")
	}
}

// TestTenThousand: 10,000 documents of 2,000 characters, 50 of them
// copies, are compared in well under the time a full pairwise comparison
// would take, and every copy is found.
func TestTenThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	r := rand.New(rand.NewSource(4))
	var docs []*model.Document
	for i := 0; i < 9950; i++ {
		docs = append(docs, doc(fmt.Sprintf("content/regulations/r%05d.md", i), "regulation", "", text(r, 2000)))
	}
	for i := 0; i < 50; i++ {
		src := docs[i*97]
		docs = append(docs, doc(fmt.Sprintf("content/regulations/z%05d.md", i), "regulation", "", string(src.Body)+"补充一句。"))
	}
	start := time.Now()
	got := dedup.Find(docs, all)
	took := time.Since(start)
	t.Logf("10,000 documents: %v, %d copies", took, len(got))
	if len(got) != 50 {
		t.Errorf("found %d copies, want 50", len(got))
	}
	if took > 10*time.Second {
		t.Errorf("took %v", took)
	}
}

// appendHashes takes Chinese characters and punctuation as they are:
// none is a space or changes case.
func TestHanShortcut(t *testing.T) {
	t.Parallel()
	for r := rune(0x3001); r <= 0x9FFF; r++ {
		if r > 0x303F && r < 0x4E00 {
			continue
		}
		if unicode.IsSpace(r) || unicode.ToLower(r) != r {
			t.Fatalf("%U: space %v, lower %U", r, unicode.IsSpace(r), unicode.ToLower(r))
		}
	}
}
