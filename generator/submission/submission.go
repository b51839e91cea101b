// Package submission is the file a hospital sends to its district or city
// health commission: its compliance report against the framework, in the
// public view only (a restricted document is "an internal document",
// never its title, number or text), with a content hash that tells a file
// guifan wrote from one edited by hand.
//
// The hash is the SHA-256 of the compact JSON encoding (encoding/json,
// no HTML escaping) of the submission with its sha256 field empty; the
// file itself is indented, and whitespace does not change the hash.
package submission

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"

	"guifan/generator/report"
	"guifan/generator/schema"
)

// Schema names this format and its version. A reader refuses another
// schema: a later version may mean other things by the same fields.
const Schema = "guifan-submission/1"

// MaxSize bounds one submission file (a real one is about 100 KB).
const MaxSize = 8 << 20

// Submission is one hospital's report for submission.
type Submission struct {
	Schema           string    `json:"schema"`
	Hospital         Hospital  `json:"hospital"`
	Framework        string    `json:"framework"`
	FrameworkTitle   string    `json:"framework_title"`
	FrameworkVersion string    `json:"framework_version"`
	AsOf             string    `json:"as_of"`
	Lang             string    `json:"lang"`
	Summary          Summary   `json:"summary"`
	Articles         []Article `json:"articles"`
	// SHA256 is the content hash (see the package doc).
	SHA256 string `json:"sha256"`
}

// Hospital says who submits. Code is the institution's registration code
// (统一社会信用代码 or 医疗机构执业许可证登记号), when hospital.toml gives one:
// the roll-up tells hospitals apart by it, and by name and region without.
type Hospital struct {
	Code   string `json:"code,omitempty"`
	Name   string `json:"name"`
	NameEn string `json:"name_en,omitempty"`
	Level  string `json:"level"`
	Region string `json:"region"`
}

// Key is what tells this hospital from another: its code when it has one,
// else its name and region. Space and letter case in a code do not count.
func (h Hospital) Key() string {
	if c := NormCode(h.Code); c != "" {
		return "code\x00" + c
	}
	return "name\x00" + strings.TrimSpace(h.Name) + "\x00" + strings.TrimSpace(h.Region)
}

// NormCode is a registration code as compared: without spaces, in upper
// case.
func NormCode(code string) string {
	return strings.ToUpper(strings.Join(strings.Fields(code), ""))
}

// Summary is the report's summary (articles and requirements by verdict,
// the score) with the overdue drills and reviews.
type Summary struct {
	report.Summary
	// OverdueDrills counts the drill requirements not met (each
	// emergency plan drilled within the year, plans revised after).
	OverdueDrills int `json:"overdue_drills"`
	// OverdueReviews counts documents in force past their review date.
	OverdueReviews int `json:"overdue_reviews"`
}

// Article is one article's verdict.
type Article struct {
	Number       int           `json:"number"`
	Chapter      int           `json:"chapter"`
	Title        string        `json:"title"`
	Status       string        `json:"status"`
	Credit       float64       `json:"credit"`
	Requirements []Requirement `json:"requirements"`
}

// Requirement is one requirement's verdict, gap, public evidence and the
// attestation that decided it.
type Requirement struct {
	ID          string       `json:"id"`
	Kind        string       `json:"kind"`
	Title       string       `json:"title"`
	Status      string       `json:"status"`
	Gap         string       `json:"gap,omitempty"`
	Evidence    []Evidence   `json:"evidence,omitempty"`
	Attestation *Attestation `json:"attestation,omitempty"`
}

// Evidence is a public document, or an internal one by a number only.
type Evidence struct {
	ID      string `json:"id,omitempty"`
	Title   string `json:"title"`
	Section string `json:"section,omitempty"`
	Date    string `json:"date,omitempty"`
	// Internal numbers a restricted document within this submission;
	// Title is then the catalog's "an internal document".
	Internal int `json:"internal,omitempty"`
}

// Attestation is the auditor's verdict.
type Attestation struct {
	Verdict       string `json:"verdict"`
	Auditor       string `json:"auditor"`
	Date          string `json:"date"`
	Justification string `json:"justification,omitempty"`
}

// Extra is what the submission says beyond the report.
type Extra struct {
	Hospital       Hospital
	Framework      *schema.Framework
	OverdueReviews int
	// InternalDoc is the catalog's word for a restricted document.
	InternalDoc string
}

// FromReport makes the submission from the public copy of the report
// (report.Build with report.Only of the public documents). A report that
// names a hidden document is never passed here: evidence marked hidden
// keeps only its number.
func FromReport(r *report.Report, x Extra) *Submission {
	s := &Submission{
		Schema: Schema, Hospital: x.Hospital,
		Framework: r.Framework, FrameworkTitle: r.FrameworkTitle,
		FrameworkVersion: FrameworkVersion(x.Framework),
		AsOf:             r.AsOf, Lang: r.Lang, Articles: []Article{},
	}
	sm := r.Summary
	sm.Requirements = maps.Clone(sm.Requirements)
	if sm.Requirements == nil {
		sm.Requirements = map[string]int{}
	}
	s.Summary = Summary{Summary: sm, OverdueReviews: x.OverdueReviews}
	drills := map[string]bool{}
	if x.Framework != nil {
		for _, a := range x.Framework.Articles {
			for _, q := range a.Requirements {
				if q.Type == "drill-record" {
					drills[q.ID] = true
				}
			}
		}
	}
	for _, a := range r.Articles {
		art := Article{Number: a.Number, Chapter: a.Chapter, Title: a.Title, Status: a.Status, Credit: a.Credit, Requirements: []Requirement{}}
		for _, q := range a.Requirements {
			req := Requirement{ID: q.ID, Kind: q.Kind, Title: q.Title, Status: q.Status, Gap: q.Gap}
			for _, e := range q.Evidence {
				if e.Hidden {
					req.Evidence = append(req.Evidence, Evidence{Title: x.InternalDoc, Internal: e.Internal})
					continue
				}
				req.Evidence = append(req.Evidence, Evidence{ID: e.ID, Title: e.Title, Section: e.Section, Date: e.Date})
			}
			if at := q.Attestation; at != nil {
				req.Attestation = &Attestation{Verdict: at.Verdict, Auditor: at.Auditor, Date: at.Date, Justification: at.Justification}
			}
			if drills[q.ID] && (q.Status == "missing" || q.Status == "partial") {
				s.Summary.OverdueDrills++
			}
			art.Requirements = append(art.Requirements, req)
		}
		s.Articles = append(s.Articles, art)
	}
	return s
}

