package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"guifan/generator/internal/pool"
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

// Build indexes entries. The entries are read twice, on every core: once
// for the length of each field (BM25 normalises by the mean), once for the
// weights of their tokens, gathered in the entries' order. No entry's
// tokens are kept once its postings are made.
func Build(entries []Entry, syn Synonyms) *Index {
	idx := &Index{Entries: entries, Postings: map[string][]Posting{}, DF: map[string]int{}, Synonyms: syn}
	groups := prepare(syn)
	lens := make([]entryLen, len(entries))
	pool.For(len(entries), func(i int) { lens[i] = measure(&entries[i], groups) })
	avg := meanLengths(lens)
	// Weights, in chunks so that only one chunk's postings wait to be
	// merged.
	const chunk = 256
	weighed := make([][]tokenWeight, chunk)
	for start := 0; start < len(entries); start += chunk {
		n := min(chunk, len(entries)-start)
		pool.For(n, func(k int) {
			i := start + k
			weighed[k] = weigh(&entries[i], groups, lens[i], avg)
		})
		for k := range n {
			for _, tw := range weighed[k] {
				ps, ok := idx.Postings[tw.token]
				if !ok {
					tw.token = strings.Clone(tw.token) // not the entry's whole text
				}
				idx.Postings[tw.token] = append(ps, Posting{Entry: start + k, W: tw.w})
			}
			weighed[k] = nil
		}
	}
	idx.capPostings()
	idx.Shards = shardsFor(idx.Postings)
	return idx
}

// Fields of an entry, in the order of weights.
const (
	fieldTitle = iota
	fieldHeadings
	fieldKeywords
	fieldBody
	fieldSynonyms
	nFields
)

var fieldWeights = [nFields]float64{weights.title, weights.headings, weights.keywords, weights.body, weights.synonyms}

// group is a group of synonyms prepared once: its words normalised, and
// the tokens of all its words.
type group struct {
	words  []string
	tokens []string
}

func prepare(syn Synonyms) []group {
	out := make([]group, len(syn))
	for i, g := range syn {
		for _, w := range g {
			out[i].words = append(out[i].words, Normalize(w))
			out[i].tokens = append(out[i].tokens, Tokens(w)...)
		}
	}
	return out
}

// entryLen is an entry's number of tokens per field, and how many times
// each group of synonyms it uses counts (group index, times).
type entryLen struct {
	n    [nFields]int
	uses [][2]int
}

// fieldTexts are an entry's fields as the tokeniser reads them,
// normalised.
func fieldTexts(e *Entry) [fieldSynonyms]string {
	return [fieldSynonyms]string{
		Normalize(e.Title), Normalize(strings.Join(e.Headings, " ")),
		Normalize(strings.Join(e.Keywords, " ")), Normalize(e.Body),
	}
}

// measure counts an entry's tokens per field. An entry that uses one word
// of a group as often as n times is indexed under the other words as
// often (up to 10), so the entry that is about UPS outranks one that
// names it in passing.
func measure(e *Entry, groups []group) entryLen {
	var l entryLen
	texts := fieldTexts(e)
	for k, text := range texts {
		l.n[k] = countTokens(text)
	}
	if len(groups) == 0 {
		return l
	}
	// The whole entry: normalising is per character but for characters
	// that combine, and nothing combines with a space, so the normalised
	// fields joined by spaces are the normalised joined fields.
	text := strings.Join(texts[:], " ")
	for gi, g := range groups {
		n := 0
		for _, w := range g.words {
			n += strings.Count(text, w)
		}
		if times := min(n, 10); times > 0 {
			l.uses = append(l.uses, [2]int{gi, times})
			l.n[fieldSynonyms] += times * len(g.tokens)
		}
	}
	return l
}

// meanLengths is the mean length of each field over the entries (at
// least 1).
func meanLengths(lens []entryLen) [nFields]float64 {
	var sum [nFields]int
	for _, l := range lens {
		for k := range sum {
			sum[k] += l.n[k]
		}
	}
	n := math.Max(1, float64(len(lens)))
	var avg [nFields]float64
	for k := range sum {
		avg[k] = math.Max(1, float64(sum[k])/n)
	}
	return avg
}

// scratch are the maps weigh fills for one entry, kept for the next
// (cleared maps keep their room).
type scratch struct {
	tf     map[string]float64
	counts map[string]int
}

var scratchMaps = sync.Pool{New: func() any {
	return &scratch{tf: map[string]float64{}, counts: map[string]int{}}
}}

// tokenWeight is an entry's posting weight for a token.
type tokenWeight struct {
	token string
	w     int
}

// weigh returns an entry's weight per token: the weighted count of the
// token in each field, normalised by the field's length (BM25's b).
func weigh(e *Entry, groups []group, l entryLen, avg [nFields]float64) []tokenWeight {
	m := scratchMaps.Get().(*scratch)
	defer scratchMaps.Put(m)
	tf, counts := m.tf, m.counts
	clear(tf)
	add := func(k int) {
		norm := 1 - b + b*float64(l.n[k])/avg[k]
		for t, c := range counts {
			tf[t] += fieldWeights[k] * float64(c) / norm
		}
		clear(counts)
	}
	for k, text := range fieldTexts(e) {
		if l.n[k] == 0 {
			continue
		}
		eachToken(text, func(t string) { counts[t]++ })
		add(k)
	}
	if l.n[fieldSynonyms] > 0 {
		for _, u := range l.uses {
			for _, t := range groups[u[0]].tokens {
				counts[t] += u[1]
			}
		}
		add(fieldSynonyms)
	}
	out := make([]tokenWeight, 0, len(tf))
	for t, v := range tf {
		out = append(out, tokenWeight{t, max(1, int(math.Round(v*10)))})
	}
	return out
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
		slices.SortStableFunc(ps, func(x, y Posting) int { return cmp.Compare(y.W, x.W) })
		ps = ps[:maxPostings]
		slices.SortFunc(ps, func(x, y Posting) int { return cmp.Compare(x.Entry, y.Entry) })
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
	slices.SortFunc(out, func(x, y Result) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(x.Entry, y.Entry))
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
