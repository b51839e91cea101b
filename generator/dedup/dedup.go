// Package dedup finds documents that are the same thing written twice: the
// same document number, or bodies that overlap almost entirely (a copy
// saved under a second id), and FAQ questions asked twice. The checker
// warns about them and the coverage engine counts each thing once.
//
// Near-identical bodies are found without comparing every pair: each body
// is cut into character shingles (ShingleRunes runes, spaces dropped), the
// shingles are hashed, and a MinHash signature of the set is split into
// bands; only documents that share a band bucket (and whose shingle counts
// are within the threshold of each other) are compared exactly, by the
// Jaccard index of their shingle sets. 10,000 documents take well under a
// second. No I/O.
package dedup

import (
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// Threshold is the Jaccard index of two bodies' shingle sets at or above
// which they are the same document.
const Threshold = 0.9

// ShingleRunes is the length of a shingle; MinBodyRunes the shortest body
// compared (shorter bodies are headings only, alike by nature).
const (
	ShingleRunes = 5
	MinBodyRunes = 40
	bands        = 8
	rows         = 4
)

// Why says what makes two documents duplicates.
type Why int

// The reasons.
const (
	SameNumber Why = iota + 1
	SameBody
)

// Pair is a document that duplicates an earlier one (in path order).
type Pair struct {
	Doc, Of *model.Document
	Why     Why
	// Similarity is the Jaccard index of the bodies (1 for the same number).
	Similarity float64
}

// Find returns every document that duplicates an earlier one of the same
// type, in path order (see before). Only documents for which counted is
// true take part: callers leave out retired documents and drafts (an old
// version kept with the same number is history, and untouched drafts all
// look alike).
// Documents without a type are left out too. A document is reported once,
// against the first document it duplicates.
func Find(docs []*model.Document, counted func(*model.Document) bool) []Pair {
	return (*Memo)(nil).Find(docs, counted)
}

// Memo remembers each document's MinHash signature (and, for the
// documents compared exactly, its shingles) for the documents of one
// build, so that check and the assessment (which both look for
// duplicates, among documents counted differently) hash each body once.
// It is safe for concurrent use; a nil Memo remembers nothing.
type Memo struct {
	mu   sync.Mutex
	sigs map[*model.Document]bodySig
	sets map[*model.Document][]uint64 // the shingles of the documents compared exactly (read only)
}

// bodySig is what the first pass needs of a body: the size of its
// shingle list and its signature.
type bodySig struct {
	size int
	sig  [bands * rows]uint64
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{sigs: map[*model.Document]bodySig{}, sets: map[*model.Document][]uint64{}}
}

// Find is Find with the bodies' signatures remembered.
func (m *Memo) Find(docs []*model.Document, counted func(*model.Document) bool) []Pair {
	live := liveInOrder(docs, counted)
	out, done := sameNumbers(live)
	items, buckets := bucketBodies(live, m)
	best := sameBodies(items, candidates(items, buckets), done, m)
	for _, d := range live {
		if p, ok := best[d]; ok {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return before(out[i].Doc, out[j].Doc) })
	return out
}

// liveInOrder returns the counted documents that have a type, earliest
// first.
func liveInOrder(docs []*model.Document, counted func(*model.Document) bool) []*model.Document {
	sorted := append([]*model.Document(nil), docs...)
	sort.SliceStable(sorted, func(i, j int) bool { return before(sorted[i], sorted[j]) })
	var live []*model.Document
	for _, d := range sorted {
		if d.Type != "" && counted(d) {
			live = append(live, d)
		}
	}
	return live
}

// sameNumbers pairs each document with the earlier one of its type that
// has the same number; done marks the later ones.
func sameNumbers(live []*model.Document) (out []Pair, done map[*model.Document]bool) {
	done = map[*model.Document]bool{}
	byNumber := map[string]*model.Document{}
	for _, d := range live {
		n := schema.Normalize(d.String("number"))
		if n == "" {
			continue
		}
		key := d.Type + "\x00" + n
		if first, ok := byNumber[key]; ok {
			out = append(out, Pair{Doc: d, Of: first, Why: SameNumber, Similarity: 1})
			done[d] = true
			continue
		}
		byNumber[key] = d
	}
	return out, done
}

// bodyItem is a document and the size of its shingle set.
type bodyItem struct {
	doc  *model.Document
	size int
}

// bucketBodies is the first pass: a MinHash signature per body, bucketed
// by band (and type); the shingle sets themselves are not kept, so memory
// stays small.
func bucketBodies(live []*model.Document, m *Memo) ([]bodyItem, map[uint64][]int) {
	items := make([]bodyItem, len(live))
	buckets := make(map[uint64][]int, len(live)*bands)
	var hs []uint64
	var rs []rune
	for i, d := range live {
		var bs bodySig
		var ok bool
		if m != nil {
			m.mu.Lock()
			bs, ok = m.sigs[d]
			m.mu.Unlock()
		}
		if !ok {
			hs, rs = appendHashes(hs, rs, d.Body)
			bs.size = len(hs)
			if len(hs) > 0 {
				bs.sig = signature(hs)
			}
			if m != nil {
				m.mu.Lock()
				m.sigs[d] = bs
				m.mu.Unlock()
			}
		}
		items[i] = bodyItem{doc: d, size: bs.size}
		if bs.size == 0 {
			continue
		}
		for b := 0; b < bands; b++ {
			key := mix(uint64(b) + 1)
			for _, c := range d.Type {
				key = mix(key ^ uint64(c))
			}
			for r := 0; r < rows; r++ {
				key = mix(key ^ bs.sig[b*rows+r])
			}
			buckets[key] = append(buckets[key], i)
		}
	}
	return items, buckets
}

// shingles is shingles(d.Body), remembered: a document that may
// duplicate another is compared again by every caller.
func (m *Memo) shingles(d *model.Document) []uint64 {
	if m == nil {
		return shingles(d.Body)
	}
	m.mu.Lock()
	s, ok := m.sets[d]
	m.mu.Unlock()
	if !ok {
		s = shingles(d.Body)
		m.mu.Lock()
		m.sets[d] = s
		m.mu.Unlock()
	}
	return s
}

// Keep forgets the signatures of the documents keep refuses: a preview
// that keeps one memo across rebuilds drops those of documents since
// changed or removed.
func (m *Memo) Keep(keep func(*model.Document) bool) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for d := range m.sigs {
		if !keep(d) {
			delete(m.sigs, d)
			delete(m.sets, d)
		}
	}
}

