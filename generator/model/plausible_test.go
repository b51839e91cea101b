package model

import (
	"testing"
	"time"
)

func TestPlausible(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want bool
	}{
		{Date{2026, time.November, 10}, true},
		{Date{MinYear, time.January, 1}, true},
		{Date{MaxYear, time.December, 31}, true},
		{Date{MinYear - 1, time.December, 31}, false},
		{Date{MaxYear + 1, time.January, 1}, false},
		{Date{1900, time.January, 2}, false},  // the number 2 in a date cell
		{Date{2173, time.October, 13}, false}, // serial 99999
		{Date{2026, time.February, 30}, false},
		{Date{2026, 13, 1}, false},
		{Date{2026, 0, 1}, false},
		{Date{2026, time.March, 0}, false},
		{Date{}, false},
	} {
		if got := c.d.Plausible(); got != c.want {
			t.Errorf("%v.Plausible() = %v, want %v", c.d, got, c.want)
		}
	}
}
