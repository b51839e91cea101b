package audit

import (
	"errors"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// Row is the auditor's columns of one checklist row of an audit workbook,
// as the workbook reader gives them (package excel reads the workbook;
// build hands its rows over as Rows).
type Row struct {
	Row         int    // the spreadsheet's row number
	Requirement string // requirement id
	Verdict     string // as the auditor wrote or picked it
	Note        string
	Date        string // 2026-11-10, or "" when not given or not a date
	RawDate     string // the date cell as shown, when it is not a plausible date
	Auditor     string
	// Invalid names the first column (a key of the catalog's excel.col
	// table) whose cell held bytes that are not text; the row's words
	// must not be used.
	Invalid string
}

// Input is what Import needs. Import reads no file and no clock: the
// caller reads the workbook and the attestations file and says what day
// it is.
type Input struct {
	Workbook string // the workbook's path as the user gave it, for positions
	Sheet    string // the name of the sheet the rows are on
	Rows     []Row
	// Framework is the site's framework: the requirements a row may name.
	Framework *schema.Framework
	// Existing is the text of the site's attestations file, nil when the
	// site has none.
	Existing []byte
	// Auditor is the auditor of rows that name none ("" for none).
	Auditor string
	// AsOf is the date of rows without a date, and the date the existing
	// file is read at.
	AsOf model.Date
	// Words are the site's words for the verdicts (its theme may rename
	// 满足); the ids and the built-in words are always understood.
	Words Verdicts
	// Header is the comment at the top of a new attestations file.
	Header string
}

// Imported is what an import makes of a workbook.
type Imported struct {
	// Attestations are the site's attestations after the import.
	Attestations []coverage.Attestation
	// Changes says, requirement by requirement, what the import did.
	Changes []Change
	// Changed counts the attestations added or changed.
	Changed int
	// Text is the new text of the attestations file; nil when nothing
	// changed.
	Text []byte
	// Rewritten says the old text could not be edited entry by entry and
	// Text was written anew (see Write).
	Rewritten bool
	// BadRows counts the rows that need correcting; nothing is imported
	// when there are any.
	BadRows int
	// Summary counts what the import kept as well as what it changed.
	Summary Summary
}

// errNoDate means Import was not told what day it is.
var errNoDate = errors.New("audit.Import: no AsOf date")

// Import checks the auditor's rows of a workbook and merges them into the
// attestations of Existing (see Merge). Every row that cannot be imported
// is reported at once, at its place in the workbook (Workbook:Sheet:row):
// an unknown requirement, a verdict that is no verdict, no auditor, a date
// that is no date, not applicable without a justification, cells that are
// not text. Rows with neither verdict nor a problem change nothing. When
// any row is bad, or Existing does not read without errors (reported at
// the attestations file), nothing is imported.
//
// The error is ErrReadBack (wrapped) when the edited file would not read
// back as the merged attestations: a defect, and nothing may be written.
func Import(in Input) (*Imported, diag.List, error) {
	if in.AsOf.IsZero() {
		return nil, nil, errNoDate
	}
	var existing []coverage.Attestation
	if in.Existing != nil {
		atts, _, diags := Parse(in.Existing, in.Framework, in.AsOf)
		if diags.Errors() > 0 {
			return nil, diags, nil
		}
		existing = atts
	}
	known := map[string]bool{}
	if in.Framework != nil {
		for _, a := range in.Framework.Articles {
			for _, r := range a.Requirements {
				known[r.ID] = true
			}
		}
	}
	byReq := map[string]coverage.Attestation{}
	for _, a := range existing {
		byReq[a.Requirement] = a
	}
	var diags diag.List
	listed := map[string]bool{}
	var incoming []coverage.Attestation
	for _, r := range in.Rows {
		a, listedReq, ok := in.check(r, known, &diags)
		if listedReq {
			listed[r.Requirement] = true
		}
		if !ok {
			continue
		}
		if old, found := byReq[r.Requirement]; found && Unchanged(old, a.Verdict, r.Note, a.Auditor, a.Date) {
			a = old
		}
		incoming = append(incoming, a)
	}
	if bad := diags.Errors(); bad > 0 {
		return &Imported{BadRows: bad}, diags, nil
	}
	merged, changes := Merge(existing, incoming, listed)
	res := &Imported{Attestations: merged, Changes: changes}
	for _, c := range changes {
		if c.Kind == Added || c.Kind == Changed {
			res.Changed++
		}
	}
	if res.Changed == 0 {
		res.Summary = summarize(in.Existing, nil, existing, changes, listed)
		return res, nil, nil
	}
	text, rewritten, err := Write(in.Existing, in.Header, merged)
	if err != nil {
		return nil, nil, err
	}
	res.Text, res.Rewritten = text, rewritten
	res.Summary = summarize(in.Existing, text, existing, changes, listed)
	return res, nil, nil
}

// check reads one row: the attestation it gives (ok), or its problem,
// reported at the row. listed says the row names a requirement the
// workbook lists (a row of text that cannot be read does not).
func (in *Input) check(r Row, known map[string]bool, diags *diag.List) (a coverage.Attestation, listed, ok bool) {
	pos := diag.Pos{File: in.Workbook, Sheet: in.Sheet, Line: r.Row}
	if r.Invalid != "" {
		diags.Add(pos, "audit.bad-text", r.Row, r.Requirement, diag.Key("excel.col."+r.Invalid))
		return a, false, false
	}
	if r.Verdict == "" {
		return a, true, false // a note without a verdict changes nothing
	}
	if !known[r.Requirement] {
		diags.Add(pos, "audit.unknown-requirement", r.Row, r.Requirement)
		return a, true, false
	}
	v, found := ParseVerdict(r.Verdict, in.Words)
	if !found {
		diags.Add(pos, "audit.bad-verdict", r.Row, r.Requirement, r.Verdict)
		return a, true, false
	}
	auditor := r.Auditor
	if auditor == "" {
		auditor = in.Auditor
	}
	if auditor == "" {
		diags.Add(pos, "audit.no-auditor", r.Row, r.Requirement)
		return a, true, false
	}
	date := in.AsOf
	if r.Date != "" {
		d, ok := model.ParseDate(r.Date)
		if !ok || !d.Plausible() {
			diags.Add(pos, "audit.bad-date", r.Row, r.Requirement, r.Date, model.MinYear, model.MaxYear)
			return a, true, false
		}
		date = d
	} else if r.RawDate != "" {
		diags.Add(pos, "audit.bad-date", r.Row, r.Requirement, r.RawDate, model.MinYear, model.MaxYear)
		return a, true, false
	}
	if v == coverage.NotApplicable && strings.TrimSpace(r.Note) == "" {
		diags.Add(pos, "audit.no-justification", r.Row, r.Requirement)
		return a, true, false
	}
	return Incoming(r.Requirement, v, r.Note, auditor, date), true, true
}
