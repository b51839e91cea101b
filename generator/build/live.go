package build

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"syscall"

	"guifan/generator/config"
	"guifan/generator/content"
	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/site"
	"guifan/generator/validate"
)

// Live is a site kept loaded between builds, for a preview that rebuilds
// at every save: hospital.toml, the schemas, forms, theme, layouts and
// catalogs are read once, and an Update reads again only the documents
// that changed. Its result after each Update is the result of a cold Run
// of the same files with the same options (TestLiveMatchesCold), made
// from the same stages.
type Live struct {
	dir string
	opt Options

	mu    sync.Mutex
	s     *Site
	base  diag.List      // the load's diagnostics, but the documents'
	docs  *content.Cache // the documents as read
	hsrc  *diag.Source   // hospital.toml
	in    *site.Input    // what the last good site was written from
	diags diag.List      // the diagnostics of the latest update's run
	gen   int            // updates started
	kept  int            // the update whose run in and diags are from
	// loaded are the latest load's diagnostics (of l.s as it is now).
	loaded diag.List
	// tmpl are the page layouts, parsed at the first quick look after a
	// load (a change to the theme or the layouts loads the site again).
	tmpl *site.Templates
	// cancel stops the rebuild of the latest update, when one runs.
	cancel context.CancelFunc
}

// Quick is what an Update knows before checking and rebuilding the whole
// site: the pages of the documents just saved, or their problems.
type Quick struct {
	// Files are the saved public documents' pages ("site/docs/x.html"),
	// written with the rest of the site as the last good build left it
	// (lists, report, downloads): the full result follows. Nil when
	// Problems has errors.
	Files map[string][]byte
	// Problems are every problem the quick look found: the loader's, and
	// the checks of the saved documents on their own (with ids across
	// every document), sorted.
	Problems diag.List
	// Settled reports whether the errors of the last full result were all
	// in the saved files (so that the quick look, when it finds none,
	// says the site is fixed).
	Settled bool
	// Site is the site as loaded now (its Source prints Problems).
	Site *Site
}

// NewLive loads the site in dir and runs opt on it (opt.InMemory is
// implied), returning the live site and the run's result. Errors are
// those of Run.
func NewLive(dir string, opt Options) (*Live, *Result, error) {
	for _, name := range opt.Only {
		if outputNamed(name) == nil {
			return nil, nil, &UnknownOutputError{Name: name}
		}
	}
	opt.InMemory = true
	l := &Live{dir: dir, opt: opt}
	res, err := l.reload()
	if err != nil {
		return nil, nil, err
	}
	return l, res, nil
}

// reload loads the whole site again and runs the stages, l.mu held.
func (l *Live) reload() (*Result, error) {
	l.opt.step(StageLoad)
	l.gen++
	fsys, err := fsutil.SiteFS(l.dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return nil, ErrNoSite
		}
		return nil, err
	}
	docs := content.NewCache()
	s, diags, span, err := load(fsys, docs)
	if err != nil {
		return nil, err
	}
	l.s, l.docs, l.in, l.tmpl, l.loaded = s, docs, nil, nil, diags
	l.hsrc = s.Project.Sources[config.FileName]
	l.base = append(slices.Clone(diags[:span[0]]), diags[span[1]:]...)
	res, in, err := l.run(s, diags)
	l.keep(l.gen, res, in, err)
	return res, err
}

// run runs the stages after loading on s, returning also what the site's
// pages were written from. It reads nothing of l that changes.
func (l *Live) run(s *Site, diags diag.List) (*Result, *site.Input, error) {
	s.progress = l.opt.Progress
	var in *site.Input
	s.siteInput = func(x site.Input) { in = &x }
	res, err := s.run(l.dir, "", diags, l.opt)
	s.siteInput = nil
	if in != nil {
		in.Texts = nil
	}
	return res, in, err
}

// keep remembers the result of the run of update gen, unless a later
// update's is already kept or the run was canceled; l.mu held.
func (l *Live) keep(gen int, res *Result, in *site.Input, err error) {
	if gen < l.kept || res == nil || res.Canceled {
		return
	}
	l.kept = gen
	l.diags = res.Diags
	if err == nil && res.Files != nil && in != nil {
		l.in = in
	}
}

// Site returns the site as last loaded.
func (l *Live) Site() *Site {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s
}

// Update brings the site up to date after the files at changed (paths
// relative to the site, slash-separated, as package watch reports them)
// changed, were added or were removed, and returns the result a cold Run
// would. When only documents changed, quick (when not nil) is first given
// their pages, or their problems, before the site is checked and rebuilt;
// a change to anything else (hospital.toml, schemas, themes, layouts,
// forms, attestations) loads the whole site again.
//
// Update is Start and then the function it returns.
func (l *Live) Update(changed []string, quick func(Quick)) (*Result, error) {
	return l.Start(changed, quick)()
}

