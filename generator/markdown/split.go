package markdown

import "strings"

// Section is a heading of a given level and the Markdown under it, up to
// the next heading of that level.
type Section struct {
	Heading string
	Body    string
}

// Split cuts a body at its headings of one level (outside fenced code);
// text before the first such heading is dropped. The FAQ uses it: each
// level-2 heading is a question, the text under it the answer.
func Split(body []byte, level int) []Section {
	prefix := strings.Repeat("#", level) + " "
	var out []Section
	fence := false
	for _, line := range strings.Split(string(body), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			fence = !fence
		}
		if !fence && strings.HasPrefix(line, prefix) {
			out = append(out, Section{Heading: strings.TrimSpace(strings.TrimPrefix(line, prefix))})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].Body += line + "\n"
		}
	}
	return out
}
