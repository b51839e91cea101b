package sections

import (
	"sync"

	"guifan/generator/model"
	"guifan/generator/schema"
)

// Memo remembers Find's results for the documents of one build, so that
// check and the assessment find each document's sections once. It is
// safe for concurrent use; a nil Memo remembers nothing.
type Memo struct {
	mu    sync.Mutex
	found map[memoKey]*Result
}

type memoKey struct {
	d *model.Document
	t *schema.DocType
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{found: map[memoKey]*Result{}} }

// Find is Find(d, t, rules), computed once per document and type. The
// result is shared: callers only read it.
func (m *Memo) Find(d *model.Document, t *schema.DocType, rules schema.SectionRules) *Result {
	if m == nil {
		return Find(d, t, rules)
	}
	k := memoKey{d, t}
	m.mu.Lock()
	r, ok := m.found[k]
	m.mu.Unlock()
	if ok {
		return r
	}
	r = Find(d, t, rules)
	m.mu.Lock()
	if prev, ok := m.found[k]; ok {
		r = prev // found meanwhile by another goroutine: keep one
	} else {
		m.found[k] = r
	}
	m.mu.Unlock()
	return r
}
