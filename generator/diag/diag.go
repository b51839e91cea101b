// Package diag holds source positions and diagnostics: the problems guifan
// finds in a hospital's content, each tied to a file, line and column.
//
// Diagnostics carry a stable code and arguments rather than a sentence, so the
// words a user reads come from the message catalogs (see package i18n) in the
// language they chose. A List collects every problem of a run; nothing stops at
// the first one.
package diag

import (
	"cmp"
	"slices"
)

// Severity says how bad a diagnostic is.
type Severity int

const (
	// Error makes content invalid: guifan check exits 1.
	Error Severity = iota
	// Warning is worth fixing but does not fail the check.
	Warning
)

// String returns the severity as used in JSON output.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a place in a file. Line and Col are 1-based; Col counts characters
// (runes), not bytes, because that is what an editor shows. A zero Line means
// the whole file.
//
// A place in a workbook names its sheet: Line is then the row (as the
// spreadsheet numbers it) and Col the column (1 for A, 0 for the whole
// row), printed as path:sheet:row.
type Pos struct {
	File  string // slash-separated path relative to the site directory, or a path as the user gave it
	Line  int
	Col   int
	Sheet string // the sheet of a workbook, or "" for a text file
}

// Diagnostic is one problem found in the content or in the schemas.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string // stable identifier, also the message catalog key, e.g. "field.unknown"
	Args     []any  // arguments for the catalog message
}

// List is a set of diagnostics in the order they were found.
type List []Diagnostic

// Add appends an error.
func (l *List) Add(pos Pos, code string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Code: code, Args: args})
}

// Warn appends a warning.
func (l *List) Warn(pos Pos, code string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Code: code, Args: args})
}

// Append adds all of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders diagnostics by file, line, column, then severity and code, so
// output is stable whatever order the checks ran in.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Sheet, b.Pos.Sheet),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Code, b.Code),
		)
	})
}

// Errors counts the diagnostics of severity Error.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the diagnostics of severity Warning.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Key is a diagnostic argument that is itself a message-catalog key; the
// printer replaces it with the catalog's words in the reader's language.
type Key string

// Localized is a diagnostic argument that has words in several languages
// (schema.Text does); the printer picks the reader's.
type Localized interface {
	In(lang string) string
}

// Items is a diagnostic argument that lists several words (strings or
// Localized): the printer joins them with the catalog's separator, "、" in
// Chinese and ", " in English, or with its word for "or" when Or is set.
type Items struct {
	Items []any
	Or    bool
}

// Msg is a diagnostic argument that is a whole message of its own (a hint
// such as "did you mean ..."). An empty Key renders as nothing.
type Msg struct {
	Key  string
	Args []any
}

// Phrase is a diagnostic argument whose words come from the catalog (the
// message Phrase returns) while the value keeps what it stands for: a
// reference to a document keeps the document's id, so that a copy for the
// public can hide it.
type Phrase interface {
	Phrase() Msg
}

// DidYouMean returns a hint naming the likely intended word, or an empty
// message when there is none.
func DidYouMean(word string) Msg {
	if word == "" {
		return Msg{}
	}
	return Msg{Key: "hint.did-you-mean", Args: []any{word}}
}
