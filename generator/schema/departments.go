package schema

import (
	"strings"
	"unicode/utf8"
)

// DeptNames say how people shorten department names (呼吸科 for 呼吸内科,
// 耳鼻喉科 for 耳鼻咽喉科, 超声科 for 超声医学科), so that a name written in a
// document can be matched with hospital.toml's. They are data, in
// schemas/sections.toml [departments].
type DeptNames struct {
	// Replace rewrites a part of a name wherever it is (耳鼻咽喉 → 耳鼻喉),
	// once, in order.
	Replace []Rewrite `toml:"replace"`
	// Short rewrites endings people leave out (内科 → 科), in order, each
	// at most once, keeping at least MinStem characters before the ending
	// (心内科 stays).
	Short []Rewrite `toml:"short"`
	// Wide rewrites endings dropped only to tell when a short name could
	// stand for two departments (外科 → 科: 神经科 may be 神经内科 or 神经外科).
	Wide []Rewrite `toml:"wide"`
	// MinStem is how many characters must stay before a rewritten ending;
	// 0 means 2.
	MinStem int `toml:"min_stem"`
}

// Rewrite replaces From with To.
type Rewrite struct {
	From string `toml:"from"`
	To   string `toml:"to"`
}

// Key is a department name with the parts people leave out dropped
// (after Normalize): two names with the same key may name one department.
func (n DeptNames) Key(s string) string {
	s = Normalize(s)
	for _, r := range n.Replace {
		if r.From != "" {
			s = strings.Replace(s, Normalize(r.From), Normalize(r.To), 1)
		}
	}
	return n.endings(s, n.Short)
}

// WideKey is Key with the Wide endings dropped too: names with the same
// wide key could be taken for one another.
func (n DeptNames) WideKey(s string) string { return n.endings(n.Key(s), n.Wide) }

func (n DeptNames) endings(s string, rs []Rewrite) string {
	stem := n.MinStem
	if stem <= 0 {
		stem = 2
	}
	for _, r := range rs {
		from := Normalize(r.From)
		if base, ok := strings.CutSuffix(s, from); ok && from != "" && utf8.RuneCountInString(base) >= stem {
			s = base + Normalize(r.To)
		}
	}
	return s
}
