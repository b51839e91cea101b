// Package tomlfile decodes TOML and remembers where every key and value is.
//
// It is the only package that imports the TOML library. The library reports
// syntax errors with positions but not where a decoded key came from, so after
// a successful parse a small scanner (locate.go) walks the same text and
// records the line and column of each key path ("projects[2].budget"). The
// content loader and the schema loader use those positions to point a
// diagnostic at the exact value that is wrong.
package tomlfile

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"guifan/generator/diag"

	"github.com/BurntSushi/toml"
)

// Loc is where a key path appears: the key itself and the start of its value.
// Lines and columns are 1-based; columns count runes.
type Loc struct {
	Line, Col       int // the key
	ValLine, ValCol int // the value
}

// Doc is a decoded TOML document with the position of each key path.
//
// The positions are found when first asked for (Loc, Paths) and then
// kept: most documents of a clean site never need one, and a site of
// 10,000 documents held some 50 MB of them.
type Doc struct {
	Data map[string]any

	src  string // the text, to locate keys in
	once sync.Once
	locs map[string]Loc
}

// located returns the position of every key path, finding them once.
func (d *Doc) located() map[string]Loc {
	d.once.Do(func() {
		d.locs = locate(d.src)
		d.src = ""
	})
	return d.locs
}

// SyntaxError is a TOML syntax error at a line and column. Msg says what
// is wrong and how to fix it as a catalog message ("toml.*"); Message is
// the library's English, kept for Error and as the argument of "toml.other"
// when the kind of error is not one explain knows.
type SyntaxError struct {
	Line, Col int
	Message   string
	Msg       diag.Msg
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message) }

// Parse decodes src (UTF-8, no byte-order mark) into a generic map and
// locates its keys. Dates written bare (2026-03-01) decode to time.Time.
func Parse(src []byte) (*Doc, error) {
	text := string(src)
	if off, msg := shape(text); off >= 0 {
		return nil, beyondLimits(src, off, msg)
	}
	data := map[string]any{}
	if _, err := toml.Decode(text, &data); err != nil {
		return nil, syntaxError(src, err)
	}
	return &Doc{Data: data, src: text}, nil
}

func syntaxError(src []byte, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, col := pe.Position.Line, pe.Position.Col
		off := -1
		if pe.Position.Start >= 0 && pe.Position.Start <= len(src) && (pe.Position.Start > 0 || pe.Position.Line <= 1) {
			off = pe.Position.Start
			line, col = lineCol(src, off)
		}
		msg := pe.Message
		if msg == "" {
			msg = pe.Error()
		}
		if off < 0 {
			off = offsetOf(src, line)
		}
		m := explain(src, off, msg, pe.LastKey)
		switch m.Key {
		case "toml.escape":
			// The library points at the string; point at the escape.
			if i := strings.Index(string(src[off:]), m.Args[0].(string)); i >= 0 && !strings.Contains(string(src[off:off+i]), "\n") {
				line, col = lineCol(src, off+i)
			}
		case "toml.date-format":
			// 2026/03/01: the library points at the "/"; point at the date.
			start := strings.LastIndexByte(string(src[:off]), '\n') + 1
			if i := strings.Index(string(src[start:]), m.Args[0].(string)); i >= 0 && start+i <= off {
				line, col = lineCol(src, start+i)
			}
		}
		return &SyntaxError{Line: line, Col: col, Message: msg, Msg: m}
	}
	return &SyntaxError{Line: 1, Col: 1, Message: err.Error(), Msg: diag.Msg{Key: "toml.other", Args: []any{err.Error()}}}
}

