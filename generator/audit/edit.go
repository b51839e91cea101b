package audit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/model"
	"guifan/generator/textfile"
	"guifan/generator/tomlfile"
)

// ErrLayout means an attestations file does not keep its entries as
// [[attestations]] tables (it uses an inline array), so it cannot be
// edited entry by entry.
var ErrLayout = errors.New("attestations are not written as [[attestations]] tables")

// ErrReadBack means an edited file would not read back as the
// attestations it was meant to hold; nothing should be written.
var ErrReadBack = errors.New("the edited attestations file does not read back")

// Edit returns src, the text of an attestations file that reads without
// errors, with atts written into it, changing as little as possible. The
// keys of an entry whose values changed are replaced where they stand (a
// key's spelling, spacing and trailing comment are kept); a key that is no
// longer needed is removed and a missing one is added after the entry's
// last key; entries of requirements not yet in the file are appended at the
// end. Every comment, blank line, other key and entry, the order of it all,
// a byte-order mark and CRLF line ends are kept. Entries of src that atts
// does not mention are left alone.
//
// The result is read back before it is returned: it must hold every entry
// of atts, and every requirement src had.
func Edit(src []byte, atts []coverage.Attestation) ([]byte, error) {
	body := string(src)
	bom := strings.HasPrefix(body, "\uFEFF")
	body = strings.TrimPrefix(body, "\uFEFF")
	// The LF form of body, as textfile.Decode makes it: CRLF and lone CR
	// (old Mac editors) line ends become LF. New lines get the file's own
	// line end.
	norm := strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	eol := lineEnd(body)
	doc, err := tomlfile.Parse([]byte(norm))
	if err != nil {
		return nil, err
	}
	var entries []map[string]any
	switch v := doc.Data["attestations"].(type) {
	case nil:
	case []map[string]any:
		entries = v
	default:
		return nil, ErrLayout
	}
	want := map[string]coverage.Attestation{}
	for _, a := range atts {
		want[a.Requirement] = a
	}
	t := text{s: norm, starts: lineStarts(norm)}
	var edits []edit
	inFile := map[string]bool{}
	for i, e := range entries {
		path := "attestations[" + strconv.Itoa(i) + "]"
		hdr, ok := doc.Loc(path)
		if !ok || !strings.HasPrefix(strings.TrimSpace(t.line(hdr.Line)), "[[") {
			return nil, ErrLayout
		}
		req, _ := e["requirement"].(string)
		inFile[req] = true
		a, ok := want[req]
		if !ok {
			continue
		}
		es, err := editEntry(t, doc, path, hdr.Line, e, a)
		if err != nil {
			return nil, err
		}
		edits = append(edits, es...)
	}
	if add, ok := newEntries(norm, atts, inFile); ok {
		edits = append(edits, add)
	}

	out := applyEdits(body, edits, eol)
	if bom {
		out = "\uFEFF" + out
	}
	if err := readsBack([]byte(out), entries, atts); err != nil {
		return nil, err
	}
	return []byte(out), nil
}

// lineEnd returns the line end body uses first: LF (also for a file of
// one line), CRLF or a lone CR.
func lineEnd(body string) string {
	eol := "\n"
	if i := strings.IndexAny(body, "\r\n"); i >= 0 && body[i] == '\r' {
		eol = "\r"
		if strings.HasPrefix(body[i:], "\r\n") {
			eol = "\r\n"
		}
	}
	return eol
}

// keyPlace is where a key of an entry is: the start of its line, its
// value, and the start of the next line.
type keyPlace struct{ lineStart, valStart, valEnd, next int }

// editEntry returns the edits that make the entry e (at path, its header
// on line hdr) say what a says: a changed value replaced where it stands,
// a value no longer needed removed with its line, a new key added after
// the entry's last value.
func editEntry(t text, doc *tomlfile.Doc, path string, hdr int, e map[string]any, a coverage.Attestation) ([]edit, error) {
	places := map[string]keyPlace{}
	last := t.nextLine(t.offset(hdr, 1))
	for k := range e {
		l, ok := doc.Loc(path + "." + k)
		if !ok || l.Line <= hdr {
			return nil, ErrLayout
		}
		at := t.s[t.offset(l.Line, l.Col):]
		if !strings.HasPrefix(at, k) && !strings.HasPrefix(at, `"`+k) && !strings.HasPrefix(at, "'"+k) {
			return nil, ErrLayout
		}
		vs := t.offset(l.ValLine, l.ValCol)
		ve := valueEnd(t.s, vs)
		p := keyPlace{lineStart: t.starts[l.Line-1], valStart: vs, valEnd: ve, next: t.nextLine(ve)}
		places[k] = p
		last = max(last, p.next)
	}
	var edits []edit
	for _, f := range fields(a) {
		cur, has := e[f.key]
		switch {
		case has && f.equal(cur):
		case has && f.value == "":
			p := places[f.key]
			edits = append(edits, edit{p.lineStart, p.next, ""})
		case has:
			p := places[f.key]
			edits = append(edits, edit{p.valStart, p.valEnd, f.value})
		case f.value != "":
			line := f.key + " = " + f.value + "\n"
			if last == len(t.s) && !strings.HasSuffix(t.s, "\n") {
				line = "\n" + line
			}
			edits = append(edits, edit{last, last, line})
		}
	}
	return edits, nil
}

