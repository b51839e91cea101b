package audit

import (
	"fmt"
	"sort"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/model"
)

// ChangeKind says what an import does to a requirement's attestation.
type ChangeKind string

// The kinds of change.
const (
	Added    ChangeKind = "added"
	Changed  ChangeKind = "changed"
	Kept     ChangeKind = "kept" // blank in the workbook: the file's attestation stays
	NoChange ChangeKind = "unchanged"
)

// Change is what a merge did to one requirement's attestation.
type Change struct {
	Requirement string
	Kind        ChangeKind
	Before      *coverage.Attestation
	After       *coverage.Attestation
}

// Merge lays incoming attestations over existing ones. An incoming entry
// replaces the existing one for its requirement; existing entries with no
// incoming counterpart are kept and reported as kept when the workbook
// listed their requirement with blank auditor columns (listed says which
// requirements the workbook had). Nothing is dropped silently.
func Merge(existing, incoming []coverage.Attestation, listed map[string]bool) ([]coverage.Attestation, []Change) {
	byReq := map[string]*coverage.Attestation{}
	for i := range existing {
		byReq[existing[i].Requirement] = &existing[i]
	}
	var changes []Change
	seen := map[string]bool{}
	for i := range incoming {
		in := incoming[i]
		seen[in.Requirement] = true
		old := byReq[in.Requirement]
		switch {
		case old == nil:
			changes = append(changes, Change{Requirement: in.Requirement, Kind: Added, After: &in})
		case same(*old, in):
			changes = append(changes, Change{Requirement: in.Requirement, Kind: NoChange, Before: old, After: &in})
		default:
			changes = append(changes, Change{Requirement: in.Requirement, Kind: Changed, Before: old, After: &in})
		}
		byReq[in.Requirement] = &incoming[i]
	}
	for _, old := range existing {
		if !seen[old.Requirement] && listed[old.Requirement] {
			o := old
			changes = append(changes, Change{Requirement: old.Requirement, Kind: Kept, Before: &o, After: &o})
		}
	}
	var out []coverage.Attestation
	for _, a := range byReq {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return requirementLess(out[i].Requirement, out[j].Requirement) })
	sort.SliceStable(changes, func(i, j int) bool { return requirementLess(changes[i].Requirement, changes[j].Requirement) })
	return out, changes
}

// requirementLess orders requirement ids by article number, then name.
func requirementLess(a, b string) bool {
	var na, nb int
	fmt.Sscanf(a, "%d", &na)
	fmt.Sscanf(b, "%d", &nb)
	if na != nb {
		return na < nb
	}
	return a < b
}

// FieldChange is one key of an attestation an import changed: Before or
// After is "" when the key was or is absent. The verdict is its id
// (coverage.Status), the date as 2026-11-25.
type FieldChange struct {
	Field         string // verdict, auditor, date, justification or note
	Before, After string
}

// Fields says which keys of a changed attestation changed, in the order
// of the file's keys; nil for an added or kept one.
func (c Change) Fields() []FieldChange {
	if c.Before == nil || c.After == nil {
		return nil
	}
	b, a := *c.Before, *c.After
	date := func(x coverage.Attestation) string {
		if x.Date.IsZero() {
			return ""
		}
		return x.Date.String()
	}
	var out []FieldChange
	for _, f := range []FieldChange{
		{"verdict", string(b.Verdict), string(a.Verdict)},
		{"auditor", b.Auditor, a.Auditor},
		{"date", date(b), date(a)},
		{"justification", b.Justification, a.Justification},
		{"note", b.Note, a.Note},
	} {
		if f.Before != f.After {
			out = append(out, f)
		}
	}
	return out
}

func same(a, b coverage.Attestation) bool {
	return a.Verdict == b.Verdict && a.Note == b.Note && a.Auditor == b.Auditor && a.Date == b.Date && a.Justification == b.Justification
}

// Format writes attestations as the TOML of a new audit/attestations.toml,
// after a header comment.
func Format(header string, atts []coverage.Attestation) []byte {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	for _, a := range atts {
		b.WriteString("\n")
		writeEntry(&b, a)
	}
	return []byte(b.String())
}

// quote writes s as a TOML basic string. TOML forbids raw control
// characters (U+0000 to U+001F and U+007F) in strings; they are escaped,
// as are C1 controls, line and paragraph separators and the bidirectional
// controls, which would make the file read differently in an editor from
// what it says. A byte that is not UTF-8 becomes U+FFFD (callers refuse
// such text before it gets here).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if mustEscape(r) {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func mustEscape(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7F && r <= 0x9F: // C0, DEL, C1
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C: // bidi controls
		return true
	case r == 0xFEFF: // a byte-order mark inside text
		return true
	}
	return false
}

// NoteCell is what the workbook's note column shows for an attestation:
// the justification of a not-applicable verdict, then the note.
func NoteCell(note, justification string) string {
	return strings.TrimSpace(justification + " " + note)
}

// Unchanged reports whether a workbook row says the same as an existing
// attestation, as the workbook showed it.
func Unchanged(a coverage.Attestation, verdict coverage.Status, noteCell, auditor string, date model.Date) bool {
	return a.Verdict == verdict && a.Auditor == auditor && a.Date == date && NoteCell(a.Note, a.Justification) == strings.TrimSpace(noteCell)
}

// Incoming builds an attestation from a workbook row's words. The note is
// the justification when the verdict is not applicable.
func Incoming(requirement string, verdict coverage.Status, note, auditor string, date model.Date) coverage.Attestation {
	a := coverage.Attestation{Requirement: requirement, Verdict: verdict, Note: note, Auditor: auditor, Date: date}
	if verdict == coverage.NotApplicable {
		a.Justification, a.Note = note, ""
	}
	return a
}
