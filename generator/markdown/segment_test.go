package markdown

import (
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/text"
)

// TestSegmentRunesAsValue: counting a segment's characters without making
// its value counts what utf8.RuneCount(seg.Value(src)) counts: padding,
// invalid bytes, forced newlines, empty segments.
func TestSegmentRunesAsValue(t *testing.T) {
	t.Parallel()
	src := []byte("中文 abc\n\xff\xfe尾\n\n")
	checked := 0
	for start := 0; start <= len(src); start++ {
		for stop := start; stop <= len(src); stop++ {
			for _, pad := range []int{0, 2} {
				for _, force := range []bool{false, true} {
					seg := text.Segment{Start: start, Stop: stop, Padding: pad, ForceNewline: force}
					buf := append([]byte(nil), src...) // Value may write past Stop
					want := utf8.RuneCount(seg.Value(buf))
					if got := segmentRunes(seg, src); got != want {
						t.Fatalf("%+v: %d runes, want %d", seg, got, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("checked %d segments", checked)
	}
}

// TestRuneCount: runeCount counts as utf8.RuneCount, invalid and cut
// sequences included.
func TestRuneCount(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "abc", "中文", "a中\xffb\xe4\xb8", "\xe4\xb8\xad\xe6", "\xf0\x9f\x98\x80x"} {
		if got, want := runeCount([]byte(s)), utf8.RuneCount([]byte(s)); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}