// itemPair is two indexes into the items, i < j.
type itemPair struct{ i, j int }

// candidates returns the pairs of documents sharing a bucket, of sizes
// that could reach the threshold, by later document then earlier.
func candidates(items []bodyItem, buckets map[uint64][]int) []itemPair {
	cands := map[itemPair]bool{}
	for _, b := range buckets {
		for x := 1; x < len(b); x++ {
			for y := 0; y < x; y++ {
				i, j := b[y], b[x]
				small, large := items[i].size, items[j].size
				if small > large {
					small, large = large, small
				}
				// Sizes with repeats: a loose bound, the exact one is
				// the Jaccard index below.
				if float64(small) >= 0.8*float64(large) {
					cands[itemPair{i, j}] = true
				}
			}
		}
	}
	list := make([]itemPair, 0, len(cands))
	for p := range cands {
		list = append(list, p)
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].j != list[b].j {
			return list[a].j < list[b].j
		}
		return list[a].i < list[b].i
	})
	return list
}

// sameBodies is the second pass: the exact Jaccard index for the
// candidates only, keeping for each later document its earliest
// duplicate of the same type.
func sameBodies(items []bodyItem, list []itemPair, done map[*model.Document]bool, m *Memo) map[*model.Document]Pair {
	sets := map[int][]uint64{}
	get := func(i int) []uint64 {
		if s, ok := sets[i]; ok {
			return s
		}
		s := m.shingles(items[i].doc)
		sets[i] = s
		return s
	}
	best := map[*model.Document]Pair{}
	for _, p := range list {
		later, earlier := items[p.j].doc, items[p.i].doc
		if done[later] || earlier.Type != later.Type {
			continue
		}
		if _, ok := best[later]; ok {
			continue // the earliest duplicate is already found (list is by i)
		}
		if sim := Jaccard(get(p.i), get(p.j)); sim >= Threshold {
			best[later] = Pair{Doc: later, Of: earlier, Why: SameBody, Similarity: sim}
		}
	}
	return best
}

