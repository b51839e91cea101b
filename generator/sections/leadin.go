// Lead-ins: paragraphs that open with bold words or words and a colon, which name a section as a heading would.

package sections

import (
	"regexp"
	"strings"
)

// leadInLevel ranks a lead-in after any heading.
const leadInLevel = 7

// leadIn is a paragraph or list item opening with a few words set off in
// bold or by a colon.
type leadIn struct {
	words string // the lead-in's words
	rest  string // the rest of its line
	line  int    // index into lines
	end   int    // index after its last line (a blank line, a heading or the next lead-in)
}

// leadInPattern: a paragraph (not a list item: items are the points of a
// section, "1. 备份失败：……") that opens with bold words or a few words and
// a colon, after an optional Chinese ordinal ("一、", "（一）").
var leadInPattern = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、\s*|[（(][一二三四五六七八九十]+[)）]\s*)?(?:\*\*([^*]{2,16})\*\*[：:]?|([^：:。，,；;*#|\-+\d]{2,10})[：:])(.*)$`)

// leadIns finds the lead-ins of a body, outside fenced code.
func leadIns(lines []string) []leadIn {
	var out []leadIn
	fence := false
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fence = !fence
			continue
		}
		if fence || line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") {
			if len(out) > 0 && out[len(out)-1].end == 0 && (line == "" || strings.HasPrefix(line, "#")) {
				out[len(out)-1].end = i
			}
			continue
		}
		m := leadInPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if len(out) > 0 && out[len(out)-1].end == 0 {
			out[len(out)-1].end = i
		}
		out = append(out, leadIn{words: strings.TrimSpace(m[1] + m[2]), rest: m[3], line: i})
	}
	if len(out) > 0 && out[len(out)-1].end == 0 {
		out[len(out)-1].end = len(lines)
	}
	return out
}
