package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	// Prior multiplies the score of a type's entries in the second stage
	// of ranking (Query): the framework's articles below the hospital's
	// own documents that use the same words.
	Prior map[string]float64
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
	m := newMatcher(groups)
	lens := make([]entryLen, len(entries))
	pool.For(len(entries), func(i int) { lens[i] = measure(&entries[i], groups, m) })
	avg := meanLengths(lens)
	// Weights, in chunks so that only one chunk's postings wait to be
	// merged; each chunk merged part by part (merge.go).
	const chunk = 256
	ws := make([]weighed, chunk)
	var parts [nParts]part
	for start := 0; start < len(entries); start += chunk {
		n := min(chunk, len(entries)-start)
		pool.For(n, func(k int) {
			i := start + k
			ws[k] = byPart(weigh(&entries[i], groups, lens[i], avg))
			lens[i].texts = [fieldSynonyms]string{} // normalised once, weighed once
		})
		pool.For(nParts, func(p int) {
			for k := range n {
				parts[p].add(start+k, ws[k].tws[ws[k].off[p]:ws[k].off[p+1]])
			}
		})
		clear(ws)
	}
	var done [nParts]merged
	pool.For(nParts, func(p int) { done[p] = parts[p].finish() })
	tokens := 0
	for _, m := range done {
		tokens += len(m.tokens)
	}
	idx.Postings = make(map[string][]Posting, tokens)
	idx.DF = make(map[string]int, tokens)
	for _, m := range done {
		for i, t := range m.tokens {
			idx.Postings[t] = m.postings[i]
			idx.DF[t] = m.df[i]
		}
	}
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
	// texts are the entry's fields normalised (fieldTexts), kept from
	// measure for weigh.
	texts [fieldSynonyms]string
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
func measure(e *Entry, groups []group, m *matcher) entryLen {
	var l entryLen
	texts := fieldTexts(e)
	l.texts = texts
	for k, text := range texts {
		l.n[k] = countTokens(text)
	}
	if len(groups) == 0 {
		return l
	}
	// The whole entry: normalising is per character but for characters
	// that combine, and nothing combines with a space, so the normalised
	// fields joined by spaces are the normalised joined fields.
	buf := joinBufs.Get().(*[]byte)
	defer joinBufs.Put(buf)
	text := (*buf)[:0]
	for k, t := range texts {
		if k > 0 {
			text = append(text, ' ')
		}
		text = append(text, t...)
	}
	*buf = text
	counts := m.count(text)
	for gi := range groups {
		n := 0
		for _, wi := range m.ofGroup[gi] {
			n += counts[wi]
		}
		if times := min(n, 10); times > 0 {
			l.uses = append(l.uses, [2]int{gi, times})
			l.n[fieldSynonyms] += times * len(groups[gi].tokens)
		}
	}
	return l
}

