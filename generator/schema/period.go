package schema

import (
	"strconv"
	"time"
)

// Period is a length of time written as a number and a unit: "12m" (months),
// "90d" (days), "1y" (years).
type Period struct {
	N    int
	Unit byte // 'd', 'm' or 'y'
}

// ParsePeriod parses "12m", "6m", "90d", "1y".
func ParsePeriod(s string) (Period, bool) {
	if len(s) < 2 {
		return Period{}, false
	}
	unit := s[len(s)-1]
	if unit != 'd' && unit != 'm' && unit != 'y' {
		return Period{}, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return Period{}, false
	}
	return Period{N: n, Unit: unit}, true
}

// Before returns the date one period before t: a record dated on or after it
// is within the period as of t.
func (p Period) Before(t time.Time) time.Time {
	switch p.Unit {
	case 'd':
		return t.AddDate(0, 0, -p.N)
	case 'm':
		return t.AddDate(0, -p.N, 0)
	default:
		return t.AddDate(-p.N, 0, 0)
	}
}

// String returns the period as written.
func (p Period) String() string { return strconv.Itoa(p.N) + string(p.Unit) }
