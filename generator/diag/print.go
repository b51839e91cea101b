package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Printer writes diagnostics for people (Text) or programs (JSON). Message
// turns a diagnostic into words (from a catalog); Severity names a
// severity; Source returns the indexed text of a file, or nil.
type Printer struct {
	Message  func(Diagnostic) string
	Severity func(Severity) string
	Source   func(file string) *Source
}

// Text writes each diagnostic as "path:line:col: severity: message",
// followed by the source line and a caret under the column. A place in a
// workbook is "path:sheet:row", without a source line.
func (p Printer) Text(w io.Writer, l List) {
	for _, d := range l {
		loc := d.Pos.File
		switch {
		case d.Pos.Sheet != "" && d.Pos.Line > 0:
			loc = fmt.Sprintf("%s:%s:%d", d.Pos.File, d.Pos.Sheet, d.Pos.Line)
		case d.Pos.Sheet != "":
			loc = d.Pos.File + ":" + d.Pos.Sheet
		case d.Pos.Line > 0:
			loc = fmt.Sprintf("%s:%d:%d", d.Pos.File, d.Pos.Line, d.Pos.Col)
		}
		fmt.Fprintf(w, "%s: %s: %s\n", loc, p.Severity(d.Severity), p.Message(d))
		if d.Pos.Line <= 0 || d.Pos.Sheet != "" || p.Source == nil {
			continue
		}
		src := p.Source(d.Pos.File)
		if src == nil || d.Pos.Line > src.Lines() {
			continue
		}
		line := src.Line(d.Pos.Line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		line, col := excerpt(line, d.Pos.Col)
		fmt.Fprintf(w, "    %s\n    %s^\n", line, caretPad(line, col))
	}
}

// maxShown is how many characters of a source line a diagnostic shows.
const maxShown = 200

// excerpt returns the part of a source line a diagnostic shows and the
// caret's column in it: at most maxShown characters around col, cut with
// "…", and control characters (which would drive the terminal) shown as
// "�". A 20,000-character line is shown as a window, not printed whole.
func excerpt(line string, col int) (string, int) {
	runes := []rune(line)
	for i, r := range runes {
		if r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != 0x200D) {
			runes[i] = '\uFFFD'
		}
	}
	if len(runes) <= maxShown {
		return string(runes), col
	}
	start := col - 1 - maxShown/2
	if start < 0 {
		start = 0
	}
	end := start + maxShown
	if end > len(runes) {
		end = len(runes)
		start = max(0, end-maxShown)
	}
	shown := string(runes[start:end])
	col -= start
	if start > 0 {
		shown = "…" + shown
		col++
	}
	if end < len(runes) {
		shown += "…"
	}
	return shown, col
}

// caretPad returns the blanks that put a caret under column col of line,
// counting East Asian wide characters as two columns and keeping tabs.
func caretPad(line string, col int) string {
	var b strings.Builder
	n := 1
	for _, r := range line {
		if n >= col {
			break
		}
		switch {
		case r == '\t':
			b.WriteByte('\t')
		case isWide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
		n++
	}
	return b.String()
}

// isWide reports whether r takes two columns in a terminal.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		r >= 0x1100 && r <= 0x115F || // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F || // CJK radicals .. Yi
		r >= 0xAC00 && r <= 0xD7A3 || // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF || // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F || // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60 || // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6
}

// jsonDiagnostic is the shape of one diagnostic in JSON output.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet,omitempty"` // a workbook's sheet; line is then its row
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// JSON writes the diagnostics as a JSON array (an empty array when there
// are none).
func (p Printer) JSON(w io.Writer, l List) error {
	out := make([]jsonDiagnostic, 0, len(l))
	for _, d := range l {
		out = append(out, jsonDiagnostic{
			File: d.Pos.File, Sheet: d.Pos.Sheet, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Code: d.Code, Message: p.Message(d),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
