package skeleton

import (
	"reflect"
	"testing"
	"time"

	"guifan/generator/schema"
	"guifan/schemas"
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

// TestValuesFromID: an id that names a post (by its value or an alias)
// gives the job duty that post; the longest run of the id's parts wins;
// an id naming none, and a type whose values carry no guidance, give
// nothing.
func TestValuesFromID(t *testing.T) {
	t.Parallel()
	set, diags := schema.Load(schemas.FS)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	duty := set.Types["job-duty"]
	for id, want := range map[string]string{
		"job-duty-dba":            `"dba"`,
		"duty-onsite-support":     `"onsite-support"`,
		"onsite-support-2":        `"onsite-support"`,
		"duty-service-desk":       `"service-desk"`,
		"岗位-数据库管理岗":               `"dba"`,
		"duty-Network":            `"network"`,
		"duty-cashier":            "",
		"dutysecurity":            "",
		"job-duty-security-2026":  `"security"`,
		"research-implementation": `"research-implementation"`,
	} {
		got := ValuesFromID(duty, id)["post"]
		if got != want {
			t.Errorf("ValuesFromID(job-duty, %q) post = %q, want %q", id, got, want)
		}
	}
	if got := ValuesFromID(set.Types["regulation"], "reg-security"); len(got) != 0 {
		t.Errorf("a regulation's kinds carry no guidance, yet the id gave %v", got)
	}
}
