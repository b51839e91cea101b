// Package report turns a coverage matrix into the compliance-gap report:
// JSON for the site, PDF, workbook and any regional roll-up, and a text
// summary for the terminal. Words come from the message catalog; the JSON
// is in the site's default language.
package report

import (
	"encoding/json"
	"io"
	"math"
	"sort"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/i18n"
)

// Report is the JSON document written to output/report.json.
type Report struct {
	Framework      string      `json:"framework"`
	FrameworkTitle string      `json:"framework_title"`
	Hospital       string      `json:"hospital"`
	AsOf           string      `json:"as_of"`
	Lang           string      `json:"lang"`
	Summary        Summary     `json:"summary"`
	Chapters       []Chapter   `json:"chapters"`
	Articles       []Article   `json:"articles"`
	Stale          []StaleNote `json:"stale_attestations"`
	// Next is what to write next: the drafts that would turn unmet
	// articles met once filled in and approved, those that unlock the
	// most articles first.
	Next []NextDoc `json:"next"`
}

// NextDoc is a draft and the unmet articles and requirements it is
// evidence in progress for.
type NextDoc struct {
	ID           string   `json:"id"`
	Path         string   `json:"path"`
	Title        string   `json:"title"`
	Articles     []int    `json:"articles"`
	Requirements []string `json:"requirements"`
}

// Summary counts articles by verdict. Score is the mean article credit (see
// package coverage); Requirements counts requirements by verdict.
type Summary struct {
	Met           int            `json:"met"`
	Partial       int            `json:"partial"`
	Missing       int            `json:"missing"`
	Manual        int            `json:"manual"`
	NotApplicable int            `json:"not_applicable"`
	Info          int            `json:"info"`
	Score         float64        `json:"score"`
	Requirements  map[string]int `json:"requirements"`
}

// Chapter is a chapter of the framework.
type Chapter struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// Article is one article's verdict.
type Article struct {
	Number       int           `json:"number"`
	Chapter      int           `json:"chapter"`
	Title        string        `json:"title"`
	Summary      string        `json:"summary"`
	Status       string        `json:"status"`
	Credit       float64       `json:"credit"`
	Requirements []Requirement `json:"requirements"`
	// Notes remark on the article's verdict (manual checks still pending
	// in an article that is missing).
	Notes []string `json:"notes,omitempty"`
}

// Requirement is one requirement's verdict, its evidence and its gap.
type Requirement struct {
	ID          string       `json:"id"`
	Kind        string       `json:"kind"`
	Title       string       `json:"title"`
	Status      string       `json:"status"`
	Computed    string       `json:"computed"`
	Evidence    []Evidence   `json:"evidence"`
	InProgress  []Evidence   `json:"in_progress,omitempty"`
	Gap         string       `json:"gap"`
	Fix         string       `json:"fix,omitempty"` // how the maintainer closes the gap (hospital.toml, forms/): terminal and JSON only, never readers
	Notes       []string     `json:"notes,omitempty"`
	Hint        string       `json:"hint,omitempty"`
	Attestation *Attestation `json:"attestation,omitempty"`
}

// Evidence points at a document, and where in it.
type Evidence struct {
	ID      string `json:"id"`
	Path    string `json:"path"`
	Title   string `json:"title"`
	Section string `json:"section,omitempty"`
	Line    int    `json:"line,omitempty"`
	Date    string `json:"date,omitempty"`
	// How says how a section was recognised: tagged (the author wrote
	// {#id} after the heading), keyword (a match word of the type), title
	// (text under the document's title), inferred (the heading and its
	// first paragraph say what the section's description says) or field
	// (a structured field holds it).
	How string `json:"how,omitempty"`
	// Hidden marks a document this copy of the report may not name.
	Hidden bool `json:"hidden,omitempty"`
	// Internal numbers a hidden document within this copy of the report
	// (1, 2, ...), so that evidence from one document counts once; it says
	// nothing of which document it is.
	Internal int `json:"internal,omitempty"`
}