// Start reads the changed files and gives the quick look now, and returns
// the rest of Update: the rebuild of the whole site, which runs on the
// site as this update left it. A preview calls Start at each change, in
// order, and runs what it returns in the background, so that a save made
// while the last one is still being rebuilt does not wait for it; it
// publishes the result of the latest update only. Start and the functions
// it returns may be called from several goroutines.
//
// Start cancels the rebuild of the update before it: that rebuild stops
// at its next check (between stages, between pages) and returns a Result
// marked Canceled, so that it does not take the processor from this
// update's.
func (l *Live) Start(changed []string, quick func(Quick)) func() (*Result, error) {
	l.mu.Lock()
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	if slices.ContainsFunc(changed, func(p string) bool { return !isDocFile(p) }) || l.s == nil {
		res, err := l.reload()
		l.mu.Unlock()
		return func() (*Result, error) { return res, err }
	}
	l.gen++
	gen := l.gen
	diags := l.update(changed)
	if quick != nil {
		quick(l.quick(changed, diags))
	}
	snap := *l.s // this update's site: a later update changes l.s
	ctx, cancel := context.WithCancel(context.Background())
	snap.ctx, l.cancel = ctx, cancel
	l.mu.Unlock()
	return func() (*Result, error) {
		defer cancel()
		res, in, err := l.run(&snap, diags)
		l.mu.Lock()
		l.keep(gen, res, in, err)
		l.mu.Unlock()
		return res, err
	}
}

// isDocFile reports whether p is a document under content/ (by its
// name, as the loader's walk finds them), the only files an Update reads
// alone.
func isDocFile(p string) bool {
	rest, ok := strings.CutPrefix(p, content.Dir+"/")
	if !ok {
		return false
	}
	for _, part := range strings.Split(rest, "/") {
		if part == "" || strings.HasPrefix(part, ".") {
			return false
		}
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown", ".toml":
		return true
	}
	return false
}

// update reads the changed documents again into l.s and returns the
// load's diagnostics; l.mu held.
func (l *Live) update(changed []string) diag.List {
	l.opt.step(StageLoad)
	s := l.s
	l.docs.Forget(changed...)
	docs, sources, cd := content.LoadCached(s.siteFS, s.Schemas, l.docs)
	if l.hsrc != nil {
		sources[config.FileName] = l.hsrc
	}
	s.Project = &model.Project{Hospital: s.Project.Hospital, Docs: docs, Sources: sources}
	live := make(map[*model.Document]bool, len(docs))
	for _, d := range docs {
		live[d] = true
	}
	s.found.Keep(func(d *model.Document) bool { return live[d] })
	l.loaded = append(slices.Clone(l.base), cd...)
	return slices.Clone(l.loaded)
}

// quick is the quick look at the saved documents: their own checks and,
// when they pass, their pages.
func (l *Live) quick(changed []string, loaded diag.List) Quick {
	s := l.s
	saved := map[string]bool{}
	for _, p := range changed {
		saved[p] = true
	}
	q := Quick{Site: s, Settled: true}
	for _, d := range l.diags {
		if d.Severity == diag.Error && !saved[d.Pos.File] {
			q.Settled = false
		}
	}
	in := s.checkInput(l.opt.AsOf)
	in.Only = func(d *model.Document) bool { return saved[d.Path] }
	q.Problems = append(slices.Clone(loaded), validate.Check(in)...)
	q.Problems.Sort()
	if q.Problems.Errors() > 0 || l.in == nil {
		return q
	}
	// The saved documents' pages, with the rest as the last site had it.
	v := s.view(nil, l.in.Catalog, false)
	in2 := *l.in
	in2.Docs, in2.Present = v.docs, v.present
	in2.Control = func(d *model.Document) []present.Item { return v.control(s, d) }
	q.Files = map[string][]byte{}
	for _, d := range v.docs {
		if !saved[d.Path] {
			continue
		}
		if l.tmpl == nil {
			t, err := site.ParseTemplates(l.in.Theme, l.in.Layouts)
			if err != nil {
				break // the full build says why
			}
			l.tmpl = t
		}
		page, ok, err := l.tmpl.DocPage(in2, d.ID)
		if err != nil || !ok {
			continue // the full build says why
		}
		q.Files["site/"+site.PagePath(d.ID)] = page
	}
	return q
}

// Make makes the deferred output kind (pdf, excel, forms: Options.Defer)
// of the site as the latest update left it, in memory, without loading
// the site again: a preview makes them on the first request for one of
// their files. It checks and assesses the site as a cold Run does, so its
// files are those Run with Only kind would make; Result.Invalid when the
// content has errors. Make may run while an update's rebuild does.
func (l *Live) Make(kind string) (*Result, error) {
	if outputNamed(kind) == nil {
		return nil, &UnknownOutputError{Name: kind}
	}
	l.mu.Lock()
	if l.s == nil {
		l.mu.Unlock()
		return nil, ErrNoSite
	}
	snap := *l.s
	// Assess records the attestations' source in the project's sources:
	// this run's own copy, so that it does not race with a rebuild's.
	proj := *snap.Project
	proj.Sources = maps.Clone(proj.Sources)
	snap.Project = &proj
	diags := slices.Clone(l.loaded)
	l.mu.Unlock()
	snap.progress, snap.siteInput, snap.ctx = nil, nil, nil
	opt := Options{Goal: GoalBuild, AsOf: l.opt.AsOf, Only: []string{kind}, InMemory: true}
	return snap.run(l.dir, "", diags, opt)
}
