package sections

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"guifan/generator/schema"
)

// normalizeSlow is normalize as first written: the letters and digits of
// schema.Normalize(s). appendLetters must keep the same.
func normalizeSlow(s string) string {
	var b strings.Builder
	for _, r := range schema.Normalize(s) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func randomLine(rng *rand.Rand) string {
	pieces := []string{
		"a", "Z", "7", " ", "\t", "\u00a0", "-", "|", "（", "）", "ＵＰＳ", "ｕ", "０", "！", "\u3000", "\ufeff",
		"。", "、", "《", "》", "々", "〇", "〡", "操作", "规程", "请填写", "待补充", "鿿", "Σ", "Ä", "İ", "Ⅻ", "²",
		"\ufffd", "\xff", "\xe6\x93", "😀", "١",
	}
	var b strings.Builder
	for range rng.IntN(14) {
		if rng.IntN(8) == 0 {
			b.WriteRune(rune(rng.IntN(0x2FFFF)))
			continue
		}
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestAppendLettersSameAsNormalize(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 2))
	for range 200000 {
		s := randomLine(rng)
		got, n := appendLetters(nil, s)
		if want := normalizeSlow(s); string(got) != want || n != utf8.RuneCountInString(want) {
			t.Fatalf("appendLetters(%q) = %q, %d, want %q", s, got, n, want)
		}
		if got, want := normalize(s), normalizeSlow(s); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
	// The shortcut: every Chinese character is a letter Normalize keeps.
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.IsLetter(r) || schema.Fold(r) != r {
			t.Fatalf("%U: letter %v, folded to %U", r, unicode.IsLetter(r), schema.Fold(r))
		}
	}
}

// normalizedList gives normalizeAll's words, and notices a list changed
// in place.
func TestNormalizedList(t *testing.T) {
	t.Parallel()
	words := []string{"请填写", "ＴＯＤＯ", "…", "待 补充"}
	nw := normalizedList(words)
	if got := strings.Join(nw.words, ","); got != "请填写,todo,待补充" {
		t.Errorf("words = %q", got)
	}
	if nw.runes[1] != 4 || nw.runes[2] != 3 {
		t.Errorf("runes = %v", nw.runes)
	}
	if again := normalizedList(words); again != nw {
		t.Error("the same list normalised twice")
	}
	words[0] = "XX"
	if got := normalizedList(words).words[0]; got != "xx" {
		t.Errorf("after a change: %q", got)
	}
}

func FuzzAppendLetters(f *testing.F) {
	f.Add("**正常反应**：指示灯常亮 ＵＰＳ")
	f.Fuzz(func(t *testing.T, s string) {
		got, n := appendLetters(nil, s)
		if want := normalizeSlow(s); string(got) != want || n != utf8.RuneCountInString(want) {
			t.Fatalf("appendLetters(%q) = %q, %d, want %q", s, got, n, want)
		}
	})
}
