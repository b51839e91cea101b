package search

import (
	"cmp"
	"slices"
	"strings"
)

// The postings are merged in parts, by hash of the token, each part on its
// own core: a part's tokens are numbered as they come, their postings
// appended to one list of records in the entries' order, and the records
// sorted into each token's list once all entries are in (counted first,
// so each part allocates its postings once). A token in more than
// maxPostings entries keeps its strongest, picked by counting its weights
// instead of sorting its postings.

// nParts is how many parts the tokens are merged in.
const nParts = 64

// weighed is an entry's tokenWeights grouped by part: part p's are
// tws[off[p]:off[p+1]].
type weighed struct {
	tws []tokenWeight
	off [nParts + 1]int32
}

// byPart groups an entry's weights by part (the order within a part does
// not matter: an entry has each token once).
func byPart(tws []tokenWeight) weighed {
	var w weighed
	parts := make([]uint8, len(tws))
	for i, tw := range tws {
		p := shardOf(tw.token, nParts)
		parts[i] = uint8(p)
		w.off[p+1]++
	}
	for p := range nParts {
		w.off[p+1] += w.off[p]
	}
	pos := w.off
	w.tws = make([]tokenWeight, len(tws))
	for i, tw := range tws {
		w.tws[pos[parts[i]]] = tw
		pos[parts[i]]++
	}
	return w
}

// record is one posting of a part's token, by number.
type record struct {
	id    int32
	entry int32
	w     int
}

// recordChunk is how many records a part allocates at a time (no list is
// copied as it grows).
const recordChunk = 4096

// part is one part's tokens and postings while entries are added.
type part struct {
	ids    map[string]int32
	tokens []string
	recs   [][]record // chunks of recordChunk
}

// add appends an entry's postings for the part's tokens.
func (pt *part) add(entry int, tws []tokenWeight) {
	if pt.ids == nil {
		pt.ids = map[string]int32{}
	}
	for _, tw := range tws {
		id, ok := pt.ids[tw.token]
		if !ok {
			t := strings.Clone(tw.token) // not the entry's whole text
			id = int32(len(pt.tokens))
			pt.ids[t] = id
			pt.tokens = append(pt.tokens, t)
		}
		if n := len(pt.recs); n == 0 || len(pt.recs[n-1]) == recordChunk {
			pt.recs = append(pt.recs, make([]record, 0, recordChunk))
		}
		last := &pt.recs[len(pt.recs)-1]
		*last = append(*last, record{id, int32(entry), tw.w})
	}
}

// merged is a part's result: each token's postings (at most maxPostings,
// by entry) and its document frequency.
type merged struct {
	tokens   []string
	postings [][]Posting
	df       []int
}

// histMax is the largest weight counted in an array; a token with a
// heavier posting has its weights sorted instead.
const histMax = 1 << 16

// finish sorts the part's records into each token's postings, capped.
func (pt *part) finish() merged {
	n := len(pt.tokens)
	count := make([]int, n)
	maxW := make([]int, n)
	for _, c := range pt.recs {
		for _, r := range c {
			count[r.id]++
			maxW[r.id] = max(maxW[r.id], r.w)
		}
	}
	// A capped token keeps every posting heavier than its threshold and,
	// of those as heavy as the threshold, the first quota by entry: what
	// a stable sort by weight, heaviest first, cut at maxPostings keeps.
	threshold := make([]int, n)
	quota := make([]int, n)
	hists := map[int32][]int32{}
	sorted := map[int32][]int{}
	for id := range n {
		if count[id] <= maxPostings {
			continue
		}
		if maxW[id] <= histMax {
			hists[int32(id)] = make([]int32, maxW[id]+1)
		} else {
			sorted[int32(id)] = make([]int, 0, count[id])
		}
	}
	if len(hists)+len(sorted) > 0 {
		for _, c := range pt.recs {
			for _, r := range c {
				if count[r.id] <= maxPostings {
					continue
				}
				if h, ok := hists[r.id]; ok {
					h[r.w]++
				} else {
					sorted[r.id] = append(sorted[r.id], r.w)
				}
			}
		}
	}
	for id, h := range hists {
		above := 0
		for w := len(h) - 1; w >= 0; w-- {
			if above+int(h[w]) >= maxPostings {
				threshold[id], quota[id] = w, maxPostings-above
				break
			}
			above += int(h[w])
		}
	}
	for id, ws := range sorted {
		threshold[id], quota[id] = cutOf(ws)
	}
	out := merged{tokens: pt.tokens, postings: make([][]Posting, n), df: count}
	total := 0
	start := make([]int, n)
	for id := range n {
		start[id] = total
		total += min(count[id], maxPostings)
	}
	all := make([]Posting, total)
	pos := slices.Clone(start)
	for _, c := range pt.recs {
		for _, r := range c {
			if count[r.id] > maxPostings {
				if r.w < threshold[r.id] {
					continue
				}
				if r.w == threshold[r.id] {
					if quota[r.id] == 0 {
						continue
					}
					quota[r.id]--
				}
			}
			all[pos[r.id]] = Posting{Entry: int(r.entry), W: r.w}
			pos[r.id]++
		}
	}
	for id := range n {
		end := start[id] + min(count[id], maxPostings)
		out.postings[id] = all[start[id]:end:end]
	}
	*pt = part{}
	return out
}

// cutOf is the threshold and quota (finish) of a token's weights, by
// sorting them: the maxPostings-th heaviest, and how many as heavy fit.
func cutOf(ws []int) (threshold, quota int) {
	slices.SortFunc(ws, func(x, y int) int { return cmp.Compare(y, x) })
	threshold = ws[maxPostings-1]
	above, _ := slices.BinarySearchFunc(ws, threshold, func(x, t int) int { return cmp.Compare(t, x) })
	return threshold, maxPostings - above
}
