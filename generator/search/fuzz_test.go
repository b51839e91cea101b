package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize: any text tokenises without panic into non-empty, valid
// UTF-8 tokens taken from the normalised text, the same every time.
//
//	go test ./generator/search -run XXX -fuzz FuzzTokenize -fuzztime 20s
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"数据备份管理制度 UPS 不间断电源 GB/T 22239-2019",
		"ＨＩＳ　系统，２０２６年；Ⅻ ㈱ ﬁ",
		"かな カナ 한글 e\u0301 İ ß ǅ",
		"\xff\xfe 中\x80文 \U0001F600 \u200b\u200d",
		strings.Repeat("备", 1000) + strings.Repeat("a", 1000),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		if again := Tokens(s); !reflect.DeepEqual(toks, again) {
			t.Fatalf("Tokens(%q) gave %q, then %q", s, toks, again)
		}
		norm := Normalize(s)
		for _, tok := range toks {
			if tok == "" || !utf8.ValidString(tok) {
				t.Fatalf("Tokens(%q) has the token %q", s, tok)
			}
			if !strings.Contains(norm, tok) {
				t.Fatalf("Tokens(%q): %q is not in the normalised text %q", s, tok, norm)
			}
		}
	})
}
