package coverage

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/sections"
)

// evaluator holds the input and indexes shared by all requirements.
type evaluator struct {
	in     Input
	byType map[string][]*model.Document
	byID   map[string]*model.Document
	attest map[string]*Attestation
	stale  []StaleAttestation
	// found and hollows cache package sections' findings per document
	// (substance.go).
	found   map[*model.Document]*sections.Result
	hollows map[*model.Document]bool
}

func newEvaluator(in Input) *evaluator {
	e := &evaluator{in: in, byType: map[string][]*model.Document{}, byID: map[string]*model.Document{}, attest: map[string]*Attestation{}}
	// Documents in path order, so that the verdicts, the evidence and its
	// order never depend on the order the documents were read in.
	docs := append([]*model.Document(nil), in.Docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	for _, d := range docs {
		e.byType[d.Type] = append(e.byType[d.Type], d)
		if _, dup := e.byID[d.ID]; !dup {
			e.byID[d.ID] = d
		}
	}
	for i := range in.Attestations {
		a := &in.Attestations[i]
		e.attest[a.Requirement] = a
	}
	e.dropDuplicates()
	return e
}

// lang is the language of evidence details: the site's default.
func (e *evaluator) lang() string {
	if e.in.Hospital != nil {
		return e.in.Hospital.Lang()
	}
	return schema.DefaultLang
}

// state is where a document stands on the as-of date, as far as evidence
// is concerned.
type state int

const (
	inForce state = iota
	draft         // a draft, or in force on paper but incomplete or not yet effective
	retired
)

// stateOf tells whether d is evidence on the as-of date. The rule is
// model.Control.Stage's (records count unless drafts or retired, without
// approval); this only folds its stages into three.
func (e *evaluator) stateOf(d *model.Document) state {
	switch d.Control.Stage(e.in.AsOf) {
	case model.StageInForce:
		return inForce
	case model.StageRetired:
		return retired
	}
	return draft
}

// isRecord reports whether d's type is a record type.
func isRecord(t *schema.DocType) bool { return t != nil && t.Record }

// field finds a field of a document type, or a common field.
func (e *evaluator) field(typ, name string) *schema.Field {
	if t := e.in.Schemas.Types[typ]; t != nil {
		if f := t.Field(name); f != nil {
			return f
		}
	}
	if e.in.Schemas.Document != nil {
		return e.in.Schemas.Document.Field(name)
	}
	return nil
}

// matches reports whether d passes a where filter.
func (e *evaluator) matches(d *model.Document, where map[string]any) bool {
	for key, want := range where {
		values := e.values(d, key)
		ok := false
		for _, w := range schema.WhereValues(want) {
			for _, v := range values {
				ok = ok || v == e.canonical(d.Type, key, w)
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// canonical maps a value written in the framework to the enum's canonical
// value, so filters and members may use aliases.
func (e *evaluator) canonical(typ, path, v string) string {
	if f := e.field(typ, path); f != nil {
		if ev, ok := f.Lookup(v); ok {
			return ev.Value
		}
	}
	return schema.Normalize(v)
}

// values collects the values of a field path of d as strings: a scalar, a
// list, or a column of a table ("budget.item"). Enum values come back in
// canonical form; other strings normalised.
func (e *evaluator) values(d *model.Document, path string) []string {
	var raw []any
	head, col, dotted := strings.Cut(path, ".")
	if dotted {
		for _, row := range d.Rows(head) {
			raw = append(raw, model.Items(row[col])...)
		}
	} else {
		raw = model.Items(d.Meta[path])
		if v, ok := d.Control.Value(path); ok {
			raw = []any{v} // document control, canonical with the type's default
		}
	}
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		out = append(out, e.canonical(d.Type, path, str(v)))
	}
	return out
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// candidates returns the documents of the requirement's types that pass its
// filters, split by state, in path order.
func (e *evaluator) candidates(types []string, where map[string]any) (live, drafts []*model.Document) {
	for _, t := range types {
		for _, d := range e.byType[t] {
			if !e.matches(d, where) {
				continue
			}
			switch e.stateOf(d) {
			case inForce:
				if e.hollow(d) {
					continue // headings with nothing under them are no evidence (hollowGap)
				}
				live = append(live, d)
			case draft:
				drafts = append(drafts, d)
			}
		}
	}
	return live, drafts
}

func evidenceOf(d *model.Document) Evidence {
	return Evidence{ID: d.ID, Path: d.Path, Title: d.Title()}
}

func evidenceList(docs []*model.Document) []Evidence {
	var out []Evidence
	for _, d := range docs {
		out = append(out, evidenceOf(d))
	}
	return out
}

// typeLabel names document types ("岗位职责").
func (e *evaluator) typeLabel(types []string) diag.Items {
	var labels []schema.Text
	for _, t := range types {
		if dt := e.in.Schemas.Types[t]; dt != nil {
			labels = append(labels, dt.Label)
		}
	}
	return items(labels, true)
}

// whatLabel names what a requirement looks for: the labels of the enum
// values its filter asks for in the type's own fields ("变更管理制度"), or
// else the type's label.
func (e *evaluator) whatLabel(types []string, where map[string]any) diag.Items {
	var labels []schema.Text
	for _, key := range sortedKeys(where) {
		for _, t := range types {
			// The type's own fields only: a filter on document control
			// (who may read it) does not say what kind of document it is.
			dt := e.in.Schemas.Types[t]
			if dt == nil {
				continue
			}
			f := dt.Field(key)
			if f == nil || (f.Type != "enum" && f.Of != "enum") {
				continue
			}
			for _, v := range schema.WhereValues(where[key]) {
				if ev, ok := f.Lookup(v); ok {
					labels = append(labels, ev.Label)
				}
			}
			break
		}
	}
	if len(labels) == 0 {
		return e.typeLabel(types)
	}
	return items(labels, true)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// items lists texts for a message; the printer joins them in the reader's
// language ("、" or "或" in Chinese).
func items(texts []schema.Text, or bool) diag.Items {
	out := diag.Items{Or: or}
	for _, t := range texts {
		out.Items = append(out.Items, t)
	}
	return out
}

func list(texts []schema.Text) diag.Items { return items(texts, false) }

// DocRef names a document in a gap: 《标题》. It keeps the id so that a
// copy of the report for the intranet can hide restricted documents.
type DocRef struct {
	ID, Title string
}

// Phrase implements diag.Phrase: the catalog quotes the title (《…》 in
// Chinese).
func (t DocRef) Phrase() diag.Msg { return diag.Msg{Key: "phrase.doc", Args: []any{t.Title}} }

func docTitle(d *model.Document) DocRef { return DocRef{ID: d.ID, Title: d.Title()} }
