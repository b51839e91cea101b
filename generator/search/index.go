package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Entry is one searchable item: a document, an FAQ question, a form, an
// article of the framework.
type Entry struct {
	Doc      string // the document (or form, or article) it belongs to
	URL      string // relative to the site root
	Title    string
	Type     string   // the type key, for filters ("faq", "regulation", ...)
	Headings []string // section headings (an FAQ entry has none)
	Keywords []string // front-matter keywords, number, aliases
	Body     string   // plain text
}

// Field weights of the ranking (BM25F): a word in the title counts six
// times a word of the body.
var weights = struct{ title, headings, keywords, body, synonyms float64 }{6, 3, 4, 1, 0.7}

// BM25 parameters.
const (
	k1 = 1.2
	b  = 0.75
)

// Index is the built index: entries and, per token, the entries that have
// it with a precomputed field-weighted, length-normalised frequency.
type Index struct {
	Entries  []Entry
	Postings map[string][]Posting // the strongest maxPostings per token, by entry
	DF       map[string]int       // how many entries have each token
	Shards   int
	Synonyms Synonyms // for highlighting the words a synonym matched
	// Stop are query tokens that carry no meaning (怎么, 如何): a query
	// drops them when it has other tokens.
	Stop []string
}

// Posting is one entry's weight for a token (tf' of BM25F, times 10,
// rounded, so it packs as an integer).
type Posting struct {
	Entry int
	W     int
}

// Synonyms are groups of words that mean the same (UPS, 不间断电源). An
// entry containing one word of a group is also indexed under the others.
type Synonyms [][]string

// ParseWords reads words separated by commas, spaces or lines; # starts a
// comment. It returns their tokens (stop words are matched token by token).
func ParseWords(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
			out = append(out, Tokens(w)...)
		}
	}
	return unique(out)
}

// ParseSynonyms reads one group per line, words separated by commas or
// "↔"; # starts a comment.
func ParseSynonyms(text string) Synonyms {
	var out Synonyms
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		line = strings.NewReplacer("↔", ",", "，", ",", "、", ",").Replace(line)
		var group []string
		for _, w := range strings.Split(line, ",") {
			if w = strings.TrimSpace(w); w != "" {
				group = append(group, w)
			}
		}
		if len(group) > 1 {
			out = append(out, group)
		}
	}
	return out
}

// Build indexes entries.
func Build(entries []Entry, syn Synonyms) *Index {
	all, avg := tokenize(entries, syn)
	idx := &Index{Entries: entries, Postings: map[string][]Posting{}, DF: map[string]int{}, Synonyms: syn}
	idx.weigh(all, avg)
	idx.capPostings()
	idx.Shards = shardsFor(idx.Postings)
	return idx
}

// fields are the tokens of an entry's fields, in the order of weights.
type fields struct{ title, headings, keywords, body, synonyms []string }

func (f fields) all() [][]string {
	return [][]string{f.title, f.headings, f.keywords, f.body, f.synonyms}
}

