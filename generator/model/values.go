package model

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without time or zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2026-03-01". It also accepts single-digit months and
// days ("2026-3-1").
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	t, err := time.Parse("2006-1-2", s)
	if err != nil {
		return Date{}, false
	}
	return DateOf(t), true
}

// DateOf returns the calendar date of t, in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// String formats the date as 2026-03-01.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// AsDate interprets a front-matter value as a date: a bare TOML date or a
// quoted "2026-03-01".
func AsDate(v any) (Date, bool) {
	switch v := v.(type) {
	case time.Time:
		return DateOf(v), true
	case string:
		return ParseDate(v)
	}
	return Date{}, false
}

// String returns a string front-matter value, or "".
func (d *Document) String(name string) string {
	s, _ := d.Meta[name].(string)
	return s
}

// Date returns a date front-matter value.
func (d *Document) Date(name string) (Date, bool) {
	v, ok := d.Meta[name]
	if !ok {
		return Date{}, false
	}
	return AsDate(v)
}

// Title returns the document's title, or its id when it has none.
func (d *Document) Title() string {
	if t := d.String("title"); t != "" {
		return t
	}
	return d.ID
}

// Rows returns a table field's rows.
func (d *Document) Rows(name string) []map[string]any {
	switch v := d.Meta[name].(type) {
	case []map[string]any:
		return v
	case []any:
		var out []map[string]any
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// Items returns a front-matter value as a list: an array's elements, a
// single value as a list of one, nothing for nil.
func Items(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// Empty reports whether a front-matter value says nothing: nil, blank
// text, an empty array or an empty table.
func Empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case []map[string]any:
		return len(v) == 0
	}
	return false
}
