package search

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := map[string][]string{
		"数据备份":            {"数据", "据备", "备份"},
		"备":               {"备"},
		"ＵＰＳ 操作规程":        {"ups", "操作", "作规", "规程"},
		"GB/T 22239-2019": {"gb", "t", "22239", "2019"},
		"15分钟":            {"15", "分钟"},
		"HIS很慢":           {"his", "很慢"},
		"第3条":             {"第", "3", "条"},
	}
	for in, want := range cases {
		if got := Tokens(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSubstringAndSynonyms(t *testing.T) {
	entries := []Entry{
		{Doc: "a", Title: "数据备份制度", Body: "每日全量备份。", Type: "regulation"},
		{Doc: "b", Title: "机房管理制度", Body: "不间断电源每半年放电测试。", Type: "regulation"},
		{Doc: "c", Title: "值班制度", Body: "值班人员每天巡检。", Type: "regulation"},
	}
	idx := Build(entries, ParseSynonyms("UPS, 不间断电源\n"))
	for q, want := range map[string]int{"备份": 0, "数据备": 0, "UPS": 1, "ups 测试": 1, "值班": 2} {
		r := idx.Query(q)
		if len(r) == 0 || r[0].Entry != want {
			t.Errorf("%q: got %+v, want entry %d first", q, r, want)
		}
	}
	if r := idx.Query("停车场"); len(r) != 0 {
		t.Errorf("unrelated query found %+v", r)
	}
}

func TestFilesAreScripts(t *testing.T) {
	idx := Build([]Entry{{Doc: "a", URL: "docs/a/index.html", Title: "数据备份制度", Body: "x", Type: "regulation"}}, nil)
	files := idx.Files(map[string]string{"regulation": "规章制度"})
	for _, p := range []string{"search/meta.js", "search/titles.js", "search/s/000.js", "search/d/0000.js"} {
		if len(files[p]) == 0 {
			t.Errorf("%s missing", p)
		}
	}
	if got := string(files["search/meta.js"]); got[:len("guifanSearch.meta(")] != "guifanSearch.meta(" {
		t.Errorf("meta.js is not a registering script: %s", got)
	}
}
