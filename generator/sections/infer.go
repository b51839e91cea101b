// Inference: which section a heading no tag or keyword names is most likely about.

package sections

import (
	"math"
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
		if utf8.RuneCountInString(b.String()) > maxPara {
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

// best returns the section that explains most of the heading (its first
// paragraph counting for a third when that helps), and the share
// explained; -1 when two sections tie or the heading has too few words.
func (inf *inferrer) best(heading, para string) (int, float64) {
	return inf.scores(heading, para, -1, minCovered)
}

// scores is best over all sections, or over section only alone when only
// is not negative; a section whose words cover fewer than minCover
// characters of the heading scores nothing.
func (inf *inferrer) scores(heading, para string, only, minCover int) (int, float64) {
	hw, hanAt := positioned(stripNumbering(heading))
	if len(hw) < 2 { // one word says too little to infer anything
		return -1, 0
	}
	pw := uniq(words(para))
	// covered counts the characters of the heading that words shared
	// with v cover: one word of two characters ("建设" in "文化建设") is too
	// little to infer from.
	covered := func(v map[string]bool) int {
		chars := map[int]bool{}
		n := 0
		for i, w := range hw {
			if !v[w] {
				continue
			}
			if utf8.RuneCountInString(w) > 2 { // an English word
				n += 3
				continue
			}
			chars[hanAt[i]], chars[hanAt[i]+1] = true, true
		}
		return n + len(chars)
	}
	share := func(ws []string, v map[string]bool) float64 {
		total, hit := 0.0, 0.0
		for _, w := range ws {
			x := inf.weight(w)
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
		sc := share(hw, v)
		if len(pw) > 0 { // the first paragraph may support the heading, never undo it
			sc = max(sc, (2*sc+share(pw, v))/3)
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
	seen := map[string]bool{}
	add := func(w string, i int) {
		if !seen[w] {
			seen[w] = true
			ws = append(ws, w)
			at = append(at, i)
		}
	}
	rs := []rune(schema.Normalize(s))
	for i := 0; i < len(rs); i++ {
		if unicode.Is(unicode.Han, rs[i]) && i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1]) {
			add(string(rs[i:i+2]), i)
		}
	}
	for _, w := range words(s) {
		if utf8.RuneCountInString(w) > 2 || !unicode.Is(unicode.Han, []rune(w)[0]) {
			add(w, -1)
		}
	}
	return ws, at
}

func uniq(ws []string) []string {
	seen := map[string]bool{}
	var out []string
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
func words(s string) []string {
	var out []string
	var run []rune
	var latin strings.Builder
	flushLatin := func() {
		if w := latin.String(); len(w) >= 3 {
			switch {
			case strings.HasSuffix(w, "ies"):
				w = strings.TrimSuffix(w, "ies") + "y"
			case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
				w = strings.TrimSuffix(w, "s")
			}
			out = append(out, w)
		}
		latin.Reset()
	}
	flushHan := func() {
		for i := 0; i+1 < len(run); i++ {
			out = append(out, string(run[i:i+2]))
		}
		run = run[:0]
	}
	for _, r := range schema.Normalize(s) {
		switch {
		case unicode.Is(unicode.Han, r):
			flushLatin()
			run = append(run, r)
		case r < 128 && unicode.IsLetter(r):
			flushHan()
			latin.WriteRune(r)
		default:
			flushHan()
			flushLatin()
		}
	}
	flushHan()
	flushLatin()
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