// Attestation is the auditor's verdict that decided a requirement.
type Attestation struct {
	Verdict       string `json:"verdict"`
	Auditor       string `json:"auditor"`
	Date          string `json:"date"`
	Note          string `json:"note,omitempty"`
	Justification string `json:"justification,omitempty"`
}

// StaleNote is an attestation that needs the auditor's attention: its
// requirement's id (for machines), the article and the requirement's
// title (for readers), and why.
type StaleNote struct {
	Requirement string `json:"requirement"`
	Article     int    `json:"article"`
	Title       string `json:"title"`
	Reason      string `json:"reason"`
}

// Names says which documents a copy of the report may name. The zero
// value names none: a copy is redacted unless it is told otherwise, so a
// forgotten argument hides documents rather than publishing them.
type Names struct {
	all  bool
	only func(id string) bool
}

// AllDocuments names every document: the restricted copy.
func AllDocuments() Names { return Names{all: true} }

// Only names the documents visible reports true for: the copy published
// on the intranet names public documents only.
func Only(visible func(id string) bool) Names { return Names{only: visible} }

// Names reports whether the copy may name document id.
func (n Names) Names(id string) bool {
	switch {
	case n.all:
		return true
	case n.only != nil:
		return n.only(id)
	}
	return false
}

// Build makes the report from a matrix in the catalog's language. names
// says which documents this copy of the report may name; the others are
// referred to as internal documents without their ids or titles.
func Build(m *coverage.Matrix, hospital string, cat *i18n.Catalog, names Names) *Report {
	visible := names.Names
	hidden := &hiding{visible: visible, numbers: map[string]int{}}
	lang := cat.Lang
	r := &Report{
		Framework:      m.Framework.ID,
		FrameworkTitle: m.Framework.Title.In(lang),
		Hospital:       hospital,
		AsOf:           m.AsOf.String(),
		Lang:           lang,
		Articles:       []Article{},
		Chapters:       []Chapter{},
		Stale:          []StaleNote{},
	}
	c := m.Summary.Counts
	r.Summary = Summary{
		Met: c[coverage.Met], Partial: c[coverage.Partial], Missing: c[coverage.Missing],
		Manual: c[coverage.Manual], NotApplicable: c[coverage.NotApplicable], Info: c[coverage.Info],
		Score:        math.Round(m.Summary.Score*10000) / 10000,
		Requirements: map[string]int{},
	}
	for _, s := range coverage.Statuses {
		r.Summary.Requirements[string(s)] = 0
	}
	for _, ch := range m.Framework.Chapters {
		r.Chapters = append(r.Chapters, Chapter{Number: ch.Number, Title: ch.Title.In(lang)})
	}
	for _, a := range m.Articles {
		art := Article{
			Number: a.Article.Number, Chapter: a.Article.Chapter,
			Title: a.Article.Title.In(lang), Summary: a.Article.Summary.In(lang),
			Status: string(a.Status), Credit: math.Round(a.Credit*10000) / 10000, Requirements: []Requirement{},
		}
		for _, n := range a.Notes {
			art.Notes = append(art.Notes, cat.T(n.Key, redact(n.Args, visible)...))
		}
		for _, res := range a.Requirements {
			r.Summary.Requirements[string(res.Status)]++
			req := Requirement{
				ID: res.Requirement.ID, Kind: res.Requirement.Kind,
				Title:  res.Requirement.Title.In(lang),
				Status: string(res.Status), Computed: string(res.Computed),
				Evidence:   hidden.evidence(res.Evidence),
				InProgress: hidden.evidenceOrNil(res.InProgress),
				Gap:        messages(cat, res.Gaps, visible),
				Fix:        messages(cat, res.Fixes, visible),
				Hint:       res.Requirement.Hint.In(lang),
			}
			for _, n := range res.Notes {
				req.Notes = append(req.Notes, cat.T(n.Key, redact(n.Args, visible)...))
			}
			if at := res.Attestation; at != nil {
				req.Attestation = &Attestation{
					Verdict: string(at.Verdict), Auditor: at.Auditor, Date: at.Date.String(),
					Note: at.Note, Justification: at.Justification,
				}
			}
			art.Requirements = append(art.Requirements, req)
		}
		r.Articles = append(r.Articles, art)
	}
	r.Next = next(r.Articles)
	for _, s := range m.Stale {
		note := StaleNote{Requirement: s.Attestation.Requirement, Reason: cat.T(s.Reason.Key, redact(s.Reason.Args, visible)...)}
		for _, a := range m.Articles {
			for _, res := range a.Requirements {
				if res.Requirement.ID == note.Requirement {
					note.Article, note.Title = a.Article.Number, res.Requirement.Title.In(lang)
				}
			}
		}
		r.Stale = append(r.Stale, note)
	}
	return r
}

