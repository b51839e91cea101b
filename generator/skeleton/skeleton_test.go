package skeleton

import (
	"reflect"
	"testing"
	"time"

	"guifan/generator/schema"
)

func TestYearsOfAndParseTerm(t *testing.T) {
	t.Parallel()
	for id, want := range map[string][]int{
		"plan-2027-2031": {2027, 2031}, "plan-2027": {2027}, "plan-next": nil, "plan-12345": nil, "v2200-1899": nil, "2026年计划": {2026},
	} {
		if got := YearsOf(id); !reflect.DeepEqual(got, want) {
			t.Errorf("YearsOf(%q) = %v, want %v", id, got, want)
		}
	}
	for term, want := range map[string][]int{
		"2027-2031": {2027, 2031}, "2027–2031": {2027, 2031}, "2027": {2027}, "2031-2027": nil, "x2027": nil, "2027-2031-2035": nil, "": nil,
	} {
		if got := ParseTerm(term); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseTerm(%q) = %v, want %v", term, got, want)
		}
	}
}

// TestYearFor: a year field takes the FromID-th year of the id; the end
// of a term the id gives one year of is that plus After; with no year in
// the id it is the planning year (this year, the next from October).
func TestYearFor(t *testing.T) {
	t.Parallel()
	start := &schema.Field{Name: "term_start", Type: "year", FromID: 1}
	end := &schema.Field{Name: "term_end", Type: "year", FromID: 2, After: 4}
	june := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	nov := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		f     *schema.Field
		years []int
		now   time.Time
		want  int
	}{
		{start, []int{2027, 2031}, june, 2027},
		{end, []int{2027, 2031}, june, 2031},
		{end, []int{2032}, june, 2036},
		{start, nil, june, 2026},
		{end, nil, june, 2030},
		{start, nil, nov, 2027},
		{end, nil, nov, 2031},
	}
	for _, c := range cases {
		if got := yearFor(c.f, c.years, c.now); got != c.want {
			t.Errorf("yearFor(%s, %v, %s) = %d, want %d", c.f.Name, c.years, c.now.Format("2006-01"), got, c.want)
		}
	}
}
