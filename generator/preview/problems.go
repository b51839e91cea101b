package preview

import (
	"fmt"
	"strings"

	"guifan/generator/diag"
)

// maxLine is how many characters of a source line the overlay shows.
const maxLine = 200

// FromDiags turns diagnostics into the overlay's problems, worded by p
// (the catalog's language) with their source lines.
func FromDiags(p diag.Printer, l diag.List) []Problem {
	out := make([]Problem, 0, len(l))
	for _, d := range l {
		pr := Problem{Place: d.Pos.File, Severity: p.Severity(d.Severity), Error: d.Severity == diag.Error, Message: p.Message(d)}
		switch {
		case d.Pos.Sheet != "" && d.Pos.Line > 0:
			pr.Place = fmt.Sprintf("%s:%s:%d", d.Pos.File, d.Pos.Sheet, d.Pos.Line)
		case d.Pos.Sheet != "":
			pr.Place = d.Pos.File + ":" + d.Pos.Sheet
		case d.Pos.Line > 0:
			pr.Place = fmt.Sprintf("%s:%d:%d", d.Pos.File, d.Pos.Line, d.Pos.Col)
		}
		if d.Pos.Line > 0 && d.Pos.Sheet == "" && p.Source != nil {
			if src := p.Source(d.Pos.File); src != nil && d.Pos.Line <= src.Lines() {
				pr.Line = window(src.Line(d.Pos.Line), d.Pos.Col)
			}
		}
		out = append(out, pr)
	}
	return out
}

// window returns at most maxLine characters of a line around col.
func window(line string, col int) string {
	line = strings.TrimRight(line, "\r\n")
	r := []rune(line)
	if len(r) <= maxLine {
		return line
	}
	start := max(0, min(col-1-maxLine/2, len(r)-maxLine))
	s := string(r[start : start+maxLine])
	if start > 0 {
		s = "…" + s
	}
	if start+maxLine < len(r) {
		s += "…"
	}
	return s
}
