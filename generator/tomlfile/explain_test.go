package tomlfile

import (
	"fmt"
	"testing"
)

// TestSyntaxErrorsExplained: the TOML errors people make in documents
// become catalog messages with arguments, never the library's English
// (which is kept only as the argument of toml.other).
func TestSyntaxErrorsExplained(t *testing.T) {
	cases := []struct {
		src       string
		key       string
		args      string
		line, col int
	}{
		{"effective = 2026-02-30\n", "toml.date-day", `[2026-02-30 2 30]`, 1, 13},
		{"effective = 2026-04-31\n", "toml.date-day", `[2026-04-31 4 31]`, 1, 13},
		{"effective = 2026-02-29\n", "toml.date-leap", `[2026-02-29 2026]`, 1, 13},
		{"effective = 2026-13-01\n", "toml.date-month", `[2026-13-01 13]`, 1, 13},
		{"effective = 2026-1-5\n", "toml.date-format", `[2026-1-5]`, 1, 13},
		{"effective = 2026/01/05\n", "toml.date-format", `[2026/01/05]`, 1, 13},
		{"effective = 2026-01-05T25:00:00\n", "toml.datetime", `[2026-01-05T25:00:00]`, 1, 13},
		{"title = “数据备份”\n", "toml.curly-quote", `[“]`, 1, 9},
		{"title = 「数据备份」\n", "toml.curly-quote", `[「]`, 1, 9},
		{"title = \"数据备份\n", "toml.unterminated", `[]`, 1, 14},
		{"title = \"\"\"数据备份\n", "toml.unterminated-multiline", `["""]`, 1, 16},
		{"title \"数据备份\"\n", "toml.missing-equals", `[title]`, 1, 7},
		{"title：\"数据备份\"\n", "toml.colon", `[title]`, 1, 6},
		{"title: \"数据备份\"\n", "toml.colon", `[title]`, 1, 6},
		{"title ＝ \"数据备份\"\n", "toml.fullwidth-equals", `[]`, 1, 7},
		{"标题 = \"数据备份\"\n", "toml.key-chars", `[标题]`, 1, 1},
		{"title = \"a\"\ntitle = \"b\"\n", "toml.duplicate", `[title]`, 2, 1},
		{"status = draft\n", "toml.bare-word", `[draft status]`, 1, 10},
		{"status = 现行\n", "toml.bare-word", `[现行 status]`, 1, 10},
		// The whole bare value is quoted in the suggestion, not only the
		// letters the library read before it stopped.
		{"version = V2.0\n", "toml.bare-word", `[V2.0 version]`, 1, 11},
		{"version = v2 # 第二版\n", "toml.bare-word", `[v2 version]`, 1, 11},
		{"scope = [documents2, x]\n", "toml.bare-word", `[documents2 scope]`, 1, 10},
		{"ok = True\n", "toml.bool", `[True true]`, 1, 6},
		{"title = \n", "toml.missing-value", `[title]`, 1, 9},
		{"articles = [21, 22\n", "toml.array", `[]`, 1, 19},
		{"owner = { name = \"张三\"\n", "toml.inline-table", `[]`, 1, 22},
		{"[leadership\n", "toml.table-name", `[]`, 1, 12},
		{"path = \"C:\\Windows\"\n", "toml.escape", `[\W]`, 1, 11},
		{"budget = 1_000_\n", "toml.number", `[1_000_]`, 1, 10},
		{"version = 2.0.1\n", "toml.number", `[2.0.1]`, 1, 11},
		{"budget = 1.\n", "toml.number", `[1.]`, 1, 10},
		{"budget = 012\n", "toml.number", `[012]`, 1, 10},
		{"budget = 1,000\n", "toml.trailing", `[,]`, 1, 11},
		{"title = \"a\" ＃ 注释\n", "toml.fullwidth-hash", `[]`, 1, 12},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src))
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("%q: %v, want a syntax error", c.src, err)
			continue
		}
		if se.Msg.Key != c.key || fmt.Sprint(se.Msg.Args) != c.args {
			t.Errorf("%q: %s %v (%s), want %s %s", c.src, se.Msg.Key, se.Msg.Args, se.Message, c.key, c.args)
		}
		if se.Line != c.line || se.Col != c.col {
			t.Errorf("%q: at %d:%d, want %d:%d", c.src, se.Line, se.Col, c.line, c.col)
		}
	}
	// What explain does not know keeps the library's words as an argument.
	_, err := Parse([]byte("a..b = 1\n"))
	if se := err.(*SyntaxError); se.Msg.Key != "toml.other" || len(se.Msg.Args) != 1 || se.Msg.Args[0] != se.Message {
		t.Errorf("unknown kind: %+v", se)
	}
}

func TestTypeProblemsExplained(t *testing.T) {
	var v struct {
		Languages []string `toml:"languages"`
		N         int      `toml:"n"`
	}
	probs := DecodeStrict([]byte("languages = \"zh-CN\"\n"), &v)
	if len(probs) != 1 || probs[0].Kind != "type" || probs[0].Message.Key != "toml.type" ||
		fmt.Sprint(probs[0].Message.Args) != "[type.array type.string]" {
		t.Errorf("got %+v", probs)
	}
	probs = DecodeStrict([]byte("n = \"3\"\n"), &v)
	if len(probs) != 1 || fmt.Sprint(probs[0].Message.Args) != "[type.integer type.string]" {
		t.Errorf("got %+v", probs)
	}
	probs = DecodeStrict([]byte("n = “3”\n"), &v)
	if len(probs) != 1 || probs[0].Kind != "syntax" || probs[0].Message.Key != "toml.curly-quote" {
		t.Errorf("got %+v", probs)
	}
}
