package search

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestPartCapsAsStableSort: a part keeps, of a token in more than
// maxPostings entries, the postings a stable sort by weight (heaviest
// first) cut at maxPostings keeps, in the entries' order: with weights
// counted in an array, with weights too heavy for one (sorted), with many
// ties at the threshold, and for tokens under the cap.
func TestPartCapsAsStableSort(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		token string
		n     int
		w     func() int
	}{
		{"few", 40, func() int { return 1 + r.IntN(50) }},
		{"exact", maxPostings, func() int { return 1 + r.IntN(5) }},
		{"ties", 3000, func() int { return 1 + r.IntN(3) }},
		{"spread", 2500, func() int { return 1 + r.IntN(400) }},
		{"heavy", 1800, func() int { return 1 + r.IntN(4)*histMax }},
		{"one", 1200, func() int { return 7 }},
	}
	var pt part
	want := map[string][]Posting{}
	for _, c := range cases {
		var ps []Posting
		for e := range c.n * 2 {
			if e%2 == 0 || len(ps) >= c.n {
				continue
			}
			ps = append(ps, Posting{Entry: e, W: c.w()})
		}
		for len(ps) < c.n {
			ps = append(ps, Posting{Entry: c.n*2 + len(ps), W: c.w()})
		}
		for _, p := range ps {
			pt.add(p.Entry, []tokenWeight{{strings.Clone(c.token), p.W}})
		}
		ref := slices.Clone(ps)
		if len(ref) > maxPostings {
			slices.SortStableFunc(ref, func(x, y Posting) int { return cmp.Compare(y.W, x.W) })
			ref = ref[:maxPostings]
			slices.SortFunc(ref, func(x, y Posting) int { return cmp.Compare(x.Entry, y.Entry) })
		}
		want[c.token] = ref
	}
	m := pt.finish()
	if len(m.tokens) != len(cases) {
		t.Fatalf("%d tokens, want %d", len(m.tokens), len(cases))
	}
	for i, tok := range m.tokens {
		c := cases[slices.IndexFunc(cases, func(c struct {
			token string
			n     int
			w     func() int
		}) bool {
			return c.token == tok
		})]
		if m.df[i] != c.n {
			t.Errorf("%s: df %d, want %d", tok, m.df[i], c.n)
		}
		if !reflect.DeepEqual(m.postings[i], want[tok]) {
			t.Errorf("%s: %d postings differ from the stable sort's %d", tok, len(m.postings[i]), len(want[tok]))
		}
	}
}