// evidence copies the evidence a reader may see. A document that may not
// be named stays in the list without its title or path, so that counts
// still add up ("and 2 internal documents").
// hiding turns evidence from documents this copy may not name into
// Evidence without id, path or title, numbering each such document.
type hiding struct {
	visible func(string) bool
	numbers map[string]int
}

func (h *hiding) evidence(in []coverage.Evidence) []Evidence {
	out := []Evidence{}
	for _, e := range in {
		if !h.visible(e.ID) {
			n, ok := h.numbers[e.ID]
			if !ok {
				n = len(h.numbers) + 1
				h.numbers[e.ID] = n
			}
			out = append(out, Evidence{Hidden: true, Internal: n})
			continue
		}
		out = append(out, Evidence{ID: e.ID, Path: e.Path, Title: e.Title, Section: e.Section, Line: e.Line, Date: e.Date, How: e.How})
	}
	return out
}

func (h *hiding) evidenceOrNil(in []coverage.Evidence) []Evidence {
	var out []Evidence
	for _, e := range h.evidence(in) {
		if !e.Hidden {
			out = append(out, e)
		}
	}
	return out
}

// redact replaces documents that may not be named with a neutral word.
func redact(args []any, visible func(string) bool) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if ref, ok := a.(coverage.DocRef); ok && !visible(ref.ID) {
			out[i] = diag.Key("report.internal-doc")
			continue
		}
		out[i] = a
	}
	return out
}

// messages joins gap messages into one paragraph.
func messages(cat *i18n.Catalog, msgs []diag.Msg, visible func(string) bool) string {
	parts := make([]string, 0, len(msgs))
	for _, m := range msgs {
		parts = append(parts, cat.T(m.Key, redact(m.Args, visible)...))
	}
	sep := ""
	if cat.Lang == "en" {
		sep = " "
	}
	return strings.Join(parts, sep)
}

// WriteJSON writes the report as indented JSON. The same matrix always
// gives the same bytes.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// next ranks the drafts in progress for unmet requirements by how many
// articles they would unlock (then by their first article, then id).
// Documents this copy may not name are left out.
func next(arts []Article) []NextDoc {
	byID := map[string]*NextDoc{}
	var order []string
	for _, a := range arts {
		for _, q := range a.Requirements {
			if q.Status != "missing" && q.Status != "partial" {
				continue
			}
			for _, e := range q.InProgress {
				if e.Hidden || e.ID == "" {
					continue
				}
				d := byID[e.ID]
				if d == nil {
					d = &NextDoc{ID: e.ID, Path: e.Path, Title: e.Title}
					byID[e.ID] = d
					order = append(order, e.ID)
				}
				if n := len(d.Articles); n == 0 || d.Articles[n-1] != a.Number {
					d.Articles = append(d.Articles, a.Number)
				}
				d.Requirements = append(d.Requirements, q.ID)
			}
		}
	}
	out := make([]NextDoc, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Articles) != len(out[j].Articles) {
			return len(out[i].Articles) > len(out[j].Articles)
		}
		if out[i].Articles[0] != out[j].Articles[0] {
			return out[i].Articles[0] < out[j].Articles[0]
		}
		return out[i].ID < out[j].ID
	})
	return out
}
