package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"guifan/generator/audit"
	"guifan/generator/model"
)

// Meta is what a workbook says it is about, and the name of its checklist
// sheet (positions in the workbook are path:sheet:row).
type Meta struct {
	Format, Hospital, Framework, AsOf, Lang string
	Sheet                                   string
}

// Verdict is the auditor's columns of one checklist row: the row of an
// import (package audit checks and merges it).
type Verdict = audit.Row

// Checklist is the name of the sheet Read reads the rows from in a
// workbook whose meta sheet does not name it (one written before the
// sheets were named in the site's language); Meta.Sheet gives the name.
const Checklist = checklistSheet

// Errors of Read, besides ErrNotAudit. The command names each in the
// user's language; none carries a library's words.
var (
	// ErrNotAudit means the file is a workbook but not a guifan audit
	// workbook.
	ErrNotAudit = errors.New("not a guifan audit workbook")
	// ErrNotWorkbook means the file is not an .xlsx workbook at all.
	ErrNotWorkbook = errors.New("not an xlsx workbook")
	// ErrEncrypted means the file is a password-protected workbook or an
	// old binary .xls file, which guifan cannot read.
	ErrEncrypted = errors.New("encrypted or legacy (.xls) workbook")
	// ErrDamaged means the file is a damaged workbook.
	ErrDamaged = errors.New("damaged workbook")
	// ErrTooLarge means the file is larger than model.MaxWorkbookBytes.
	ErrTooLarge = errors.New("workbook file too large")
	// ErrInflates means the parts of the workbook inflate to more than
	// model.MaxWorkbookUnzipped (a "zip bomb", or a damaged file).
	ErrInflates = errors.New("workbook inflates too much")
)

// oleMagic starts a compound file: an encrypted .xlsx or an old .xls.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// invalidMark stands in for bytes of a workbook's XML that are not UTF-8.
// excelize silently drops every shared string of a part holding such bytes
// (each cell of text would read as blank), so they are replaced by this
// noncharacter, which no keyboard types, and the cells holding it are
// reported by row.
const invalidMark = "\uFDD0"

// checkZip makes sure a workbook can be opened without exhausting memory:
// the file is at most model.MaxWorkbookBytes, and its parts, by what the
// zip's directory says and by what they really inflate to (a directory
// can lie), add up to at most model.MaxWorkbookUnzipped. It returns the
// workbook to open: data itself, or, when a part holds bytes that are not
// UTF-8, a copy in which they are replaced by invalidMark.
func checkZip(data []byte) ([]byte, error) {
	if len(data) > model.MaxWorkbookBytes {
		return nil, ErrTooLarge
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, ErrEncrypted
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || !isSpreadsheet(zr) {
		return nil, ErrNotWorkbook
	}
	if !declaredFits(zr) {
		return nil, ErrInflates
	}
	fixed, err := inflateParts(zr)
	if err != nil {
		return nil, err
	}
	if fixed == nil {
		return data, nil
	}
	return rezip(zr, fixed)
}

// isSpreadsheet reports whether a zip holds a workbook: its parts are
// under xl/, and a zip without them (a .docx, a folder someone zipped) is
// not one.
func isSpreadsheet(zr *zip.Reader) bool {
	for _, f := range zr.File {
		if strings.HasPrefix(strings.ToLower(f.Name), "xl/") {
			return true
		}
	}
	return false
}

// declaredFits reports whether the parts add up to at most
// model.MaxWorkbookUnzipped by what the zip's directory says.
func declaredFits(zr *zip.Reader) bool {
	const limit = uint64(model.MaxWorkbookUnzipped)
	var declared uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > limit || declared+f.UncompressedSize64 > limit {
			return false
		}
		declared += f.UncompressedSize64
	}
	return true
}

// inflateParts inflates every part, stopping once they add up to more
// than model.MaxWorkbookUnzipped (the directory can lie), and returns the
// XML parts with bytes that are not UTF-8, repaired (nil when there are
// none).
func inflateParts(zr *zip.Reader) (map[string][]byte, error) {
	const limit = int64(model.MaxWorkbookUnzipped)
	var actual int64
	var fixed map[string][]byte
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, ErrDamaged
		}
		part, err := io.ReadAll(io.LimitReader(rc, limit-actual+1))
		rc.Close()
		actual += int64(len(part))
		// archive/zip stops a part that inflates to more than the
		// directory says with ErrFormat: a lying directory.
		if actual > limit || errors.Is(err, zip.ErrFormat) {
			return nil, ErrInflates
		}
		if err != nil {
			return nil, ErrDamaged
		}
		if strings.HasSuffix(strings.ToLower(f.Name), ".xml") && !utf8.Valid(part) {
			if fixed == nil {
				fixed = map[string][]byte{}
			}
			fixed[f.Name] = bytes.ToValidUTF8(part, []byte(invalidMark))
		}
	}
	return fixed, nil
}

// rezip returns a copy of the workbook with the fixed parts in place of
// the originals.
func rezip(zr *zip.Reader, fixed map[string][]byte) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		h := f.FileHeader
		w, err := zw.CreateHeader(&zip.FileHeader{Name: h.Name, Method: zip.Deflate, Modified: h.Modified})
		if err != nil {
			return nil, ErrDamaged
		}
		part, ok := fixed[f.Name]
		if !ok {
			rc, err := f.Open()
			if err != nil {
				return nil, ErrDamaged
			}
			part, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, ErrDamaged
			}
		}
		if _, err := w.Write(part); err != nil {
			return nil, ErrDamaged
		}
	}
	if err := zw.Close(); err != nil {
		return nil, ErrDamaged
	}
	return out.Bytes(), nil
}