// newEntries returns the edit that appends, at the end of norm, the
// entries of atts whose requirements are not in the file yet.
func newEntries(norm string, atts []coverage.Attestation, inFile map[string]bool) (edit, bool) {
	var tail strings.Builder
	for _, a := range atts {
		if inFile[a.Requirement] {
			continue
		}
		tail.WriteString("\n")
		writeEntry(&tail, a)
	}
	if tail.Len() == 0 {
		return edit{}, false
	}
	add := tail.String()
	if norm != "" && !strings.HasSuffix(norm, "\n") {
		add = "\n" + add
	}
	if strings.TrimSpace(norm) == "" {
		add = strings.TrimPrefix(add, "\n")
	}
	return edit{len(norm), len(norm), add}, true
}

// field is one key of an entry as it should be written: its TOML value,
// or "" when the key should not be there.
type field struct {
	key, value string
	equal      func(cur any) bool
}

func fields(a coverage.Attestation) []field {
	str := func(want string) func(any) bool {
		return func(cur any) bool { s, ok := cur.(string); return ok && s == want }
	}
	opt := func(s string) string {
		if s == "" {
			return ""
		}
		return quote(s)
	}
	return []field{
		{"verdict", quote(string(a.Verdict)), func(cur any) bool {
			s, ok := cur.(string)
			v, known := ParseVerdict(s)
			return ok && known && v == a.Verdict
		}},
		{"auditor", quote(a.Auditor), str(a.Auditor)},
		{"date", a.Date.String(), func(cur any) bool { d, ok := model.AsDate(cur); return ok && d == a.Date }},
		{"justification", opt(a.Justification), str(a.Justification)},
		{"note", opt(a.Note), str(a.Note)},
	}
}

// writeEntry writes one [[attestations]] table.
func writeEntry(b *strings.Builder, a coverage.Attestation) {
	b.WriteString("[[attestations]]\n")
	fmt.Fprintf(b, "requirement = %s\n", quote(a.Requirement))
	fmt.Fprintf(b, "verdict = %s\n", quote(string(a.Verdict)))
	fmt.Fprintf(b, "auditor = %s\n", quote(a.Auditor))
	fmt.Fprintf(b, "date = %s\n", a.Date.String())
	if a.Justification != "" {
		fmt.Fprintf(b, "justification = %s\n", quote(a.Justification))
	}
	if a.Note != "" {
		fmt.Fprintf(b, "note = %s\n", quote(a.Note))
	}
}

// readsBack checks that out holds every entry of atts as it is and still
// has every requirement of before.
func readsBack(out []byte, before []map[string]any, atts []coverage.Attestation) error {
	text, diags := textfile.Decode(File, out)
	if diags.Errors() > 0 {
		return fmt.Errorf("%w: not UTF-8", ErrReadBack)
	}
	var fd fileData
	if probs := tomlfile.DecodeStrict(text, &fd); len(probs) > 0 {
		return fmt.Errorf("%w: %s", ErrReadBack, probs[0].Message)
	}
	got := map[string]coverage.Attestation{}
	for _, e := range fd.Attestations {
		v, _ := ParseVerdict(e.Verdict)
		d, _ := model.AsDate(e.Date)
		got[e.Requirement] = coverage.Attestation{Requirement: e.Requirement, Verdict: v, Note: e.Note, Auditor: e.Auditor, Date: d, Justification: e.Justification}
	}
	for _, a := range atts {
		g, ok := got[a.Requirement]
		if !ok || !same(g, a) {
			return fmt.Errorf("%w: %s", ErrReadBack, a.Requirement)
		}
	}
	touched := map[string]bool{}
	for _, a := range atts {
		touched[a.Requirement] = true
	}
	for _, e := range before {
		r, _ := e["requirement"].(string)
		g, ok := got[r]
		if !ok {
			return fmt.Errorf("%w: %s lost", ErrReadBack, r)
		}
		if touched[r] {
			continue
		}
		// An entry the edit was not about reads as it did.
		s := func(k string) string { v, _ := e[k].(string); return v }
		v, _ := ParseVerdict(s("verdict"))
		d, _ := model.AsDate(e["date"])
		if !same(g, coverage.Attestation{Verdict: v, Note: s("note"), Auditor: s("auditor"), Date: d, Justification: s("justification")}) {
			return fmt.Errorf("%w: %s changed", ErrReadBack, r)
		}
	}
	return nil
}

// Write returns the new text of an attestations file: old (nil when there
// is no file yet) edited with Edit, or, for a new file or one whose layout
// cannot be edited entry by entry, header and atts formatted anew.
// rewritten says the old text was replaced as a whole.
func Write(old []byte, header string, atts []coverage.Attestation) (out []byte, rewritten bool, err error) {
	if old == nil {
		return Format(header, atts), false, nil
	}
	out, err = Edit(old, atts)
	if errors.Is(err, ErrLayout) {
		out = Format(header, atts)
		if err := readsBack(out, nil, atts); err != nil {
			return nil, false, err
		}
		return out, true, nil
	}
	return out, false, err
}
