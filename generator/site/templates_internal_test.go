package site

import (
	"html/template"
	"testing"
)

// A phone number becomes a link that dials exactly it; anything that is
// not plainly one number stays text (telURL returns "").
func TestTelURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]template.URL{
		"8000":             "tel:8000",
		" 010-65128000 ":   "tel:010-65128000",
		"(010)65128000":    "tel:01065128000",
		"（010）65128000":    "tel:01065128000",
		"+86-10-65128000":  "tel:+86-10-65128000",
		"120":              "tel:120",
		"12":               "",
		"8000 8001":        "",
		"8000转2":           "",
		"８０００":             "",
		"1+2":              "",
		"javascript:1":     "",
		"":                 "",
		"1234567890123456": "",
	} {
		if got := telURL(in); got != want {
			t.Errorf("telURL(%q) = %q, want %q", in, got, want)
		}
	}
}