// Read returns a workbook's meta data and the auditor's columns of every
// checklist row that has an auditor's verdict or note. The workbook is
// checked with checkZip before it is opened.
func Read(data []byte) (Meta, []Verdict, error) {
	data, err := checkZip(data)
	if err != nil {
		return Meta{}, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		// Limits of excelize itself, besides checkZip's; everything stays
		// in memory (no temporary files), within the bound checked above.
		UnzipSizeLimit: model.MaxWorkbookUnzipped, UnzipXMLSizeLimit: model.MaxWorkbookUnzipped,
	})
	if errors.Is(err, excelize.ErrWorkbookFileFormat) {
		return Meta{}, nil, ErrNotWorkbook
	} else if err != nil {
		return Meta{}, nil, ErrDamaged
	}
	defer f.Close()
	m, err := readMeta(f)
	if err != nil {
		return Meta{}, nil, err
	}
	if m.Format != formatVersion {
		return m, nil, ErrNotAudit
	}
	rows, err := f.GetRows(m.Sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return m, nil, ErrNotAudit
	}
	shown, _ := f.GetRows(m.Sheet)
	var out []Verdict
	for i := firstDataRow - 1; i < len(rows); i++ {
		if v, ok := verdictRow(rows, shown, i); ok {
			out = append(out, v)
		}
	}
	return m, out, nil
}

// readMeta reads the meta sheet's key–value rows.
func readMeta(f *excelize.File) (Meta, error) {
	m := Meta{Sheet: checklistSheet}
	metaRows, err := f.GetRows(metaSheet)
	if err != nil {
		return Meta{}, ErrNotAudit
	}
	for _, r := range metaRows {
		if len(r) < 2 {
			continue
		}
		switch r[0] {
		case "format":
			m.Format = r[1]
		case "hospital":
			m.Hospital = r[1]
		case "framework":
			m.Framework = r[1]
		case "as_of":
			m.AsOf = r[1]
		case "lang":
			m.Lang = r[1]
		case "checklist":
			m.Sheet = r[1]
		}
	}
	return m, nil
}

// auditColumns are the columns read from a checklist row, each with the
// name a message gives it when it holds bytes that are not UTF-8.
var auditColumns = []struct {
	col  int
	name string
}{{colReqID, "requirement-id"}, {colAuditVerdict, "audit-verdict"}, {colAuditNote, "audit-note"}, {colAuditDate, "audit-date"}, {colAuditor, "auditor"}}

// verdictRow reads the auditor's columns of checklist row i (0-based; raw
// cell values, shown as the sheet displays them), or false when the
// auditor wrote nothing there.
func verdictRow(rows, shown [][]string, i int) (Verdict, bool) {
	get := func(c int) string {
		if c-1 < len(rows[i]) {
			return strings.TrimSpace(rows[i][c-1])
		}
		return ""
	}
	v := Verdict{Row: i + 1, Requirement: get(colReqID), Verdict: get(colAuditVerdict), Note: get(colAuditNote), Auditor: get(colAuditor)}
	if v.Requirement == "" || (v.Verdict == "" && v.Note == "" && v.Auditor == "") {
		return Verdict{}, false
	}
	raw := get(colAuditDate)
	for _, c := range auditColumns {
		if strings.Contains(get(c.col), invalidMark) {
			v.Invalid = c.name
			break
		}
	}
	if v.Invalid != "" {
		// Shown in messages: the usual replacement character.
		for _, f := range []*string{&v.Requirement, &v.Verdict, &v.Note, &v.Auditor} {
			*f = strings.ReplaceAll(*f, invalidMark, "\uFFFD")
		}
		return v, true
	}
	if d, ok := cellDate(raw); ok {
		v.Date = d
	} else if raw != "" {
		v.RawDate = raw
		if i < len(shown) && colAuditDate-1 < len(shown[i]) {
			v.RawDate = shown[i][colAuditDate-1]
		}
	}
	return v, true
}

// cellDate reads a date cell: a serial number (what spreadsheets store) or
// text such as 2026-11-10 or 2026/11/10. Only a plausible date (see
// model.Date.Plausible) is a date: a number such as 2 typed into a date
// cell, which a spreadsheet shows as 1900-01-02, is not.
func cellDate(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	var d model.Date
	if x, err := strconv.ParseFloat(raw, 64); err == nil {
		// Serials of the years guifan accepts are five-digit numbers; the
		// bounds keep ExcelDateToTime away from absurd values.
		if x < 1 || x > 1e6 {
			return "", false
		}
		t, err := excelize.ExcelDateToTime(x, false)
		if err != nil {
			return "", false
		}
		d = model.DateOf(t)
	} else {
		parsed := false
		for _, layout := range []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"} {
			if t, err := time.Parse(layout, raw); err == nil {
				d, parsed = model.DateOf(t), true
				break
			}
		}
		if !parsed {
			return "", false
		}
	}
	if !d.Plausible() {
		return "", false
	}
	return d.String(), true
}

func dateValue(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
