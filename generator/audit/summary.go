package audit

import (
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/tomlfile"
)

// Summary is what an import kept as well as what it changed.
type Summary struct {
	Added, Changed int
	// Unchanged counts the workbook's rows that say what the file says.
	Unchanged int
	// Blank counts the entries whose row the workbook left blank: kept.
	Blank int
	// NotListed counts the file's entries whose requirement the workbook
	// does not list at all: kept as they were.
	NotListed int
	// Comments counts the hand-written comments of the file (whole-line
	// and trailing), CommentsKept those the new text still has, word for
	// word and in their order.
	Comments, CommentsKept int
	// OrderKept says the file's entries stand in the new text in the order
	// they had (new entries come after them).
	OrderKept bool
}

// summarize counts what the import of changes did to the file old (nil
// for none) whose new text is text (nil when nothing changed); listed
// says which requirements the workbook lists.
func summarize(old, text []byte, existing []coverage.Attestation, changes []Change, listed map[string]bool) Summary {
	var s Summary
	for _, c := range changes {
		switch c.Kind {
		case Added:
			s.Added++
		case Changed:
			s.Changed++
		case NoChange:
			s.Unchanged++
		case Kept:
			s.Blank++
		}
	}
	for _, a := range existing {
		if !listed[a.Requirement] {
			s.NotListed++
		}
	}
	before := Comments(old)
	s.Comments = len(before)
	if text == nil {
		s.CommentsKept, s.OrderKept = s.Comments, true
		return s
	}
	s.CommentsKept = subsequence(before, Comments(text))
	s.OrderKept = subsequence(requirements(old), requirements(text)) == len(requirements(old))
	return s
}

// subsequence counts how many of want appear in got in their order
// (greedily, each of got used once).
func subsequence(want, got []string) int {
	n, j := 0, 0
	for _, w := range want {
		for j < len(got) && got[j] != w {
			j++
		}
		if j == len(got) {
			break
		}
		n++
		j++
	}
	return n
}

// requirements returns the requirements of the [[attestations]] entries
// of an attestations file in their order; nil when it does not parse.
func requirements(src []byte) []string {
	if src == nil {
		return nil
	}
	body := strings.TrimPrefix(string(src), "\uFEFF")
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	doc, err := tomlfile.Parse([]byte(body))
	if err != nil {
		return nil
	}
	var out []string
	switch entries := doc.Data["attestations"].(type) {
	case []map[string]any: // [[attestations]] tables
		for _, e := range entries {
			r, _ := e["requirement"].(string)
			out = append(out, r)
		}
	case []any: // an inline array
		for _, e := range entries {
			m, _ := e.(map[string]any)
			r, _ := m["requirement"].(string)
			out = append(out, r)
		}
	}
	return out
}

// Comments returns the comments of a TOML text in their order, each from
// its "#" to the end of its line (trailing spaces and a CR dropped): the
// whole-line comments and those after a value. A "#" inside a string of
// any of the four kinds is not a comment.
func Comments(src []byte) []string {
	s := string(src)
	var out []string
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], `"""`), strings.HasPrefix(s[i:], `'''`):
			i = valueEnd(s, i) - 1
		case s[i] == '"', s[i] == '\'':
			i = valueEnd(s, i) - 1
		case s[i] == '#':
			end := strings.IndexAny(s[i:], "\r\n")
			if end < 0 {
				end = len(s) - i
			}
			out = append(out, strings.TrimRight(s[i:i+end], " \t"))
			i += end - 1
		}
	}
	return out
}
