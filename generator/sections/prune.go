package sections

import (
	"guifan/generator/model"
	"guifan/generator/schema"
)

// Keep forgets the results of the documents keep refuses (and of their
// copies read as another type, As): a preview that
// keeps one memo across rebuilds drops those of documents since changed
// or removed.
func (m *Memo) Keep(keep func(*model.Document) bool) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	original := func(d *model.Document) *model.Document {
		if o, ok := m.orig[d]; ok {
			return o
		}
		return d
	}
	for k := range m.found {
		if !keep(original(k.d)) {
			delete(m.found, k)
		}
	}
	for k, c := range m.as {
		if !keep(k.d) {
			delete(m.as, k)
			delete(m.orig, c)
		}
	}
	m.dedup.Keep(func(d *model.Document) bool { return keep(original(d)) })
	for d := range m.measured {
		if !keep(original(d)) {
			delete(m.measured, d)
		}
	}
	// The inferrers of types no document kept has (schemas read again).
	used := map[*schema.DocType]bool{}
	for k := range m.found {
		used[k.t] = true
	}
	for t := range m.inf {
		if !used[t] {
			delete(m.inf, t)
		}
	}
}
