package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/model"
)

// Change is what a merge did to one requirement's attestation.
type Change struct {
	Requirement string
	Kind        string // "added", "changed", "kept" (blank in the workbook), "unchanged"
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
			changes = append(changes, Change{Requirement: in.Requirement, Kind: "added", After: &in})
		case same(*old, in):
			changes = append(changes, Change{Requirement: in.Requirement, Kind: "unchanged", Before: old, After: &in})
		default:
			changes = append(changes, Change{Requirement: in.Requirement, Kind: "changed", Before: old, After: &in})
		}
		byReq[in.Requirement] = &incoming[i]
	}
	for _, old := range existing {
		if !seen[old.Requirement] && listed[old.Requirement] {
			o := old
			changes = append(changes, Change{Requirement: old.Requirement, Kind: "kept", Before: &o, After: &o})
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

func same(a, b coverage.Attestation) bool {
	return a.Verdict == b.Verdict && a.Note == b.Note && a.Auditor == b.Auditor && a.Date == b.Date && a.Justification == b.Justification
}

// Format writes attestations as the TOML of audit/attestations.toml, after
// a header comment.
func Format(header string, atts []coverage.Attestation) []byte {
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		b.WriteString("# " + line + "\n")
	}
	for _, a := range atts {
		b.WriteString("\n[[attestations]]\n")
		fmt.Fprintf(&b, "requirement = %s\n", quote(a.Requirement))
		fmt.Fprintf(&b, "verdict = %s\n", quote(string(a.Verdict)))
		fmt.Fprintf(&b, "auditor = %s\n", quote(a.Auditor))
		fmt.Fprintf(&b, "date = %s\n", a.Date.String())
		if a.Justification != "" {
			fmt.Fprintf(&b, "justification = %s\n", quote(a.Justification))
		}
		if a.Note != "" {
			fmt.Fprintf(&b, "note = %s\n", quote(a.Note))
		}
	}
	return b.Bytes()
}

// quote writes a TOML basic string. JSON string syntax is a subset of it
// once HTML escaping is off.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
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
