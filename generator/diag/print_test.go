package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestExcerptLongLine(t *testing.T) {
	line := `title = "` + strings.Repeat("很长的标题", 4000) + `"`
	for _, col := range []int{1, 9, 10000, utf8.RuneCountInString(line)} {
		shown, c := excerpt(line, col)
		if n := utf8.RuneCountInString(shown); n > maxShown+2 {
			t.Errorf("col %d: shows %d characters", col, n)
		}
		want := []rune(line)[col-1]
		if got := []rune(shown)[c-1]; got != want {
			t.Errorf("col %d: caret under %q, want %q", col, got, want)
		}
	}
}

func TestExcerptControl(t *testing.T) {
	shown, c := excerpt("id = \"a\x1b[31mb\u200bc\"", 6)
	if strings.ContainsAny(shown, "\x1b\u200b") {
		t.Errorf("control characters reach the terminal: %q", shown)
	}
	if c != 6 {
		t.Errorf("caret column %d", c)
	}
}
