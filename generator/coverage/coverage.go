// Package coverage decides, for every article of a framework and every
// requirement of each article, whether a hospital meets it as of a date.
//
// It reads only values (the framework, the document types, the documents,
// the blank forms and the auditor's attestations) and does no I/O, so the
// same input and date always give the same matrix. No article number
// appears here: what each requirement asks is data in the framework file,
// and this package only knows the seven kinds of requirement.
//
// # Evidence
//
// Only documents in force count as evidence: status in_force, effective on
// or before the as-of date, not retired by then. Drafts of the right type
// are listed as "in progress". Records (drills, trainings, inspections,
// reviews) count unless they are drafts or retired.
//
// # Verdicts
//
// Each requirement gets met, partial, missing, manual (an auditor must
// attest), not_applicable (an attestation says so, with a justification)
// or info (not scored). The rules per kind:
//
//   - doc: met when enough documents in force match (type, filters, term
//     covering the as-of date, plan year, approver, minimum entries);
//     partial when documents exist but fall short of an extra condition;
//     missing otherwise.
//   - sections: met when the parts (headings, fields, table cells, form
//     fields) are all there; partial when some are; missing when none or
//     no document.
//   - list: met when every member is present; partial when some are.
//   - record: met when the newest record is within the period (per target
//     document when the requirement asks for one record per document);
//     partial when records exist but are too old, or some targets have
//     none; missing when there are none.
//   - number: met at or above the met threshold, partial at or above the
//     partial threshold, missing below or without figures.
//   - manual: the attestation's verdict while it is valid, else manual.
//   - info: always info.
//
// A requirement with or_manual takes a valid attestation's verdict when
// the documents do not meet it. Any requirement can be attested
// not_applicable with a justification.
//
// An article's verdict comes from its scored requirements (all but info
// and not_applicable): no scored requirement → info, or not_applicable if
// some were declared so; all met → met; all missing → missing; all met or
// manual → manual; nothing earning credit (missing, with manual ones
// pending) → missing, with a note of what waits; otherwise partial.
//
// # Score
//
// A requirement earns 1 for met, 0.5 for partial and 0 for missing or
// manual (not yet attested); info and not_applicable are left out. An
// article's credit is the weighted mean of its requirements' credits, and
// the score is the mean credit over the articles that have scored
// requirements, between 0 and 1.
package coverage

import (
	"sync"
	"sync/atomic"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/internal/pool"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/sections"
)

// Status is a verdict.
type Status string

// The verdicts.
const (
	Met           Status = "met"
	Partial       Status = "partial"
	Missing       Status = "missing"
	Manual        Status = "manual"
	NotApplicable Status = "not_applicable"
	Info          Status = "info"
)

// Statuses lists the verdicts in the order reports show them.
var Statuses = []Status{Met, Partial, Missing, Manual, NotApplicable, Info}

// Input is what Assess needs.
type Input struct {
	Framework *schema.Framework
	Schemas   *schema.Set
	Hospital  *config.Hospital
	Docs      []*model.Document
	Forms     map[string]*schema.Form // blank forms by id
	// OwnForms are the forms the site has its own copy of (forms/);
	// FormLinks returns the forms a document's body links to
	// ([工作单](form:work-order)). With hospital.toml's forms list they
	// say which blank forms the hospital has adopted: only those are
	// evidence (see adopt.go). FormLinks may be nil (no links read).
	OwnForms     map[string]bool
	FormLinks    func(d *model.Document) []string
	Attestations []Attestation
	AsOf         model.Date
	// Found remembers the sections found in each document, shared with
	// check; nil finds them afresh.
	Found *sections.Memo
	// Stop, when set, is asked before each article: once it says true,
	// the workers stop and the matrix is incomplete (a preview's rebuild
	// a newer save superseded drops it).
	Stop func() bool
}

// Matrix is the result: every article with its requirements' verdicts.
type Matrix struct {
	Framework *schema.Framework
	AsOf      model.Date
	Articles  []ArticleResult
	Summary   Summary
	// Stale lists attestations that are too old or older than the evidence
	// they vouch for.
	Stale []StaleAttestation
}

// Summary counts articles by verdict and gives the score.
type Summary struct {
	Counts map[Status]int
	Score  float64
}

// ArticleResult is the verdict on one article.
type ArticleResult struct {
	Article      *schema.Article
	Status       Status
	Credit       float64 // 0..1; meaningless for info and not_applicable
	Requirements []Result
	// Notes remark on the verdict (manual requirements still pending in
	// an article that is missing).
	Notes []diag.Msg
}