// tokenize splits each entry's fields into tokens and returns them with
// the mean length of each field (at least 1).
func tokenize(entries []Entry, syn Synonyms) ([]fields, [5]float64) {
	all := make([]fields, len(entries))
	var sum [5]float64
	for i, e := range entries {
		f := fields{
			title:    Tokens(e.Title),
			headings: Tokens(strings.Join(e.Headings, " ")),
			keywords: Tokens(strings.Join(e.Keywords, " ")),
			body:     Tokens(e.Body),
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
					f.synonyms = append(f.synonyms, Tokens(w)...)
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
func (idx *Index) weigh(all []fields, avg [5]float64) {
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

// capPostings records each token's document frequency. A token in
// thousands of entries says little about any of them (its idf is low) but
// would make its shard heavy: keep its strongest postings only, and its
// true count for the idf.
func (idx *Index) capPostings() {
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

// shardsFor is the number of shards (a power of two) that keeps each
// about 12 KB: a query loads one per token.
func shardsFor(postings map[string][]Posting) int {
	size := 0
	for t, ps := range postings {
		size += len(t) + 12 + len(ps)*6
	}
	shards := 1
	for shards*12*1024 < size {
		shards *= 2
	}
	return shards
}

// Result is a ranked entry.
type Result struct {
	Entry int
	Score float64
}

// maxPostings is how many postings a token keeps.
const maxPostings = 1000

// Query ranks entries for a query with the same rule as the page's script:
// BM25 over the precomputed weights, times the square of the share of the
// query's tokens an entry has, so entries with every word come first.
func (idx *Index) Query(q string) []Result {
	toks := dropStop(unique(Tokens(q)), idx.Stop)
	if len(toks) == 0 {
		return nil
	}
	n := float64(len(idx.Entries))
	score := map[int]float64{}
	matched := map[int]int{}
	for _, t := range toks {
		ps := idx.Postings[t]
		if len(ps) == 0 {
			continue
		}
		df := float64(idx.DF[t])
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			w := float64(p.W) / 10
			score[p.Entry] += idf * w * (k1 + 1) / (w + k1)
			matched[p.Entry]++
		}
	}
	var out []Result
	for e, s := range score {
		c := float64(matched[e]) / float64(len(toks))
		out = append(out, Result{Entry: e, Score: s * c * c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Entry < out[j].Entry
	})
	return out
}

// dropStop removes stop tokens unless nothing else would remain.
func dropStop(toks, stop []string) []string {
	var kept []string
	for _, t := range toks {
		if !slices.Contains(stop, t) {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		return toks
	}
	return kept
}

func unique(ts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Block size of the entry files: a result list loads the blocks of its
// entries only.
const blockSize = 4

// snippetChars is how much of an entry's text its block keeps for snippets.
const snippetChars = 300

// Files returns the index as scripts, by path under the site: search/meta.js
// (counts and type names, loaded up front), search/titles.js (titles for
// suggestions, when small), search/s/NNN.js (postings) and
// search/d/NNNN.js (titles, links and text of blocks of entries).
func (idx *Index) Files(typeLabels map[string]string) map[string][]byte {
	files := map[string][]byte{}
	types := make([]string, 0, len(typeLabels))
	for k := range typeLabels {
		types = append(types, k)
	}
	sort.Strings(types)
	var labels []string
	for _, k := range types {
		labels = append(labels, typeLabels[k])
	}
	meta := map[string]any{
		"n": len(idx.Entries), "shards": idx.Shards, "block": blockSize,
		"types": types, "labels": labels, "k1": k1, "stop": idx.Stop, "syn": idx.Synonyms,
	}
	files["search/meta.js"] = script("meta", -1, meta)

	// Postings: [entries with the token, entry gap, weight, entry gap,
	// weight, ...], entries delta-encoded.
	shards := make([]map[string][]int, idx.Shards)
	for i := range shards {
		shards[i] = map[string][]int{}
	}
	for t, ps := range idx.Postings {
		flat := []int{idx.DF[t]}
		prev := 0
		for _, p := range ps {
			flat = append(flat, p.Entry-prev, p.W)
			prev = p.Entry
		}
		shards[shardOf(t, idx.Shards)][t] = flat
	}
	for i, s := range shards {
		files[fmt.Sprintf("search/s/%03d.js", i)] = script("shard", i, s)
	}
	// Entry blocks.
	typeIndex := map[string]int{}
	for i, k := range types {
		typeIndex[k] = i
	}
	for start := 0; start < len(idx.Entries); start += blockSize {
		var block [][]any
		for _, e := range idx.Entries[start:min(start+blockSize, len(idx.Entries))] {
			text := []rune(strings.Join(strings.Fields(e.Body), " "))
			if len(text) > snippetChars {
				text = text[:snippetChars]
			}
			block = append(block, []any{e.Title, e.URL, typeIndex[e.Type], string(text), e.Doc})
		}
		files[fmt.Sprintf("search/d/%04d.js", start/blockSize)] = script("block", start/blockSize, block)
	}
	// Titles for suggestions, only while they stay small.
	var titles [][]any
	size := 0
	for i, e := range idx.Entries {
		titles = append(titles, []any{i, e.Title})
		size += len(e.Title) + 8
	}
	if size < 64*1024 {
		files["search/titles.js"] = script("titles", -1, titles)
	}
	return files
}

// script wraps data as a call that registers it with the page:
// guifanSearch.shard(12, {...}).
func script(kind string, n int, data any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(data)
	arg := ""
	if n >= 0 {
		arg = strconv.Itoa(n) + ","
	}
	return []byte("guifanSearch." + kind + "(" + arg + strings.TrimSpace(buf.String()) + ");\n")
}

// LoadedBytes returns how many bytes the search page loads for a query:
// the scripts loaded up front, the shards of the query's tokens and the
// entry blocks of the first 20 results. files is what Files returned.
func (idx *Index) LoadedBytes(files map[string][]byte, q string) int {
	n := len(files["search/meta.js"]) + len(files["search/titles.js"])
	shards := map[int]bool{}
	for _, t := range dropStop(unique(Tokens(q)), idx.Stop) {
		shards[shardOf(t, idx.Shards)] = true
	}
	for s := range shards {
		n += len(files[fmt.Sprintf("search/s/%03d.js", s)])
	}
	blocks := map[int]bool{}
	res := idx.Query(q)
	for i := 0; i < len(res) && i < 20; i++ {
		blocks[res[i].Entry/blockSize] = true
	}
	for b := range blocks {
		n += len(files[fmt.Sprintf("search/d/%04d.js", b)])
	}
	return n
}
