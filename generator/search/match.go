package search

import "bytes"

// matcher counts the words of the synonym groups in a text in one pass,
// as strings.Count counts each: the occurrences that do not overlap an
// earlier counted one of the same word, from the left. A word is looked
// for only where the text has its first two bytes.
type matcher struct {
	words     []string
	wordBytes [][]byte
	ofGroup   [][]int // each group's words, by index in words
	// first marks the first two bytes of the words of two bytes or more;
	// at holds those words by them.
	first [1 << 16]bool
	at    map[uint16][]int
	short []int // words of fewer than two bytes: counted by strings.Count
}

func newMatcher(groups []group) *matcher {
	m := &matcher{at: map[uint16][]int{}, ofGroup: make([][]int, len(groups))}
	for gi, g := range groups {
		for _, w := range g.words {
			wi := len(m.words)
			m.words = append(m.words, w)
			m.wordBytes = append(m.wordBytes, []byte(w))
			m.ofGroup[gi] = append(m.ofGroup[gi], wi)
			if len(w) < 2 {
				m.short = append(m.short, wi)
				continue
			}
			k := uint16(w[0])<<8 | uint16(w[1])
			m.first[k] = true
			m.at[k] = append(m.at[k], wi)
		}
	}
	return m
}

// count returns how many times each word occurs in text, by index in
// m.words: strings.Count(text, word), which bytes.Count is.
func (m *matcher) count(text []byte) []int {
	counts := make([]int, len(m.words))
	next := make([]int, len(m.words)) // where the next occurrence may start
	for i := 0; i+1 < len(text); i++ {
		k := uint16(text[i])<<8 | uint16(text[i+1])
		if !m.first[k] {
			continue
		}
		for _, wi := range m.at[k] {
			if i >= next[wi] && bytes.HasPrefix(text[i:], m.wordBytes[wi]) {
				counts[wi]++
				next[wi] = i + len(m.words[wi])
			}
		}
	}
	for _, wi := range m.short {
		counts[wi] = bytes.Count(text, m.wordBytes[wi])
	}
	return counts
}