// FrameworkVersion names the version of a framework: its effective date
// and a fingerprint of its articles and requirements, so that two
// hospitals assessed against different editions of the same framework
// are told apart.
func FrameworkVersion(f *schema.Framework) string {
	if f == nil {
		return ""
	}
	h := sha256.New()
	arts := append([]*schema.Article(nil), f.Articles...)
	sort.Slice(arts, func(i, j int) bool { return arts[i].Number < arts[j].Number })
	for _, a := range arts {
		fmt.Fprintf(h, "a%d:", a.Number)
		for _, q := range a.Requirements {
			fmt.Fprintf(h, "%s/%s;", q.ID, q.Kind)
		}
	}
	return f.Effective + "+" + hex.EncodeToString(h.Sum(nil))[:12]
}

// canonical is the encoding the hash is taken over.
func (s *Submission) canonical() ([]byte, error) {
	c := *s
	c.SHA256 = ""
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Hash returns the content hash of s.
func (s *Submission) Hash() (string, error) {
	data, err := s.canonical()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Seal sets the content hash.
func (s *Submission) Seal() error {
	h, err := s.Hash()
	s.SHA256 = h
	return err
}

// Sealed reports whether the hash matches the content: false for a file
// edited after guifan wrote it.
func (s *Submission) Sealed() bool {
	h, err := s.Hash()
	return err == nil && h == s.SHA256
}

// WriteJSON seals s and writes it as indented JSON.
func (s *Submission) WriteJSON(w io.Writer) error {
	if err := s.Seal(); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// Problem is why a file could not be read as a submission.
type Problem struct {
	// Key is the catalog key of the message; Args its arguments after the
	// file name.
	Key  string
	Args []any
}

func (p *Problem) Error() string { return p.Key }

// Read decodes one submission of at most MaxSize bytes. A file that is
// not a submission, is cut short or has another schema gives a *Problem;
// a hand-edited one decodes (Sealed says so).
func Read(r io.Reader) (*Submission, error) {
	lr := &io.LimitedReader{R: r, N: MaxSize + 1}
	data, err := io.ReadAll(lr)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, &Problem{Key: "rollup.too-big", Args: []any{MaxSize >> 20}}
	}
	return Decode(data)
}

// Decode decodes one submission from data.
func Decode(data []byte) (*Submission, error) {
	var s Submission
	if err := json.Unmarshal(data, &s); err != nil {
		if fullReport(data) {
			return nil, &Problem{Key: "rollup.full-report"}
		}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case strings.Contains(err.Error(), "unexpected end of JSON input"):
			return nil, &Problem{Key: "rollup.truncated", Args: []any{len(data)}}
		case asSyntax(err, &se):
			line, col := position(data, se.Offset)
			return nil, &Problem{Key: "rollup.bad-json", Args: []any{line, col}}
		case asType(err, &te):
			line, col := position(data, te.Offset)
			return nil, &Problem{Key: "rollup.bad-field", Args: []any{te.Field, line, col}}
		}
		return nil, &Problem{Key: "rollup.bad-json", Args: []any{1, 1}}
	}
	if s.Schema == "" && fullReport(data) {
		return nil, &Problem{Key: "rollup.full-report"}
	}
	if s.Schema == "" {
		return nil, &Problem{Key: "rollup.not-submission"}
	}
	if s.Schema != Schema {
		return nil, &Problem{Key: "rollup.schema", Args: []any{s.Schema, Schema}}
	}
	if s.Hospital.Name == "" || s.AsOf == "" {
		return nil, &Problem{Key: "rollup.incomplete"}
	}
	return &s, nil
}

// fullReport reports whether data is the full report.json (package
// report), which a hospital may send by mistake: it may name internal
// documents.
func fullReport(data []byte) bool {
	var probe struct {
		Schema    *string         `json:"schema"`
		Framework string          `json:"framework"`
		Hospital  json.RawMessage `json:"hospital"`
		Articles  json.RawMessage `json:"articles"`
	}
	if json.Unmarshal(data, &probe) != nil {
		return false
	}
	return probe.Schema == nil && probe.Framework != "" && len(probe.Articles) > 0 &&
		len(probe.Hospital) > 0 && probe.Hospital[0] == '"'
}

func asSyntax(err error, t **json.SyntaxError) bool {
	e, ok := err.(*json.SyntaxError)
	*t = e
	return ok
}

func asType(err error, t **json.UnmarshalTypeError) bool {
	e, ok := err.(*json.UnmarshalTypeError)
	*t = e
	return ok
}

// position turns a byte offset into a line and column (in characters).
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, r := range string(data[:off]) {
		if r == '\n' {
			line, col = line+1, 1
			continue
		}
		col++
	}
	return line, col
}
