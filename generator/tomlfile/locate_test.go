package tomlfile

import (
	"testing"
)

func TestLocate(t *testing.T) {
	src := `# comment
title = "规章" # trailing
effective = 2026-03-01
tags = [
  "a",
  "b",
]
[[projects]]
name = "HIS 升级"
budget.amount = 12
[[projects]]
name = "机房"
[[projects.tasks]]
q = 1
[owner]
"quoted key" = { name = "张三", phone = "1234" }
items = [{ id = "x" }, { id = "y", match = ["甲", "乙"] }]
`
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"title":                     {2, 9},
		"effective":                 {3, 13},
		"tags":                      {4, 8},
		"tags[1]":                   {6, 3},
		"projects[0]":               {8, 1},
		"projects[0].name":          {9, 8},
		"projects[0].budget":        {10, 1},
		"projects[0].budget.amount": {10, 17},
		"projects[1].name":          {12, 8},
		"projects[1].tasks[0].q":    {14, 5},
		"owner.quoted key":          {16, 16},
		"owner.quoted key.phone":    {16, 39},
		"owner.items[1].match[1]":   {17, 50},
	}
	for path, lc := range want {
		l, ok := d.Loc(path)
		if !ok {
			t.Errorf("%s: not located; have %v", path, d.Paths())
			continue
		}
		if l.ValLine != lc[0] || l.ValCol != lc[1] {
			t.Errorf("%s: got %d:%d, want %d:%d", path, l.ValLine, l.ValCol, lc[0], lc[1])
		}
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := Parse([]byte("a = 1\nb = \"unclosed\nc = 3\n"))
	se, ok := err.(*SyntaxError)
	if !ok {
		t.Fatalf("got %v, want *SyntaxError", err)
	}
	if se.Line != 2 {
		t.Errorf("line %d, want 2 (%s)", se.Line, se.Message)
	}
}

func TestDecodeStrictUnknown(t *testing.T) {
	var v struct {
		Name  string
		Items []struct{ ID string }
	}
	probs := DecodeStrict([]byte("name = \"x\"\n[[items]]\nid = \"a\"\n[[items]]\nid = \"b\"\nlabel = \"c\"\n"), &v)
	if len(probs) != 1 || probs[0].Kind != "unknown" || probs[0].Line != 6 {
		t.Fatalf("got %+v", probs)
	}
}
