package tomlfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestShapeRefusesDeep: nesting past MaxDepth (arrays, inline tables, the
// parts of a dotted key or a table header) and key paths longer than
// MaxKeyBytes are refused before the library reads them, at the place
// where the limit is passed, in Parse and DecodeStrict alike; at the
// limits, and in strings and comments, nothing is refused.
func TestShapeRefusesDeep(t *testing.T) {
	t.Parallel()
	n := MaxDepth
	long := strings.Repeat("k", MaxKeyBytes)
	cases := []struct {
		name, src string
		want      string // "" when accepted
		line, col int
	}{
		{"arrays", "x = " + strings.Repeat("[", n+1) + strings.Repeat("]", n+1) + "\n", "toml.too-deep", 1, 5 + n},
		{"arrays at the limit", "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n", "", 0, 0},
		{"inline tables", "x = " + strings.Repeat("{a=", n+1) + "1" + strings.Repeat("}", n+1) + "\n", "toml.too-deep", 1, 5 + 3*n},
		{"dotted key", "\n" + strings.Repeat("a.", n) + "a = 1\n", "toml.too-deep", 2, 2 * n},
		{"dotted key at the limit", strings.Repeat("a.", n-1) + "a = 1\n", "", 0, 0},
		{"table header", "[" + strings.Repeat("a.", n) + "a]\nz = 1\n", "toml.too-deep", 1, 1 + 2*n},
		{"array of tables", "[[" + strings.Repeat("a.", n) + "a]]\n", "toml.too-deep", 1, 2 + 2*n},
		{"brackets in strings and comments", "x = \"" + strings.Repeat("[{", 100) + "\" # " + strings.Repeat("[", 100) + "\ny = '''\n" + strings.Repeat("{", 100) + "'''\n", "", 0, 0},
		{"dots in values", "x = 1.5\ny = [1.5, 2.5, \"a.b.c\"]\nd = 2026-03-01T10:00:00.5\n", "", 0, 0},
		{"long key", long + "k = 1\n", "toml.key-too-long", 1, 1},
		{"key at the limit", long + " = 1\n", "", 0, 0},
		{"long header over a key", "[" + strings.Repeat("h", MaxKeyBytes-2) + "]\nkey = 1\n", "toml.key-too-long", 2, 1},
		{"header at the limit", "[[" + strings.Repeat("h", MaxKeyBytes) + "]]\n", "", 0, 0},
		{"header over the limit", "[[" + strings.Repeat("h", MaxKeyBytes+1) + "]]\n", "toml.key-too-long", 1, 1},
		{"long quoted key", "a = 1\n\"" + strings.Repeat("键", MaxKeyBytes/3) + "\" = 1\n", "toml.key-too-long", 2, 1},
		{"inline tables' keys add up", "x = {" + strings.Repeat("y", 600) + " = {" + strings.Repeat("z", 600) + " = 1}}\n", "toml.key-too-long", 1, 6 + 600 + 4},
		{"arrays of inline tables", "x = [{a = 1}, {b = [{c = 2}]}]\n[[t]]\nd = {e = 1, f = {g = [1, 2]}}\n", "", 0, 0},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src))
		var se *SyntaxError
		errors.As(err, &se)
		probs := DecodeStrict([]byte(c.src), &struct{}{})
		switch {
		case c.want == "" && se != nil && strings.HasPrefix(se.Msg.Key, "toml.") && (se.Msg.Key == "toml.too-deep" || se.Msg.Key == "toml.key-too-long"):
			t.Errorf("%s: refused: %+v", c.name, se)
		case c.want != "" && (se == nil || se.Msg.Key != c.want || se.Line != c.line || se.Col != c.col):
			t.Errorf("%s: got %+v, want %s at %d:%d", c.name, se, c.want, c.line, c.col)
		case c.want != "" && (len(probs) != 1 || probs[0].Kind != ProblemSyntax || probs[0].Message.Key != c.want || probs[0].Line != c.line):
			t.Errorf("%s: DecodeStrict gave %+v", c.name, probs)
		}
	}
}

// TestShapeAcceptsOwnFiles: every TOML file and front matter of the
// project (schemas, catalogs, the demo hospital and the examples) is
// within the limits.
func TestShapeAcceptsOwnFiles(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	checked := 0
	for _, dir := range []string{"schemas", "themes", "content", "examples", "hospital.toml"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			switch filepath.Ext(p) {
			case ".toml":
			case ".md":
				s := string(b)
				if !strings.HasPrefix(s, "+++") {
					return nil
				}
				end := strings.Index(s[3:], "\n+++")
				if end < 0 {
					return nil
				}
				b = []byte(s[3 : 3+end])
			default:
				return nil
			}
			checked++
			if off, msg := shape(string(b)); off >= 0 {
				line, col := lineCol(b, off)
				t.Errorf("%s:%d:%d: %s", p, line, col, msg.Key)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d files checked", checked)
	}
}

// TestLocateLongLine: columns on a long line are counted on from the
// previous one, and come out as counting from the line's start would.
func TestLocateLongLine(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("# 注释\nx = [")
	for range 3000 {
		b.WriteString("\"值\", ")
	}
	b.WriteString("]\ny = 1\n")
	d, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, 1, 1500, 2999} {
		l, ok := d.Loc("x[" + strconv.Itoa(k) + "]")
		if want := 6 + 5*k; !ok || l.Line != 2 || l.Col != want {
			t.Errorf("x[%d] at %+v, want 2:%d", k, l, want)
		}
	}
	if l, _ := d.Loc("y"); l.Line != 3 || l.Col != 1 {
		t.Errorf("y at %+v, want 3:1", l)
	}
}

// BenchmarkHostileTOML reads (Parse, then every position) 1 MB files
// shaped to the worst cases within the limits: ns/byte should stay
// within a small multiple of an ordinary file's. Before the limits a
// 48 KB dotted key took a minute and a 390 KB one-line array 13 s.
//
//	go test ./generator/tomlfile -run XXX -bench HostileTOML
func BenchmarkHostileTOML(b *testing.B) {
	const size = 1 << 20
	deep := "x = " + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + "\n"
	keyed := "[" + strings.Repeat("h", MaxKeyBytes-10) + "]\n"
	for i := 0; len(keyed) < size; i++ {
		keyed += "k" + strconv.Itoa(i) + " = 1\n"
	}
	repeat := func(f func(i int) string) string {
		var s strings.Builder
		for i := 0; s.Len() < size; i++ {
			s.WriteString(f(i))
		}
		return s.String()
	}
	shapes := map[string]string{
		"ordinary": repeat(func(i int) string {
			return "[[items]]\ntitle = \"数据备份管理制度\"\nkeywords = [\"备份\", \"恢复\"]\nn = " + strconv.Itoa(i) + "\n"
		}),
		"deep-arrays":    repeat(func(i int) string { return strings.Replace(deep, "x", "x"+strconv.Itoa(i), 1) }),
		"one-line-array": "x = [" + strings.Repeat("1, ", size/3) + "]\n",
		"long-header":    keyed,
		"dotted-keys":    repeat(func(i int) string { return strings.Repeat("a.", MaxDepth-2) + "k" + strconv.Itoa(i) + " = 1\n" }),
	}
	for _, name := range []string{"ordinary", "deep-arrays", "one-line-array", "long-header", "dotted-keys"} {
		src := []byte(shapes[name])
		b.Run(name, func(b *testing.B) {
			for range b.N {
				d, err := Parse(src)
				if err != nil {
					b.Fatal(err)
				}
				d.Paths()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
		})
	}
}