// before orders documents by path without the extension, then by path:
// "reg-duty.md" comes before its copy "reg-duty-2026.md", which is the one
// reported.
func before(a, b *model.Document) bool {
	sa, sb := strings.TrimSuffix(a.Path, path.Ext(a.Path)), strings.TrimSuffix(b.Path, path.Ext(b.Path))
	if sa != sb {
		return sa < sb
	}
	return a.Path < b.Path
}

// Shingles hashes the ShingleRunes-rune shingles of a text with spaces and
// the Markdown marks (#, *, -, |, >) dropped, so re-wrapped or re-indented
// copies compare equal. The result is sorted, without repeats. A text
// shorter than MinBodyRunes has none.
func Shingles(text string) []uint64 { return shingles([]byte(text)) }

func shingles(text []byte) []uint64 {
	hs := hashes(text)
	slices.Sort(hs)
	return slices.Compact(hs)
}

// hashes is Shingles unsorted, with repeats: enough for a signature.
func hashes(text []byte) []uint64 {
	hs, _ := appendHashes(nil, nil, text)
	return hs
}

// appendHashes is hashes into reused buffers (hs and rs are overwritten).
func appendHashes(hs []uint64, rs []rune, text []byte) ([]uint64, []rune) {
	hs, rs = hs[:0], rs[:0]
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:]) // an invalid byte is utf8.RuneError, as ranging over a string gives
		}
		i += size
		if r < 0x80 {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || strings.IndexByte("#*-|>_`", byte(r)) >= 0 {
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3001 && r <= 0x303F {
			// Chinese characters and punctuation: neither spaces nor
			// letters with a lower case (TestHanShortcut)
		} else if unicode.IsSpace(r) {
			continue
		} else {
			r = unicode.ToLower(r)
		}
		rs = append(rs, r)
	}
	if len(rs) < MinBodyRunes {
		return hs, rs
	}
	for i := 0; i+ShingleRunes <= len(rs); i++ {
		h := uint64(ShingleRunes)
		for _, r := range rs[i : i+ShingleRunes] {
			h = (h ^ uint64(r)) * 0x100000001B3
		}
		hs = append(hs, mix(h))
	}
	return hs, rs
}

// Jaccard is |a∩b| / |a∪b| of two sorted sets.
func Jaccard(a, b []uint64) float64 {
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// signature is a one-permutation MinHash of a shingle set: the hashes are
// spread over bands×rows bins and each bin keeps its smallest value; an
// empty bin borrows from the next filled one (rotation densification), so
// equal sets always give equal signatures. One pass over the set.
func signature(set []uint64) [bands * rows]uint64 {
	const n = bands * rows
	var sig [n]uint64
	var filled [n]bool
	for _, h := range set {
		v := mix(h ^ seeds[0])
		bin := v % n
		if !filled[bin] || v < sig[bin] {
			sig[bin], filled[bin] = v, true
		}
	}
	for i := 0; i < n; i++ {
		if filled[i] {
			continue
		}
		for k := 1; k < n; k++ {
			if j := (i + k) % n; filled[j] {
				sig[i] = mix(sig[j] + uint64(k)*seeds[1])
				break
			}
		}
	}
	return sig
}

var seeds = func() []uint64 {
	s := make([]uint64, bands*rows)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range s {
		x = mix(x + uint64(i) + 1)
		s[i] = x
	}
	return s
}()

// mix is the splitmix64 finaliser.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Question folds an FAQ question for comparison: width, case, spaces and
// punctuation do not make two questions different, nor a numbering such as
// "1." or "问：".
func Question(text string) string {
	var b strings.Builder
	for _, r := range schema.Normalize(text) {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.TrimLeft(b.String(), "0123456789")
	for _, p := range []string{"问", "q"} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}
