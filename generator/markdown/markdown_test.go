package markdown

import (
	"reflect"
	"testing"
)

func TestHeadings(t *testing.T) {
	src := []byte("# 数据备份制度\n\n正文。\n\n## 第一章 **总则**\n\n```\n# 不是标题\n```\n\n> # 引用里的也不算顶层\n\n职责分工\n--------\n")
	got := Headings(src)
	want := []Heading{
		{Level: 1, Text: "数据备份制度", Line: 1, Col: 1},
		{Level: 2, Text: "第一章 总则", Line: 5, Col: 1},
		{Level: 2, Text: "职责分工", Line: 13, Col: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
