package sections

import (
	"sync"

	"guifan/generator/dedup"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// Memo remembers Find's results for the documents of one build, so that
// check and the assessment find each document's sections once; likewise
// each document's substance (Measure), each type's inferrer and, for
// package dedup, each body's signature. It is
// safe for concurrent use; a nil Memo remembers nothing.
type Memo struct {
	mu    sync.Mutex
	found map[memoKey]*Result
	// as holds the documents read as another type (As), by original and
	// type; orig maps each such copy back to its original.
	as   map[asKey]*model.Document
	orig map[*model.Document]*model.Document
	// inf holds each type's inferrer, made once per build rather than
	// once per document.
	inf map[*schema.DocType]*inferrer
	// measured holds Measure's result per document.
	measured map[*model.Document]Substance
	// dedup remembers the bodies' signatures for finding duplicates
	// (check and the assessment both look for them).
	dedup *dedup.Memo
}

type asKey struct {
	d   *model.Document
	typ string
}

type memoKey struct {
	d *model.Document
	t *schema.DocType
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{found: map[memoKey]*Result{}, as: map[asKey]*model.Document{}, orig: map[*model.Document]*model.Document{},
		inf: map[*schema.DocType]*inferrer{}, measured: map[*model.Document]Substance{}, dedup: dedup.NewMemo()}
}

// As returns d read as a document of type typ (a copy of d with that
// type), the same copy each time, so that the sections found in it as
// that type are remembered too: the assessment reads a document of one
// type for a topic the framework lets another type hold. A nil Memo makes
// a new copy.
func (m *Memo) As(d *model.Document, typ string) *model.Document {
	if m == nil {
		c := *d
		c.Type = typ
		return &c
	}
	k := asKey{d, typ}
	m.mu.Lock()
	defer m.mu.Unlock()
	if c, ok := m.as[k]; ok {
		return c
	}
	c := *d
	c.Type = typ
	m.as[k], m.orig[&c] = &c, d
	return &c
}

// Find is Find(d, t, rules), computed once per document and type. The
// result is shared: callers only read it.
func (m *Memo) Find(d *model.Document, t *schema.DocType, rules schema.SectionRules) *Result {
	if m == nil {
		return Find(d, t, rules)
	}
	k := memoKey{d, t}
	m.mu.Lock()
	r, ok := m.found[k]
	inf := m.inf[t]
	if inf == nil && t != nil {
		inf = newInferrer(t)
		m.inf[t] = inf
	}
	m.mu.Unlock()
	if ok {
		return r
	}
	r = find(d, t, rules, inf)
	m.mu.Lock()
	if prev, ok := m.found[k]; ok {
		r = prev // found meanwhile by another goroutine: keep one
	} else {
		m.found[k] = r
	}
	m.mu.Unlock()
	return r
}

// Dedup is the build's memo of body signatures for package dedup (nil
// for a nil Memo: nothing remembered).
func (m *Memo) Dedup() *dedup.Memo {
	if m == nil {
		return nil
	}
	return m.dedup
}

// Measure is Measure(d, rules), computed once per document: every worker
// of the assessment asks whether a document is hollow.
func (m *Memo) Measure(d *model.Document, rules schema.SectionRules) Substance {
	if m == nil {
		return Measure(d, rules)
	}
	m.mu.Lock()
	s, ok := m.measured[d]
	m.mu.Unlock()
	if ok {
		return s
	}
	s = Measure(d, rules)
	m.mu.Lock()
	m.measured[d] = s
	m.mu.Unlock()
	return s
}
