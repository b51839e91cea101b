package excel

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Meta is what a workbook says it is about.
type Meta struct {
	Format, Hospital, Framework, AsOf, Lang string
}

// Verdict is the auditor's columns of one checklist row.
type Verdict struct {
	Row         int    // spreadsheet row, for messages
	Requirement string // requirement id
	Verdict     string // as the auditor wrote or picked it
	Note        string
	Date        string // 2026-11-10, or "" when not given or not a date
	RawDate     string // the date cell as shown, when it is not a date
	Auditor     string
}

// ErrNotAudit means the file is not a guifan audit workbook.
var ErrNotAudit = errors.New("not a guifan audit workbook")

// Read returns a workbook's meta data and the auditor's columns of every
// checklist row that has an auditor's verdict or note.
func Read(data []byte) (Meta, []Verdict, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return Meta{}, nil, err
	}
	defer f.Close()
	var m Meta
	metaRows, err := f.GetRows(metaSheet)
	if err != nil {
		return Meta{}, nil, ErrNotAudit
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
		}
	}
	if m.Format != formatVersion {
		return m, nil, ErrNotAudit
	}
	rows, err := f.GetRows(checklistSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return m, nil, ErrNotAudit
	}
	shown, _ := f.GetRows(checklistSheet)
	var out []Verdict
	for i := firstDataRow - 1; i < len(rows); i++ {
		get := func(c int) string {
			if c-1 < len(rows[i]) {
				return strings.TrimSpace(rows[i][c-1])
			}
			return ""
		}
		v := Verdict{Row: i + 1, Requirement: get(colReqID), Verdict: get(colAuditVerdict), Note: get(colAuditNote), Auditor: get(colAuditor)}
		if v.Requirement == "" || (v.Verdict == "" && v.Note == "" && v.Auditor == "") {
			continue
		}
		raw := get(colAuditDate)
		if d, ok := cellDate(raw); ok {
			v.Date = d
		} else if raw != "" {
			v.RawDate = raw
			if i < len(shown) && colAuditDate-1 < len(shown[i]) {
				v.RawDate = shown[i][colAuditDate-1]
			}
		}
		out = append(out, v)
	}
	return m, out, nil
}

// cellDate reads a date cell: a serial number (what spreadsheets store) or
// text such as 2026-11-10 or 2026/11/10.
func cellDate(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	if x, err := strconv.ParseFloat(raw, 64); err == nil && x > 1 && x < 100000 {
		t, err := excelize.ExcelDateToTime(x, false)
		if err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	for _, layout := range []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"} {
		if t, err := time.Parse(layout, raw); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

func dateValue(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