// Result is the verdict on one requirement.
type Result struct {
	Requirement *schema.Requirement
	Status      Status // the verdict, after any attestation
	Computed    Status // the verdict from the documents alone
	Evidence    []Evidence
	InProgress  []Evidence // drafts that would count once in force
	// Gaps say, in catalog messages, what is missing or wrong; Notes are
	// remarks that do not lower the verdict (an advised period exceeded,
	// a revision not yet due).
	Gaps  []diag.Msg
	Notes []diag.Msg
	// Fixes say how the site's maintainer closes a gap, in setup terms
	// (hospital.toml, forms/); gaps say what is missing in readers' words.
	Fixes       []diag.Msg
	Attestation *Attestation // the attestation that decided the verdict, if any
	// statedAbsent: a document says outright that the thing is not there
	// ("未设立技术档案室"); the documents answer the question, so or_manual
	// does not hand it to an auditor.
	statedAbsent bool
}

// Evidence is a document (and where in it) that supports a verdict.
type Evidence struct {
	ID    string
	Path  string
	Title string
	// Where in the document: a heading, a field, a table row, a record date.
	Section string
	Line    int
	Date    string
	// How says how a section was found: tagged, keyword, title, inferred
	// or field (package sections); "" for other evidence.
	How string
}

// Credit is what a verdict earns in the score.
func (s Status) Credit() float64 {
	switch s {
	case Met:
		return 1
	case Partial:
		return 0.5
	}
	return 0
}

// Scored reports whether a verdict counts in the score.
func (s Status) Scored() bool { return s != Info && s != NotApplicable }

// Assess evaluates every requirement of the framework. The articles are
// evaluated on every core (an article's verdict depends only on the input),
// each worker with its own copy of the evaluator's memos; the results are
// put together in the framework's order, so the matrix is the same
// whichever worker evaluated what.
func Assess(in Input) *Matrix { return assess(in, pool.Workers()) }

// assess is Assess on up to workers goroutines.
func assess(in Input, workers int) *Matrix {
	e := newEvaluator(in)
	arts := in.Framework.Articles
	results := make([]ArticleResult, len(arts))
	stale := make([][]StaleAttestation, len(arts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(arts))) {
		w := e.fork()
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(arts) || in.Stop != nil && in.Stop() {
					return
				}
				w.stale = nil
				results[i] = w.article(arts[i])
				stale[i] = w.stale
			}
		})
	}
	wg.Wait()
	m := &Matrix{Framework: in.Framework, AsOf: in.AsOf, Summary: Summary{Counts: map[Status]int{}}}
	total, n := 0.0, 0
	for i, ar := range results {
		m.Summary.Counts[ar.Status]++
		if ar.Status.Scored() {
			total += ar.Credit
			n++
		}
		m.Articles = append(m.Articles, ar)
		m.Stale = append(m.Stale, stale[i]...)
	}
	if n > 0 {
		m.Summary.Score = total / float64(n)
	}
	return m
}

// article evaluates an article's requirements and derives its verdict.
func (e *evaluator) article(a *schema.Article) ArticleResult {
	ar := ArticleResult{Article: a}
	for _, r := range a.Requirements {
		ar.Requirements = append(ar.Requirements, e.requirement(r))
	}
	ar.Status, ar.Credit = articleVerdict(ar.Requirements)
	ar.Notes = articleNotes(ar.Status, ar.Requirements)
	return ar
}

// fork returns a copy of the evaluator for another goroutine: the
// documents, types and attestations are shared (only read once made); the
// memos and the stale attestations found are its own.
func (e *evaluator) fork() *evaluator {
	c := *e
	c.found, c.hollows, c.stale = nil, nil, nil
	return &c
}

// articleVerdict derives an article's verdict and credit from its
// requirements (see the package comment).
func articleVerdict(rs []Result) (Status, float64) {
	var scored []Result
	na := false
	for _, r := range rs {
		switch {
		case r.Status == NotApplicable:
			na = true
		case r.Status.Scored():
			scored = append(scored, r)
		}
	}
	if len(scored) == 0 {
		if na {
			return NotApplicable, 0
		}
		return Info, 0
	}
	all := func(ok func(Status) bool) bool {
		for _, r := range scored {
			if !ok(r.Status) {
				return false
			}
		}
		return true
	}
	weight, credit := 0.0, 0.0
	for _, r := range scored {
		w := r.Requirement.Weight
		if w <= 0 {
			w = 1
		}
		weight += w
		credit += w * r.Status.Credit()
	}
	credit /= weight
	switch {
	case all(func(s Status) bool { return s == Met }):
		return Met, credit
	case all(func(s Status) bool { return s == Missing }):
		return Missing, credit
	case all(func(s Status) bool { return s == Met || s == Manual }):
		return Manual, credit
	case credit == 0:
		// Nothing earns credit (missing, with manual ones pending): the
		// article is missing, not partial; articleNotes says what waits.
		return Missing, credit
	}
	return Partial, credit
}