// offsetOf returns the byte offset where 1-based line starts in src.
func offsetOf(src []byte, line int) int {
	off := 0
	for n := 1; n < line && off < len(src); n++ {
		i := strings.IndexByte(string(src[off:]), '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

func lineCol(src []byte, off int) (int, int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, len([]rune(string(src[start:off]))) + 1
}

// Loc returns where a key path was written, e.g. "terms[3].term". For a path
// that was not written explicitly (a table implied by a dotted key), it falls
// back to the nearest written ancestor.
func (d *Doc) Loc(path string) (Loc, bool) {
	for p := path; p != ""; p = parentPath(p) {
		if l, ok := d.located()[p]; ok {
			return l, true
		}
	}
	return Loc{}, false
}

// Paths returns every located key path, sorted; useful in tests.
func (d *Doc) Paths() []string {
	locs := d.located()
	out := make([]string, 0, len(locs))
	for p := range locs {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// ProblemKind says what is wrong with a Problem.
type ProblemKind string

// Kinds of Problem.
const (
	ProblemSyntax  ProblemKind = "syntax"  // the file is not TOML
	ProblemUnknown ProblemKind = "unknown" // a key the Go type has no field for
	ProblemType    ProblemKind = "type"    // a value of the wrong type
)

// Problem is something wrong found while decoding into a Go struct.
type Problem struct {
	Line, Col int
	Key       string // the dotted key path
	Kind      ProblemKind
	// Message says what is wrong with a syntax or type problem, as a
	// catalog message with its arguments (see SyntaxError); callers pass
	// it on as a diagnostic argument.
	Message diag.Msg
}

// DecodeStrict decodes src into v (a pointer to a struct) and reports syntax
// errors, keys v has no field for, and values of the wrong type, with
// positions. It is for guifan's own data files (schemas, catalogs, hospital
// settings), whose shape is fixed by Go types.
func DecodeStrict(src []byte, v any) []Problem {
	text := string(src)
	if off, msg := shape(text); off >= 0 {
		se := beyondLimits(src, off, msg)
		return []Problem{{Line: se.Line, Col: se.Col, Kind: ProblemSyntax, Message: se.Msg}}
	}
	md, err := toml.Decode(text, v)
	if err != nil {
		var se *SyntaxError
		if errors.As(syntaxError(src, err), &se) {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return []Problem{{Line: se.Line, Col: se.Col, Kind: ProblemSyntax, Message: se.Msg}}
			}
		}
		// A type mismatch: the library names the key in its message.
		locs := locate(text)
		key := typeErrorKey(err.Error())
		l := locs[key]
		if l.Line == 0 {
			l = Loc{Line: 1, Col: 1}
		}
		return []Problem{{Line: l.ValLine, Col: l.ValCol, Key: key, Kind: ProblemType, Message: explainType(err.Error())}}
	}
	var probs []Problem
	if und := md.Undecoded(); len(und) > 0 {
		locs := locate(text)
		for _, k := range und {
			path := keyPath(k, locs)
			l, ok := locs[path]
			if !ok {
				l = Loc{Line: 1, Col: 1}
			}
			probs = append(probs, Problem{Line: l.Line, Col: l.Col, Key: k.String(), Kind: ProblemUnknown})
		}
		// Report only the outermost unknown key of a subtree.
		probs = outermost(probs)
	}
	return probs
}

// keyPath turns the library's key (which has no array indexes) into the
// located path that matches it: the key itself when it is located (not an
// element of its list value), else the first by line and column. The
// order of locs is random, so ties are broken by the path.
func keyPath(k toml.Key, locs map[string]Loc) string {
	want := k.String()
	if _, ok := locs[want]; ok {
		return want
	}
	best := ""
	var bestLoc Loc
	for p, l := range locs {
		if stripIndexes(p) != want {
			continue
		}
		if best == "" || cmp.Or(cmp.Compare(l.Line, bestLoc.Line), cmp.Compare(l.Col, bestLoc.Col), cmp.Compare(p, best)) < 0 {
			best, bestLoc = p, l
		}
	}
	if best == "" {
		return want
	}
	return best
}

func stripIndexes(p string) string {
	var b strings.Builder
	depth := 0
	for _, r := range p {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func outermost(probs []Problem) []Problem {
	sort.Slice(probs, func(i, j int) bool { return probs[i].Key < probs[j].Key })
	var out []Problem
	for _, p := range probs {
		// The library names a key of an array of tables once per table;
		// all are placed at the first, so one is enough.
		if len(out) > 0 && (p.Key == out[len(out)-1].Key || strings.HasPrefix(p.Key, out[len(out)-1].Key+".")) {
			continue
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

func typeErrorKey(msg string) string {
	// toml: line 3 (last key "a.b"): incompatible types: ...
	if i := strings.Index(msg, `last key "`); i >= 0 {
		rest := msg[i+len(`last key "`):]
		if j := strings.Index(rest, `"`); j >= 0 {
			return rest[:j]
		}
	}
	return ""
}

// IsLocalDate reports whether t came from a bare TOML date (no time part).
func IsLocalDate(t time.Time) bool {
	return t.Location().String() == "date-local"
}

// TypeName names the TOML type of a decoded value, for messages.
func TypeName(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case time.Time:
		if IsLocalDate(v) {
			return "date"
		}
		return "datetime"
	case []map[string]any:
		return "table-array"
	case []any:
		return "array"
	case map[string]any:
		return "table"
	case nil:
		return "nothing"
	}
	return reflect.TypeOf(v).String()
}
