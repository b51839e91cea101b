package build

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/report"
)

// Goal is how far a run goes. Every goal runs the stages before it, in
// the one order this file gives: load, check, assess, then the report or
// the outputs.
type Goal int

const (
	// GoalCheck loads and checks the site and reads its attestations.
	GoalCheck Goal = iota
	// GoalReport also makes the compliance-gap report (Result.Report),
	// even when the content has errors: a gap report is most useful
	// exactly when things are incomplete.
	GoalReport
	// GoalBuild also makes the outputs and publishes them into the output
	// folder, only when the content has no errors.
	GoalBuild
)

// Options are what a command asks of a run.
type Options struct {
	Goal Goal
	// AsOf is the date the site is assessed at. The clock is read by the
	// command, never here.
	AsOf model.Date
	// Only names the outputs to make (GoalBuild); nil makes those
	// hospital.toml lists. Each must be in Outputs.
	Only []string
	// Out is the output folder (GoalBuild); "" is the site's output/.
	Out string
	// Catalog is the catalog of the report printed as text (GoalReport);
	// nil is the site's own language. Outputs always use the site's.
	Catalog *i18n.Catalog
	// InMemory returns the outputs in Result.Files instead of publishing
	// them (GoalBuild): the output folder is neither checked nor written.
	InMemory bool
	// Defer names outputs (pdf, excel, forms) the site links to as a
	// build that makes them would, without making them (GoalBuild): a
	// later run with Only makes them. Those hospital.toml's outputs list
	// leaves out are not linked; Only's entries are made, not deferred.
	Defer []string
	// Submit also makes Result.Submission (GoalReport): the public
	// submission.json, in the site's language.
	Submit bool
	// Progress, when set, is told each stage as it starts: "load",
	// "check", "assess", an output's name, "publish".
	Progress func(stage string)
	// LimitMemory gives the process's garbage collector a soft memory
	// limit for the run, by the size of the site (memoryBudget), unless
	// the environment sets GOMEMLIMIT. It changes the whole process: the
	// command sets it; tests, which run builds at once, do not.
	LimitMemory bool
}

// Stages are the stages Options.Progress names, besides the outputs.
const (
	StageLoad    = "load"
	StageCheck   = "check"
	StageAssess  = "assess"
	StagePublish = "publish"
)

// step tells opt.Progress a stage starts.
func (opt Options) step(stage string) {
	if opt.Progress != nil {
		opt.Progress(stage)
	}
}

// Result is what a run found and made.
type Result struct {
	// Site is the loaded site (its Source prints diagnostics).
	Site *Site
	// Diags are every problem found, sorted.
	Diags diag.List
	// Report is the full gap report (GoalReport), nil when the framework
	// is unknown (Diags says so).
	Report *report.Report
	// Submission is submission.json (Options.Submit), nil when the
	// framework is unknown.
	Submission []byte
	// Out is the output folder written (GoalBuild), empty when nothing
	// was written.
	Out string
	// Docs is the number of documents read.
	Docs int
	// Reused is the number of PDFs (and blank forms' workbooks) taken
	// unchanged from the previous build in the output folder (their
	// inputs had not changed).
	Reused int
	// Files are the outputs made (Options.InMemory), keyed by their path
	// under the output folder ("site/index.html"); nil when the content
	// has errors.
	Files map[string][]byte
	// Canceled reports that the run was stopped before its end (a live
	// preview's rebuild that a newer save superseded, Live.Start): Diags
	// are incomplete, Files are nil and nothing was published.
	Canceled bool
}

// Invalid reports whether the content has errors: nothing was published.
func (r *Result) Invalid() bool { return r.Diags.Errors() > 0 }

// WriteReport writes the report as JSON (in the site's language) or as
// text in the run's catalog.
func (r *Result) WriteReport(w io.Writer, json bool, cat *i18n.Catalog) error {
	if json {
		return r.Report.WriteJSON(w)
	}
	r.Report.WriteText(w, cat.T)
	return nil
}

// ErrUnknownOutput is returned for an Options.Only entry that is not an
// output; an *UnknownOutputError wraps it and says which.
var ErrUnknownOutput = errors.New("unknown output")

// UnknownOutputError names an output Options.Only asked for that guifan
// does not make.
type UnknownOutputError struct{ Name string }

func (e *UnknownOutputError) Error() string { return "unknown output " + e.Name }
func (e *UnknownOutputError) Unwrap() error { return ErrUnknownOutput }

