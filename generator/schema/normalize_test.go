package schema

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// normalizeSlow is Normalize as it was first written, rune by rune: the
// fast path must give the same result on every string.
func normalizeSlow(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		if unicode.IsSpace(r) || r == '\uFEFF' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// randomText mixes the runes Normalize treats specially with ordinary
// ones and, now and then, a byte that is not UTF-8.
func randomText(rng *rand.Rand) string {
	pieces := []string{
		"a", "Z", "q", "7", " ", "\t", "\n", "\v", "\r", "\f", "\u0085", "\u00a0", "-", "（", "）",
		"ＵＰＳ", "ｕ", "０", "！", "～", "\u3000", "\ufeff", "\u2003", "\u2028", "。", "、", "《", "》", "々", "〇",
		"操作", "规程", "鿿", "一", "Σ", "Ä", "é", "İ", "ǅ", "\ufffd", "\xff", "\xe6\x93", "\xc0", "😀", "Ⅻ",
	}
	var b strings.Builder
	for range rng.IntN(12) {
		if rng.IntN(8) == 0 {
			b.WriteRune(rune(rng.IntN(0x2FFFF)))
			continue
		}
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestNormalizeSameAsRuneByRune(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(14, 1))
	for range 200000 {
		s := randomText(rng)
		if got, want := Normalize(s), normalizeSlow(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}

// The fast path's shortcut: Chinese characters and punctuation are never
// folded.
func TestNormalizeChineseUnchanged(t *testing.T) {
	t.Parallel()
	for r := rune(0x3001); r <= 0x9FFF; r++ {
		if r > 0x303F && r < 0x4E00 {
			continue
		}
		if fold(r) != r {
			t.Fatalf("fold(%U) = %U", r, fold(r))
		}
	}
}

// Text already folded comes back as it is, without a copy.
func TestNormalizeNoCopy(t *testing.T) {
	for _, s := range []string{"", "ups操作规程", "应急预案(第三版)。", "in-force"} {
		if n := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); n != 0 {
			t.Errorf("Normalize(%q): %v allocations", s, n)
		}
	}
	if got := Normalize("ＵＰＳ 操作规程"); got != "ups操作规程" {
		t.Errorf("Normalize(ＵＰＳ 操作规程) = %q", got)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"ＵＰＳ 操作规程", "UPS操作规程", "\xff\xfe", "İstanbul\u3000", "\ufeffa"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), normalizeSlow(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}
