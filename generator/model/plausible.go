package model

// Plausible reports whether d is a real calendar date between the years
// MinYear and MaxYear (inclusive). Dates outside that range are typing
// errors (a year of 20026, a workbook cell holding the number 2 that a
// spreadsheet shows as 1900-01-02): every reader of dates, in content and
// in workbooks, refuses them with a message naming where the date was.
func (d Date) Plausible() bool {
	if d.Year < MinYear || d.Year > MaxYear {
		return false
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	// Time normalises 2026-02-30 to 2026-03-02; a real date survives.
	return DateOf(d.Time()) == d
}