// Run loads the site in dir and runs the stages opt.Goal asks for, in
// order. err is ErrNoSite for a folder without hospital.toml, an
// *OutputError for an output folder guifan may not write, an
// *UnknownOutputError for a bad Options.Only, or an internal failure;
// problems in the content are in Result.Diags (Result.Invalid).
func Run(dir string, opt Options) (*Result, error) {
	for _, name := range opt.Only {
		if outputNamed(name) == nil {
			return nil, &UnknownOutputError{Name: name}
		}
	}
	out := opt.Out
	if opt.Goal == GoalBuild && !opt.InMemory {
		if out == "" {
			out = filepath.Join(dir, "output")
		}
		// Refuse a bad output folder before the work of building.
		if _, err := CheckOutput(out, dir); err != nil {
			return nil, err
		}
	}
	opt.step(StageLoad)
	s, diags, err := LoadDir(dir)
	if err != nil {
		return nil, err
	}
	s.progress = opt.Progress
	if opt.LimitMemory && os.Getenv("GOMEMLIMIT") == "" {
		pdfs := slices.Contains(s.outputsWanted(opt.Only), "pdf")
		prev := debug.SetMemoryLimit(memoryBudget(len(s.Project.Docs), pdfs))
		defer debug.SetMemoryLimit(prev)
	}
	return s.run(dir, out, diags, opt)
}

// memoryBudget is the soft memory limit of a build of n documents, with
// or without PDFs. By default (GOGC=100) Go lets the heap grow to twice
// the data in use before collecting: a 10,000-document full build, about
// 0.7 GB in use at its peak, reached 1.6 GB. With the limit the collector
// works harder near it instead (the build took some 10% longer, and stayed
// near 1 GB). It is a budget, not a cap: a site whose data needs more gets
// more, collected as usual. Measured at the peak: about 70 KB in use per
// document with PDFs (their typeset blocks), 26-29 KB without (the site and
// its search index); the budget allows 1.5 and 1.75 times that, and never
// less than 1 GB and 256 MB, which small sites do not reach.
func memoryBudget(n int, pdfs bool) int64 {
	if pdfs {
		return max(1<<30, int64(n)*105<<10)
	}
	return max(256<<20, int64(n)*45<<10)
}

// errCanceled is what a stage returns when the run's context is done
// (Site.ctx); run turns it into Result.Canceled.
var errCanceled = errors.New("build canceled")

// stopped reports whether the run's context (Site.ctx) is done: a cheap
// check the stages make between steps and in their long loops. Always
// false for a run without one (Run, the command line's builds).
func (s *Site) stopped() bool { return s.ctx != nil && s.ctx.Err() != nil }

// run is Run after loading.
func (s *Site) run(dir, out string, diags diag.List, opt Options) (*Result, error) {
	res := &Result{Site: s, Docs: len(s.Project.Docs)}
	canceled := func() (*Result, error) {
		res.Diags, res.Files, res.Canceled = diags, nil, true
		return res, nil
	}
	if s.stopped() {
		return canceled()
	}
	opt.step(StageCheck)
	diags.Append(s.Check(opt.AsOf))
	if s.stopped() {
		return canceled()
	}
	opt.step(StageAssess)
	m, ad := s.Assess(opt.AsOf)
	diags.Append(ad)
	if s.stopped() {
		return canceled()
	}
	defer func() { res.Diags.Sort() }()
	switch opt.Goal {
	case GoalCheck:
		res.Diags = diags
		return res, nil
	case GoalReport:
		res.Diags = diags
		if m != nil {
			cat := opt.Catalog
			if cat == nil {
				cat = s.Catalog()
			}
			res.Report = report.Build(m, s.Project.Hospital.Name, cat, report.AllDocuments())
			if opt.Submit {
				sub, err := s.Submission(m, opt.AsOf)
				if err != nil {
					return res, err
				}
				res.Submission = sub
			}
		}
		return res, nil
	}
	if diags.Errors() > 0 || m == nil {
		res.Diags = diags
		return res, nil
	}
	if opt.InMemory {
		files, od, err := s.outputs(m, opt.AsOf, s.Catalog(), opt.Only, s.deferred(opt))
		diags.Append(od)
		if errors.Is(err, errCanceled) {
			return canceled()
		}
		res.Diags = diags
		if err == nil && diags.Errors() == 0 {
			res.Files = files
		}
		return res, err
	}
	// Each file is written into the output's temporary folder as it is
	// made; the folder is swapped in only when the whole build succeeded.
	s.prior = out
	st, err := beginPublish(out, dir)
	if err != nil {
		res.Diags = diags
		return res, err
	}
	od, err := s.outputsTo(st, m, opt.AsOf, s.Catalog(), opt.Only, s.deferred(opt))
	diags.Append(od)
	res.Diags = diags
	if err != nil || diags.Errors() > 0 {
		st.abort()
		if errors.Is(err, errCanceled) {
			return canceled()
		}
		return res, err
	}
	opt.step(StagePublish)
	if err := st.commit(); err != nil {
		return res, err
	}
	res.Out, res.Reused = out, s.reused
	return res, nil
}

// Catalog returns the message catalog in the site's default language, from
// its theme; the built-in one when the theme's cannot be read.
func (s *Site) Catalog() *i18n.Catalog {
	if cat, err := i18n.Load(s.ThemeFS, s.Project.Hospital.Lang()); err == nil {
		return cat
	}
	cat, _ := i18n.Load(builtinTheme(), s.Project.Hospital.Lang())
	return cat
}
