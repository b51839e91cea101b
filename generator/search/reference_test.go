package search

// The index as it was built before issue 14 (every entry's token lists
// held at once, synonyms normalised again for every entry, reflection
// sorts), kept in the tests only: TestBuildSameAsReference checks that
// Build makes byte-identical files, and the benchmarks time both in one
// run.

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Build indexes entries.
func referenceBuild(entries []Entry, syn Synonyms) *Index {
	all, avg := referenceTokenize(entries, syn)
	idx := &Index{Entries: entries, Postings: map[string][]Posting{}, DF: map[string]int{}, Synonyms: syn}
	idx.referenceWeigh(all, avg)
	idx.referenceCapPostings()
	idx.Shards = shardsFor(idx.Postings)
	return idx
}

// fields are the tokens of an entry's fields, in the order of weights.
type refFields struct{ title, headings, keywords, body, synonyms []string }

func (f refFields) all() [][]string {
	return [][]string{f.title, f.headings, f.keywords, f.body, f.synonyms}
}

// tokenize splits each entry's fields into tokens and returns them with
// the mean length of each field (at least 1).
func referenceTokenize(entries []Entry, syn Synonyms) ([]refFields, [5]float64) {
	all := make([]refFields, len(entries))
	var sum [5]float64
	for i, e := range entries {
		f := refFields{
			title:    referenceTokens(e.Title),
			headings: referenceTokens(strings.Join(e.Headings, " ")),
			keywords: referenceTokens(strings.Join(e.Keywords, " ")),
			body:     referenceTokens(e.Body),
		}
		text := Normalize(e.Title + " " + strings.Join(e.Headings, " ") + " " + strings.Join(e.Keywords, " ") + " " + e.Body)
		// An entry that uses one word of a group as often as n times is
		// indexed under the other words as often (up to 10), so the entry
		// that is about UPS outranks one that names it in passing.
		for _, group := range syn {
			n := 0
			for _, w := range group {
				n += strings.Count(text, Normalize(w))
			}
			for range min(n, 10) {
				for _, w := range group {
					f.synonyms = append(f.synonyms, referenceTokens(w)...)
				}
			}
		}
		all[i] = f
		for k, toks := range f.all() {
			sum[k] += float64(len(toks))
		}
	}
	n := math.Max(1, float64(len(entries)))
	var avg [5]float64
	for k := range sum {
		avg[k] = math.Max(1, sum[k]/n)
	}
	return all, avg
}

// weigh adds each entry's postings: per token, the weighted count of the
// token in each field, normalised by the field's length (BM25's b).
func (idx *Index) referenceWeigh(all []refFields, avg [5]float64) {
	for i, f := range all {
		tf := map[string]float64{}
		for k, toks := range f.all() {
			if len(toks) == 0 {
				continue
			}
			w := []float64{weights.title, weights.headings, weights.keywords, weights.body, weights.synonyms}[k]
			norm := 1 - b + b*float64(len(toks))/avg[k]
			counts := map[string]int{}
			for _, t := range toks {
				counts[t]++
			}
			for t, c := range counts {
				tf[t] += w * float64(c) / norm
			}
		}
		for t, v := range tf {
			idx.Postings[t] = append(idx.Postings[t], Posting{Entry: i, W: max(1, int(math.Round(v*10)))})
		}
	}
}

func (idx *Index) referenceCapPostings() {
	for t, ps := range idx.Postings {
		idx.DF[t] = len(ps)
		if len(ps) <= maxPostings {
			continue
		}
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].W > ps[j].W })
		ps = ps[:maxPostings]
		sort.Slice(ps, func(i, j int) bool { return ps[i].Entry < ps[j].Entry })
		idx.Postings[t] = ps
	}
}

func referenceTokens(s string) []string {
	var out []string
	s = Normalize(s)
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case refCJK(r):
			j := i
			for j < len(rs) && refCJK(rs[j]) {
				j++
			}
			if j-i == 1 {
				out = append(out, string(rs[i]))
			}
			for k := i; k+1 < j; k++ {
				out = append(out, string(rs[k:k+2]))
			}
			i = j
		case refWordRune(r):
			j := i
			digit := unicode.IsDigit(r)
			for j < len(rs) && refWordRune(rs[j]) && unicode.IsDigit(rs[j]) == digit {
				j++
			}
			out = append(out, string(rs[i:j]))
			i = j
		default:
			i++
		}
	}
	return out
}

func refCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func refWordRune(r rune) bool {
	return !refCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