// joinBufs hold an entry's fields joined, for counting its synonyms.
var joinBufs = sync.Pool{New: func() any { return new([]byte) }}

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
	for k, text := range l.texts {
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

// Result is a ranked entry. Exact is true when the entry matches every
// word of the query (at least half of the tokens of each word, see
// Index.exact); the others are near matches, listed after every exact one.
type Result struct {
	Entry int
	Score float64
	Exact bool
}

// maxPostings is how many postings a token keeps.
const maxPostings = 1000

// Rerank is how many of the first results the second stage orders again
// with what only the entry blocks tell (title, type, document): the page
// loads those blocks for the first results anyway.
const Rerank = 20

// Factors of the second stage.
const (
	titleBoost = 2.0 // the title holds a query word (or a synonym of one) whole
	repeatDoc  = 0.5 // each further entry of a document already listed
)

// Query ranks entries for a query with the same rule as the page's script:
// BM25 over the precomputed weights, times the square of the share of the
// query's tokens an entry has, so entries with every word come first; exact
// matches before near ones. Then the first Rerank are ordered again: a
// title that holds a query word whole counts double, a type's prior
// (Index.Prior: the framework's articles below the hospital's own
// documents) multiplies, and each further entry of the same document
// counts half as much as the one before, so that the first results are
// different documents.
func (idx *Index) Query(q string) []Result {
	toks := dropStop(unique(Tokens(q)), idx.Stop)
	if len(toks) == 0 {
		return nil
	}
	words := idx.queryWords(q, toks)
	n := float64(len(idx.Entries))
	score := map[int]float64{}
	has := map[int][]bool{}
	for ti, t := range toks {
		ps := idx.Postings[t]
		if len(ps) == 0 {
			continue
		}
		df := float64(idx.DF[t])
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			w := float64(p.W) / 10
			score[p.Entry] += idf * w * (k1 + 1) / (w + k1)
			if has[p.Entry] == nil {
				has[p.Entry] = make([]bool, len(toks))
			}
			has[p.Entry][ti] = true
		}
	}
	var out []Result
	for e, s := range score {
		matched := 0
		for _, h := range has[e] {
			if h {
				matched++
			}
		}
		c := float64(matched) / float64(len(toks))
		out = append(out, Result{Entry: e, Score: s * c * c, Exact: exact(words, has[e])})
	}
	sortResults(out)
	top := out[:min(Rerank, len(out))]
	phrases := idx.Phrases(q)
	for i := range top {
		e := &idx.Entries[top[i].Entry]
		f := 1.0
		if p, ok := idx.Prior[e.Type]; ok {
			f *= p
		}
		if TitleHas(e.Title, phrases) {
			f *= titleBoost
		}
		top[i].Score *= f
	}
	sortResults(top)
	seen := map[string]int{}
	for i := range top {
		d := idx.Entries[top[i].Entry].Doc
		top[i].Score *= math.Pow(repeatDoc, float64(seen[d]))
		seen[d]++
	}
	sortResults(top)
	return out
}

func sortResults(rs []Result) {
	slices.SortFunc(rs, func(x, y Result) int {
		return cmp.Or(compareBool(y.Exact, x.Exact), cmp.Compare(y.Score, x.Score), cmp.Compare(x.Entry, y.Entry))
	})
}

func compareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// queryWords are the query's words (a run of Chinese, a Latin word, a
// number) as the indexes of their tokens in toks; a word all of whose
// tokens were dropped as stop words is left out.
func (idx *Index) queryWords(q string, toks []string) [][]int {
	var words [][]int
	for _, run := range runs(Normalize(q)) {
		var word []int
		for _, t := range Tokens(run) {
			if i := slices.Index(toks, t); i >= 0 && !slices.Contains(word, i) {
				word = append(word, i)
			}
		}
		words = appendWord(words, word)
	}
	return words
}

func appendWord(words [][]int, w []int) [][]int {
	if len(w) == 0 {
		return words
	}
	return append(words, w)
}

