package search_test

import (
	"bytes"
	"maps"
	"os"
	"reflect"
	"slices"
	"testing"

	"guifan/generator/internal/synth"
	"guifan/generator/search"
)

// themeSynonyms are the default theme's synonyms, as the build reads them.
func themeSynonyms(t testing.TB) search.Synonyms {
	b, err := os.ReadFile("../../themes/default/search/synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	syn := search.ParseSynonyms(string(b))
	if len(syn) == 0 {
		t.Fatal("no synonyms in the theme")
	}
	return syn
}

// TestBuildSameAsReference: Build makes the same index, file for file and
// byte for byte, as the build before issue 14 (reference_test.go), with
// and without synonyms, over synthetic entries and ones that use the
// synonyms, repeat words and mix scripts.
func TestBuildSameAsReference(t *testing.T) {
	t.Parallel()
	entries := synth.Entries(3000, 7)
	entries = append(entries,
		search.Entry{Doc: "u", Title: "UPS 不间断电源", Body: "UPS UPS ups 不间断电源 巡检 ＵＰＳ 15分钟 GB/T 22239-2019 第3条 备", Headings: []string{"一、范围", "UPS"}, Keywords: []string{"HIS", "his很慢"}},
		search.Entry{Doc: "e"},
		search.Entry{Doc: "x", Title: "かな カナ 한국어 ÄÖÜ ﬁ ①", Body: "\xff\xfe 无效字节 ﹏"},
		// Characters that combine, at the edges of fields.
		search.Entry{Doc: "y", Title: "Cafe\u0301 ᄀ", Headings: []string{"\u0301UPS", "ᅡ"}, Keywords: []string{"\u0308", "ups\u0301"}, Body: "\u0301不间断电源 e\u0301 ﾞ"},
	)
	labels := map[string]string{"regulation": "规章制度", "form": "表单"}
	for _, syn := range []search.Synonyms{nil, themeSynonyms(t)} {
		got, want := search.Build(entries, syn), search.ReferenceBuild(entries, syn)
		if !reflect.DeepEqual(got.DF, want.DF) || !reflect.DeepEqual(got.Postings, want.Postings) || got.Shards != want.Shards {
			t.Fatalf("synonyms %d: postings differ from the reference", len(syn))
		}
		gf, wf := got.Files(labels), want.Files(labels)
		if !slices.Equal(slices.Sorted(maps.Keys(gf)), slices.Sorted(maps.Keys(wf))) {
			t.Fatalf("synonyms %d: files differ: %d vs %d", len(syn), len(gf), len(wf))
		}
		for p := range wf {
			if !bytes.Equal(gf[p], wf[p]) {
				t.Errorf("synonyms %d: %s differs from the reference", len(syn), p)
			}
		}
		for _, q := range []string{"数据备份", "UPS", "不间断电源", "HIS 故障", "15分钟"} {
			if !reflect.DeepEqual(got.Query(q), want.Query(q)) {
				t.Errorf("synonyms %d: %q ranks differently", len(syn), q)
			}
		}
	}
}

// TestTokensSameAsReference: the tokeniser without []rune gives the
// reference's tokens.
func TestTokensSameAsReference(t *testing.T) {
	t.Parallel()
	for _, e := range synth.Entries(200, 3) {
		for _, s := range []string{e.Title, e.Body, "ＵＰＳ 操作规程 a1b2 备 x 数据 ①②", "\xff中\xfe文"} {
			if got, want := search.Tokens(s), search.ReferenceTokens(s); !slices.Equal(got, want) {
				t.Fatalf("Tokens(%q) = %q, want %q", s, got, want)
			}
		}
	}
}
