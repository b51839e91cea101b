// Inference: which section a heading no tag or keyword names is most likely about.

package sections

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"guifan/generator/schema"
)

// firstParagraph is the first block of text under a heading (up to
// maxPara runes), for inference.
func firstParagraph(lines []string, from, to int) string {
	var b strings.Builder
	runes := 0 // in b
	for i := max(from, 0); i < min(to, len(lines)); i++ {
		line := strings.TrimSpace(lines[i])
		if strings.HasPrefix(line, "#") {
			break
		}
		if line == "" {
			if b.Len() > 0 {
				break
			}
			continue
		}
		b.WriteString(line)
		b.WriteByte(' ')
		if runes += utf8.RuneCountInString(line) + 1; runes > maxPara {
			break
		}
	}
	return b.String()
}

const maxPara = 200

// nearShare is the part of a section's inference threshold a heading must
// reach for check to suggest tagging it as that section.
const nearShare = 0.5

// minCovered is how many characters of a heading the words it shares with
// a section must cover before the section can be inferred from it.
const minCovered = 4

// inferrer compares headings with the sections of one type.
type inferrer struct {
	t     *schema.DocType
	vocab []map[string]bool // per section: its words
	names [][]string        // per section: its match words and labels, normalised (namedNorm)
	idf   map[string]float64
	top   float64 // weight of a word no section uses
}

func newInferrer(t *schema.DocType) *inferrer {
	inf := &inferrer{t: t, idf: map[string]float64{}}
	df := map[string]int{}
	for _, s := range t.Sections {
		v := map[string]bool{}
		var texts []string
		for _, l := range sortedLangs(s.Label) {
			texts = append(texts, s.Label[l])
		}
		for _, l := range sortedLangs(s.Description) {
			texts = append(texts, s.Description[l])
		}
		texts = append(texts, s.Match...)
		for _, tx := range texts {
			for _, w := range words(tx) {
				v[w] = true
			}
		}
		for w := range v {
			df[w]++
		}
		inf.vocab = append(inf.vocab, v)
		var names []string
		for _, w := range s.Match {
			if w := schema.Normalize(w); w != "" {
				names = append(names, w)
			}
		}
		for _, l := range sortedLangs(s.Label) {
			if w := schema.Normalize(s.Label[l]); w != "" {
				names = append(names, w)
			}
		}
		inf.names = append(inf.names, names)
	}
	n := float64(len(t.Sections))
	for w, k := range df {
		inf.idf[w] = math.Log(1 + n/float64(k))
	}
	inf.top = math.Log(1 + n)
	return inf
}

