package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected HTML in testdata/emphasis.txt")

// Separators of a case file, as in goldmark's _test/*.txt spec files.
const (
	partSep = "//- - - - - - - - -//"
	caseSep = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// emphasisCase is one numbered case of testdata/emphasis.txt:
//
//	N: what the case shows
//	//- - - - - - - - -//
//	Markdown
//	//- - - - - - - - -//
//	the HTML Render makes of it
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
type emphasisCase struct {
	no        int
	title     string
	markdown  string
	html      string
	startLine int
}

func parseCaseFile(data string) ([]emphasisCase, error) {
	var cases []emphasisCase
	lines := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
	i := 0
	next := func() (string, bool) {
		if i >= len(lines) {
			return "", false
		}
		i++
		return lines[i-1], true
	}
	until := func(sep string) (string, error) {
		var part []string
		for {
			l, ok := next()
			if !ok {
				return "", fmt.Errorf("line %d: missing %q", i, sep)
			}
			if l == sep {
				return strings.Join(part, "\n"), nil
			}
			part = append(part, l)
		}
	}
	for {
		l, ok := next()
		if !ok {
			return cases, nil
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		c := emphasisCase{startLine: i}
		num, title, _ := strings.Cut(l, ":")
		n, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			return nil, fmt.Errorf("line %d: want a case number, got %q", i, l)
		}
		if n != len(cases)+1 {
			return nil, fmt.Errorf("line %d: case %d follows case %d", i, n, len(cases))
		}
		c.no, c.title = n, strings.TrimSpace(title)
		if l, _ := next(); l != partSep {
			return nil, fmt.Errorf("line %d: want %q after the case number", i, partSep)
		}
		if c.markdown, err = until(partSep); err != nil {
			return nil, err
		}
		if c.html, err = until(caseSep); err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
}

func formatCaseFile(cases []emphasisCase) []byte {
	var b bytes.Buffer
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d: %s\n%s\n%s\n%s\n%s\n%s\n", c.no, c.title, partSep, c.markdown, partSep, c.html, caseSep)
	}
	return b.Bytes()
}

// TestEmphasisCases runs every case of testdata/emphasis.txt through
// Render: the CJK-friendly emphasis rules (see emphasis.go) next to
// Chinese punctuation, inside words, mixed with ASCII, ** and __,
// unmatched delimiters and code spans. Rewrite the expected HTML with:
// go test ./generator/markdown -run TestEmphasisCases -update
func TestEmphasisCases(t *testing.T) {
	t.Parallel()
	const file = "testdata/emphasis.txt"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := parseCaseFile(string(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(cases) < 30 {
		t.Fatalf("%s: only %d cases", file, len(cases))
	}
	for i, c := range cases {
		got := strings.TrimSuffix(string(Render([]byte(c.markdown+"\n"), nil).HTML), "\n")
		if *update {
			cases[i].html = got
			continue
		}
		if got != c.html {
			t.Errorf("%s:%d: case %d (%s)\nmarkdown: %s\ngot:  %s\nwant: %s", file, c.startLine, c.no, c.title, c.markdown, got, c.html)
		}
	}
	if *update {
		if err := os.WriteFile(file, formatCaseFile(cases), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCaseFileRoundTrip(t *testing.T) {
	t.Parallel()
	in := "1: a\n" + partSep + "\n**x**\n" + partSep + "\n<p><strong>x</strong></p>\n" + caseSep + "\n\n" +
		"2: two lines\n" + partSep + "\na\nb\n" + partSep + "\n<p>a\nb</p>\n" + caseSep + "\n"
	cases, err := parseCaseFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[1].markdown != "a\nb" || cases[0].html != "<p><strong>x</strong></p>" {
		t.Fatalf("parsed %+v", cases)
	}
	if got := string(formatCaseFile(cases)); got != in {
		t.Errorf("format:\n%s\nwant\n%s", got, in)
	}
	for _, bad := range []string{
		"2: out of order\n" + partSep + "\nx\n" + partSep + "\ny\n" + caseSep + "\n",
		"1: unterminated\n" + partSep + "\nx\n" + partSep + "\ny\n",
		"x: not a number\n",
	} {
		if _, err := parseCaseFile(bad); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}