// runs splits normalised text into maximal runs of Chinese characters and
// of letters and digits.
func runs(s string) []string {
	var out []string
	var b strings.Builder
	kind := 0 // 0 none, 1 cjk, 2 word
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		k := 0
		switch {
		case cjk(r):
			k = 1
		case wordRune(r):
			k = 2
		}
		if k != kind {
			flush()
			kind = k
		}
		if k != 0 {
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

// exact reports whether an entry that has the tokens has (by index in the
// query's tokens) matches every word: at least half of each word's tokens
// (xyz不存在 has no exact match where only 存在 occurs).
func exact(words [][]int, has []bool) bool {
	for _, w := range words {
		n := 0
		for _, i := range w {
			if has[i] {
				n++
			}
		}
		if 2*n < len(w) {
			return false
		}
	}
	return true
}

// Phrases are the query's words of two characters or more, and every
// word of a synonym group one of them names, normalised and without
// punctuation: what a title must hold whole to count double.
func (idx *Index) Phrases(q string) []string {
	nq := Normalize(q)
	var out []string
	for _, r := range runs(nq) {
		if utf8.RuneCountInString(r) >= 2 && !slices.Contains(idx.Stop, r) {
			out = append(out, r)
		}
	}
	for _, g := range idx.Synonyms {
		hit := false
		for _, w := range g {
			if strings.Contains(nq, Normalize(w)) {
				hit = true
			}
		}
		if hit {
			for _, w := range g {
				if p := strings.Join(runs(Normalize(w)), ""); utf8.RuneCountInString(p) >= 2 {
					out = append(out, p)
				}
			}
		}
	}
	return unique(out)
}

// TitleHas reports whether a title, normalised and without punctuation or
// spaces, holds one of the phrases.
func TitleHas(title string, phrases []string) bool {
	t := strings.Join(runs(Normalize(title)), "")
	for _, p := range phrases {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
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

// textBlock is how many entries' texts one text file holds
// (search/t/NNNN.js): more than an entry block, as only the first results
// whose start lacks the words load one, and fewer files are quicker to
// write (BenchmarkIndex10k: 4,263 files at 10,000 documents with 8, 5,512
// with 4, 11,681 with one file per text).
const textBlock = 8

// snippetChars is how much of an entry's text its block keeps for snippets.
const snippetChars = 300

// fullChars is how much of a longer entry's text the page may show a
// snippet from: the start in its block, the rest in its block's text file
// (search/t/NNNN.js, the texts of textBlock entries), for snippets around
// words found further in.
const fullChars = 3000

// snippetShown is how many of the first results the page loads the rest
// of the text of, when their start does not have the words found.
const snippetShown = 10

// TextFile is the path of the file that holds the rest of the texts of
// the text block (entries block*textBlock to (block+1)*textBlock-1).
func TextFile(block int) string { return fmt.Sprintf("search/t/%04d.js", block) }

// Files returns the index as scripts, by path under the site: search/meta.js
// (counts and type names, loaded up front), search/titles.js (titles for
// suggestions, when small), search/s/NNN.js (postings),
// search/d/NNNN.js (titles, links and the start of the text of blocks of
// entries) and search/t/NNNN.js (the rest of the longer texts of blocks
// of textBlock entries). A block's texts are one file, not one file each:
// creating a file costs more than its bytes. They are EntryFiles and
// PostingFiles together.
func (idx *Index) Files(typeLabels map[string]string) map[string][]byte {
	files := EntryFiles(idx.Entries, typeLabels)
	maps.Copy(files, idx.PostingFiles(typeLabels))
	return files
}

// PostingFiles are the index's files made from its postings:
// search/meta.js and search/s/NNN.js.
func (idx *Index) PostingFiles(typeLabels map[string]string) map[string][]byte {
	files := map[string][]byte{}
	files["search/meta.js"] = idx.Meta(typeLabels)

	// Postings: [entries with the token, entry gap, weight, entry gap,
	// weight, ...], entries delta-encoded; each shard's tokens in order.
	shards := make([][]string, idx.Shards)
	for t := range idx.Postings {
		i := shardOf(t, idx.Shards)
		shards[i] = append(shards[i], t)
	}
	for i, toks := range shards {
		slices.Sort(toks)
		files[fmt.Sprintf("search/s/%03d.js", i)] = scriptOf("shard", i, func(b []byte) []byte {
			b = append(b, '{')
			for k, t := range toks {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, t)
				b = append(b, ':', '[')
				b = strconv.AppendInt(b, int64(idx.DF[t]), 10)
				prev := 0
				for _, p := range idx.Postings[t] {
					b = append(b, ',')
					b = strconv.AppendInt(b, int64(p.Entry-prev), 10)
					b = append(b, ',')
					b = strconv.AppendInt(b, int64(p.W), 10)
					prev = p.Entry
				}
				b = append(b, ']')
			}
			return append(b, '}')
		})
	}
	return files
}

// EntryFiles are the files of an index of entries that need the entries
// alone, not their postings: search/d/NNNN.js, search/t/NNNN.js and
// search/titles.js. They are the same for the entries Build is given, so
// they can be written while Build makes the postings (entries are only
// read).
func EntryFiles(entries []Entry, typeLabels map[string]string) map[string][]byte {
	files := map[string][]byte{}
	types := sortedTypes(typeLabels)
	// Entry blocks: [title, url, type, start of the text, document] each;
	// an entry's text with its spaces folded.
	typeIndex := map[string]int{}
	for i, k := range types {
		typeIndex[k] = i
	}
	folded := make([]string, len(entries))
	for i, e := range entries {
		folded[i] = strings.Join(strings.Fields(e.Body), " ")
	}
	for start := 0; start < len(entries); start += blockSize {
		end := min(start+blockSize, len(entries))
		files[fmt.Sprintf("search/d/%04d.js", start/blockSize)] = scriptOf("block", start/blockSize, func(b []byte) []byte {
			b = append(b, '[')
			for i := start; i < end; i++ {
				e := &entries[i]
				if i > start {
					b = append(b, ',')
				}
				b = append(b, '[')
				b = appendJSONString(b, e.Title)
				b = append(b, ',')
				b = appendJSONString(b, e.URL)
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(typeIndex[e.Type]), 10)
				b = append(b, ',')
				b = appendJSONString(b, firstRunes(folded[i], snippetChars))
				b = append(b, ',')
				b = appendJSONString(b, e.Doc)
				b = append(b, ']')
			}
			return append(b, ']')
		})
	}
	// The rest of the longer texts (up to fullChars with the start), a
	// block's in one file, null for an entry with no more: loaded for a
	// shown result whose start does not have the words found.
	for start := 0; start < len(entries); start += textBlock {
		end := min(start+textBlock, len(entries))
		rest := make([]string, end-start)
		has := make([]bool, end-start)
		for i := start; i < end; i++ {
			if utf8.RuneCountInString(folded[i]) > snippetChars {
				rest[i-start], has[i-start] = restRunes(folded[i], snippetChars, fullChars), true
			}
		}
		if !slices.Contains(has, true) {
			continue
		}
		files[TextFile(start/textBlock)] = scriptOf("text", start/textBlock, func(b []byte) []byte {
			b = append(b, '[')
			for k, r := range rest {
				if k > 0 {
					b = append(b, ',')
				}
				if has[k] {
					b = appendJSONString(b, r)
				} else {
					b = append(b, "null"...)
				}
			}
			return append(b, ']')
		})
	}
	// Titles for suggestions, only while they stay small.
	size := 0
	for _, e := range entries {
		size += len(e.Title) + 8
	}
	if size < 64*1024 {
		files["search/titles.js"] = scriptOf("titles", -1, func(b []byte) []byte {
			if len(entries) == 0 {
				return append(b, "null"...)
			}
			b = append(b, '[')
			for i, e := range entries {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '[')
				b = strconv.AppendInt(b, int64(i), 10)
				b = append(b, ',')
				b = appendJSONString(b, e.Title)
				b = append(b, ']')
			}
			return append(b, ']')
		})
	}
	return files
}

// restRunes is string([]rune(s)[from:to]) (up to the end of s when
// shorter).
func restRunes(s string, from, to int) string {
	r := []rune(s) // invalid bytes become U+FFFD, as the block had them
	return string(r[min(from, len(r)):min(to, len(r))])
}

// firstRunes is string([]rune(s)[:n]) (all of s when shorter).
func firstRunes(s string, n int) string {
	if !utf8.ValidString(s) {
		r := []rune(s) // invalid bytes become U+FFFD, as the block had them
		return string(r[:min(len(r), n)])
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// scriptOf is script with the JSON of its data written by data: the files
// of the index are written without reflection, byte for byte as
// encoding/json writes them.
func scriptOf(kind string, n int, data func([]byte) []byte) []byte {
	b := make([]byte, 0, 256)
	b = append(b, "guifanSearch."...)
	b = append(b, kind...)
	b = append(b, '(')
	if n >= 0 {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, ',')
	}
	b = data(b)
	return append(b, ");\n"...)
}

// appendJSONString appends s as a JSON string, as encoding/json writes it
// with HTML escaping off: as it is when nothing in it needs escaping.
func appendJSONString(b []byte, s string) []byte {
	if plainJSON(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// plainJSON reports whether encoding/json writes s between quotes as it
// is: valid UTF-8 without quotes, backslashes, control characters or line
// and paragraph separators.
func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

func sortedTypes(typeLabels map[string]string) []string {
	types := make([]string, 0, len(typeLabels))
	for k := range typeLabels {
		types = append(types, k)
	}
	sort.Strings(types)
	return types
}

// Meta is search/meta.js (Files) with the types' names typeLabels: a
// site's other language has its own, for the same index.
func (idx *Index) Meta(typeLabels map[string]string) []byte {
	types := sortedTypes(typeLabels)
	var labels []string
	for _, k := range types {
		labels = append(labels, typeLabels[k])
	}
	meta := map[string]any{
		"n": len(idx.Entries), "shards": idx.Shards, "block": blockSize, "tblock": textBlock,
		"types": types, "labels": labels, "k1": k1, "stop": idx.Stop, "syn": idx.Synonyms,
		"prior": idx.Prior, "rerank": Rerank, "boost": titleBoost, "repeat": repeatDoc, "full": fullChars,
	}
	return script("meta", -1, meta)
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
// the scripts loaded up front, the shards of the query's tokens, the
// entry blocks of the first Rerank results and the text files of the
// blocks of those of the first snippetShown whose start (as long as a
// block keeps) does not have the words found. files is what Files
// returned.
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
	for i := 0; i < len(res) && i < Rerank; i++ {
		blocks[res[i].Entry/blockSize] = true
	}
	for b := range blocks {
		n += len(files[fmt.Sprintf("search/d/%04d.js", b)])
	}
	ts := idx.terms(q)
	texts := map[int]bool{}
	for i := 0; i < len(res) && i < snippetShown; i++ {
		e := res[i].Entry
		start := firstRunes(strings.Join(strings.Fields(idx.Entries[e].Body), " "), snippetChars)
		if utf8.RuneCountInString(start) >= snippetChars && !found(start, ts) {
			texts[e/textBlock] = true
		}
	}
	for b := range texts {
		n += len(files[TextFile(b)])
	}
	return n
}

// terms are what the page highlights and looks for in a snippet's text
// (terms in search.js): the words of synonym groups the query names, the
// query's words, each run of Chinese or of letters in them, and the
// bigrams of Chinese runs longer than two characters.
func (idx *Index) terms(q string) []string {
	var out []string
	nq := Normalize(q)
	for _, g := range idx.Synonyms {
		hit := false
		for _, w := range g {
			hit = hit || strings.Contains(nq, Normalize(w))
		}
		if hit {
			for _, w := range g {
				out = append(out, Normalize(w))
			}
		}
	}
	for _, w := range strings.FieldsFunc(nq, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		out = append(out, w)
		for _, r := range runs(w) {
			if r != w {
				out = append(out, r)
			}
			rs := []rune(r)
			if len(rs) > 2 && cjk(rs[0]) {
				for i := 0; i+1 < len(rs); i++ {
					out = append(out, string(rs[i:i+2]))
				}
			}
		}
	}
	return unique(out)
}

// found reports whether a text has one of the terms (found in search.js).
func found(text string, ts []string) bool {
	lower := Normalize(text)
	for _, t := range ts {
		if strings.Contains(lower, t) {
			return true
		}
	}
	return false
}