func sortedLangs(t schema.Text) []string {
	var ks []string
	for k := range t {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (inf *inferrer) weight(w string) float64 {
	if x, ok := inf.idf[w]; ok {
		return x
	}
	return inf.top
}

// headingWords are the words of a heading and of its first paragraph,
// found once for every section they are compared with.
type headingWords struct {
	hw      []string  // the heading's distinct words (positioned)
	hanAt   []int     // per word: its first character's index, -1 for an English word
	english []bool    // per word: more than two characters (an English word)
	hx      []float64 // per word: its weight
	pw      []string  // the first paragraph's distinct words
	px      []float64 // per word: its weight
	marks   []bool    // scratch for covered: per character of the heading, at its index+1
}

// heading finds the words of heading and para.
func (inf *inferrer) heading(heading, para string) *headingWords {
	h := &headingWords{}
	h.hw, h.hanAt = positioned(stripNumbering(heading))
	if len(h.hw) < 2 {
		return h
	}
	end := 0
	for i, w := range h.hw {
		h.english = append(h.english, utf8.RuneCountInString(w) > 2)
		h.hx = append(h.hx, inf.weight(w))
		end = max(end, h.hanAt[i]+2)
	}
	h.marks = make([]bool, end+1) // index+1: a short word not Chinese has index -1
	h.pw = uniq(words(para))
	for _, w := range h.pw {
		h.px = append(h.px, inf.weight(w))
	}
	return h
}

// scores is best over all sections, or over section only alone when only
// is not negative; a section whose words cover fewer than minCover
// characters of the heading scores nothing.
func (inf *inferrer) scores(h *headingWords, only, minCover int) (int, float64) {
	if len(h.hw) < 2 { // one word says too little to infer anything
		return -1, 0
	}
	// covered counts the characters of the heading that words shared
	// with v cover: one word of two characters ("建设" in "文化建设") is too
	// little to infer from.
	covered := func(v map[string]bool) int {
		clear(h.marks)
		n := 0
		for i, w := range h.hw {
			if !v[w] {
				continue
			}
			if h.english[i] { // an English word
				n += 3
				continue
			}
			for _, at := range [2]int{h.hanAt[i] + 1, h.hanAt[i] + 2} {
				if !h.marks[at] {
					h.marks[at] = true
					n++
				}
			}
		}
		return n
	}
	share := func(ws []string, xs []float64, v map[string]bool) float64 {
		total, hit := 0.0, 0.0
		for i, w := range ws {
			x := xs[i]
			total += x
			if v[w] {
				hit += x
			}
		}
		if total == 0 {
			return 0
		}
		return hit / total
	}
	bestI, best, second := -1, 0.0, 0.0
	for i, v := range inf.vocab {
		if only >= 0 && i != only {
			continue
		}
		if covered(v) < minCover {
			continue
		}
		sc := share(h.hw, h.hx, v)
		if len(h.pw) > 0 { // the first paragraph may support the heading, never undo it
			sc = max(sc, (2*sc+share(h.pw, h.px, v))/3)
		}
		switch {
		case sc > best:
			bestI, second, best = i, best, sc
		case sc > second:
			second = sc
		}
	}
	if best == second && only < 0 {
		return -1, 0
	}
	return bestI, math.Round(best*1000) / 1000
}

// positioned is the distinct words of s with, for each pair of Chinese
// characters, the index of its first character in s (English words: -1).
func positioned(s string) ([]string, []int) {
	var ws []string
	var at []int
	add := func(w string, i int) {
		if !slices.Contains(ws, w) {
			ws = append(ws, w)
			at = append(at, i)
		}
	}
	n := schema.Normalize(s)
	prev, prevAt := -1, -1 // byte offset of the previous rune when it is a Chinese character
	ri := 0                // index of the rune at i
	for i, r := range n {
		if unicode.Is(unicode.Han, r) {
			if prev >= 0 {
				add(n[prev:i+utf8.RuneLen(r)], prevAt)
			}
			prev, prevAt = i, ri
		} else {
			prev = -1
		}
		ri++
	}
	for _, w := range words(s) {
		if utf8.RuneCountInString(w) > 2 || !isHanStart(w) {
			add(w, -1)
		}
	}
	return ws, at
}

func isHanStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Han, r)
}

// uniq drops the words seen before, in place.
func uniq(ws []string) []string {
	out := ws[:0]
	if len(ws) <= 16 {
		for _, w := range ws {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
		return out
	}
	seen := make(map[string]bool, len(ws))
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// words splits text into pairs of adjacent Chinese characters and
// lower-case English words of three letters or more (a final s dropped).
// The words are parts of the normalised text, not copies.
func words(s string) []string {
	var out []string
	n := schema.Normalize(s)
	prev := -1  // byte offset of the previous rune when it is a Chinese character
	latin := -1 // byte offset where the English word being read began
	flushLatin := func(end int) {
		if latin >= 0 && end-latin >= 3 {
			w := n[latin:end]
			switch {
			case strings.HasSuffix(w, "ies"):
				w = strings.TrimSuffix(w, "ies") + "y"
			case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
				w = strings.TrimSuffix(w, "s")
			}
			out = append(out, w)
		}
		latin = -1
	}
	for i, r := range n {
		switch {
		case unicode.Is(unicode.Han, r):
			flushLatin(i)
			if prev >= 0 {
				out = append(out, n[prev:i+utf8.RuneLen(r)])
			}
			prev = i
		case r < 128 && unicode.IsLetter(r):
			prev = -1
			if latin < 0 {
				latin = i
			}
		default:
			prev = -1
			flushLatin(i)
		}
	}
	flushLatin(len(n))
	return out
}

// stripNumbering drops the numbering before a heading's words: 第三章,
// 五、, (二), 3.1, Chapter 2.
func stripNumbering(h string) string {
	h = strings.TrimSpace(h)
	num := "0123456789０１２３４５６７８９一二三四五六七八九十百零〇"
	if strings.HasPrefix(h, "第") {
		rest := strings.TrimLeft(h[len("第"):], num)
		for _, unit := range []string{"章", "条", "节", "部分", "篇"} {
			if strings.HasPrefix(rest, unit) {
				return strings.TrimSpace(rest[len(unit):])
			}
		}
	}
	rest := strings.TrimLeft(h, "（(")
	rest2 := strings.TrimLeft(rest, num+".．")
	if rest2 != rest {
		return strings.TrimSpace(strings.TrimLeft(rest2, "、.．)） \t"))
	}
	return h
}
