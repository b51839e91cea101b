package build

import (
	"slices"
	"strings"
	"sync"

	"guifan/generator/config"
	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/search"
	"guifan/generator/site"
)

// PagePath is where a document's page lives in the site, relative to the
// site's root. Every output that links to a document uses it.
func PagePath(id string) string { return site.PagePath(id) }

// OutputKind is one kind of output a build makes: its name (as --only and
// hospital.toml's outputs write it), the catalog key that says what it
// makes, and the step that makes it.
type OutputKind struct {
	Name string
	Help string // catalog key, "output.kind.site", ...
	make func(*job) error
	// last: made after the others, because it lists what they made (the
	// site's downloads page).
	last bool
	// queued: the step only queues its files for writePDFs, which tells
	// the progress when they are made.
	queued bool
}

// outputKinds are the outputs, in the order help and messages list them.
var outputKinds = []OutputKind{
	{Name: "site", Help: "output.kind.site", make: (*job).site, last: true},
	{Name: "pdf", Help: "output.kind.pdf", make: (*job).pdfs, queued: true},
	{Name: "excel", Help: "output.kind.excel", make: (*job).excel},
	{Name: "forms", Help: "output.kind.forms", make: (*job).forms, queued: true},
	{Name: "report", Help: "output.kind.report", make: (*job).reportJSON},
	{Name: "submission", Help: "output.kind.submission", make: (*job).submissionJSON},
}

// makeOrder is the order a build makes the outputs in: those made whole
// at once (the workbooks, the JSON files) before the PDFs and forms are
// planned, whose plans stay in memory until they are written; so the
// build's peak is the larger of the two, not their sum.
var makeOrder = func() []OutputKind {
	var first, queued []OutputKind
	for _, k := range outputKinds {
		if k.queued {
			queued = append(queued, k)
		} else {
			first = append(first, k)
		}
	}
	return append(first, queued...)
}()

// OutputKinds returns the outputs guifan makes.
func OutputKinds() []OutputKind { return slices.Clone(outputKinds) }

// OutputNames returns the names of the outputs, in order.
func OutputNames() []string {
	names := make([]string, len(outputKinds))
	for i, k := range outputKinds {
		names[i] = k.Name
	}
	return names
}

func outputNamed(name string) *OutputKind {
	for i := range outputKinds {
		if outputKinds[i].Name == name {
			return &outputKinds[i]
		}
	}
	return nil
}

// checkOutputs checks hospital.toml's outputs list against the table.
func (s *Site) checkOutputs(diags *diag.List) {
	h := s.Project.Hospital
	for i, o := range h.Outputs {
		if outputNamed(o) == nil {
			diags.Add(h.Pos(config.Index("outputs", i)), "config.output", o, strings.Join(OutputNames(), ", "))
		}
	}
}

// job is one build's outputs in the making.
type job struct {
	s      *Site
	cache  *pdfCache // the previous build's PDFs; nil for a build in memory
	m      *coverage.Matrix
	asOf   model.Date
	cat    *i18n.Catalog
	public *view // everything under site/ is made from this view only
	full   *view // restricted/ and report.json
	out    sink  // where each file goes as it is made (job.put)
	diags  diag.List
	// files are outputs not yet stored through put: each output's are
	// moved to out when it returns.
	files map[string][]byte
	// sinkErr is the first failure of out.
	sinkMu  sync.Mutex
	sinkErr error
	// What the site lists of the other outputs.
	downloads []site.Download
	// bookDownload is the audit workbook's entry, listed after the PDFs
	// (siteDownloads) whichever is made first.
	bookDownload *site.Download
	docPDFs      map[string]string // public document id -> its PDF under site/
	cardPDFs     map[string]string // public document id -> its action card's PDF under site/ (card.go)
	formFiles    map[string]site.FormFiles
	pdfWork      pdfWork // the PDFs to write, all at once (writePDFs)
}

// Outputs makes every output file of a build, keyed by its path under the
// output folder: the full report (report.json, outside the site), the
// intranet site with its downloads (site/), made from the public view
// only, and the restricted copies (restricted/), made from the full view.
//
// only names the outputs to make (OutputNames); nil makes those
// hospital.toml lists (all by default).
func (s *Site) Outputs(m *coverage.Matrix, asOf model.Date, cat *i18n.Catalog, only []string) (map[string][]byte, diag.List, error) {
	return s.outputs(m, asOf, cat, only, nil)
}

// outputs is Outputs, with the outputs of deferred planned (plan) instead
// of made: the site links to them, a later run makes them.
func (s *Site) outputs(m *coverage.Matrix, asOf model.Date, cat *i18n.Catalog, only, deferred []string) (map[string][]byte, diag.List, error) {
	mem := newMemSink()
	od, err := s.outputsTo(mem, m, asOf, cat, only, deferred)
	if err != nil || od.Errors() > 0 {
		return nil, od, err
	}
	return mem.files, od, nil
}

// outputsWanted is what a build makes: the outputs asked for (--only),
// else hospital.toml's outputs, else every one.
func (s *Site) outputsWanted(only []string) []string {
	if only == nil {
		only = s.Project.Hospital.Outputs
	}
	if only == nil {
		only = OutputNames()
	}
	return only
}

// outputsTo is outputs, storing each file in out as it is made. When it
// returns an error or diagnostics with errors, out holds some of the files
// and is to be dropped.
func (s *Site) outputsTo(out sink, m *coverage.Matrix, asOf model.Date, cat *i18n.Catalog, only, deferred []string) (diag.List, error) {
	only = s.outputsWanted(only)
	j := &job{s: s, m: m, asOf: asOf, cat: cat, out: out, files: map[string][]byte{},
		docPDFs: map[string]string{}, formFiles: map[string]site.FormFiles{}}
	j.public, j.full = s.views(m, cat)
	if s.prior != "" {
		j.cache = openPDFCache(s.prior)
		defer j.cache.close()
		// Files that come out the same as the previous build's are that
		// file again (staging.sameAsPrevious).
		if st, ok := out.(*staging); ok && j.cache.dirs != nil {
			st.previous = j.cache.dirs
			defer func() { st.previous = nil }()
		}
	}
	for _, last := range []bool{false, true} {
		if last {
			j.writePDFs() // before the site, which lists their sizes
		}
		for _, k := range makeOrder {
			if !last && slices.Contains(deferred, k.Name) {
				j.plan(k.Name)
				continue
			}
			if k.last != last || !slices.Contains(only, k.Name) {
				continue
			}
			if s.stopped() {
				return j.diags, errCanceled
			}
			if s.progress != nil && !k.queued {
				s.progress(k.Name)
			}
			if err := k.make(j); err != nil {
				return j.diags, err
			}
			if err := j.flush(); err != nil {
				return j.diags, err
			}
		}
	}
	if err := j.flush(); err != nil { // writePDFs' when the site is not made
		return j.diags, err
	}
	if j.diags.Errors() > 0 {
		return j.diags, nil
	}
	if j.cache != nil {
		j.put(cacheFile, j.cache.index())
	}
	return j.diags, j.failed()
}

// flush stores the files an output left in job.files, and returns the
// sink's first failure.
func (j *job) flush() error {
	for name, data := range j.files {
		j.put(name, data)
		delete(j.files, name)
	}
	return j.failed()
}

// reportJSON writes the full report, outside the site.
func (j *job) reportJSON() error {
	var b strings.Builder
	if err := j.full.report.WriteJSON(&b); err != nil {
		return err
	}
	j.put("report.json", []byte(b.String()))
	return nil
}

// siteDownloads are the files the downloads page lists, in the order of
// the outputs that made them (outputKinds).
func (j *job) siteDownloads() []site.Download {
	if j.bookDownload == nil {
		return j.downloads
	}
	return append(slices.Clone(j.downloads), *j.bookDownload)
}

// site writes the intranet site's pages and its search index, from the
// public view.
func (j *job) site() error {
	s, v := j.s, j.public
	texts := map[string]string{} // each body rendered once, for the pages and the index
	in := site.Input{
		Hospital: s.Project.Hospital, Schemas: s.Schemas, Framework: j.m.Framework,
		Docs: v.docs, Forms: s.Forms, Report: v.report, Catalog: j.cat,
		Present: v.present, Control: func(d *model.Document) []present.Item { return v.control(s, d) },
		Theme: s.ThemeFS, Layouts: s.layouts, AsOf: j.asOf, Downloads: j.siteDownloads(), DocPDFs: j.docPDFs, CardPDFs: j.cardPDFs, FormFiles: j.formFiles,
		Texts: texts, Figures: j.figures(v), Languages: s.siteLanguages(),
	}
	in.Stop = s.stopped
	wr := j.startWriters()
	defer wr.wait()
	in.Put = func(p string, data []byte) { wr.put("site/"+p, data) } // each page stored as soon as made
	// The search index is made from the bodies' texts while the other
	// pages are: the lists, home, articles and report pages are mostly
	// work on one core, and the index's own parts on both fill the other.
	// Its files are queued as they are made, beside the pages (putAll
	// waits until they are queued, not written).
	var (
		idx     *search.Index
		indexed chan struct{}
	)
	index := func() {
		var queued sync.WaitGroup
		idx = s.searchIndex(v, j.cat, texts, func(files map[string][]byte) {
			queued.Go(func() { wr.putAll("site/", files) })
		})
		queued.Wait()
	}
	in.TextsDone = func() {
		indexed = make(chan struct{})
		go func() {
			defer close(indexed)
			index()
		}()
	}
	defer func() {
		if indexed != nil {
			<-indexed
		}
	}()
	pages, sd, err := site.Write(in)
	in.Stop, in.Put, in.TextsDone = nil, nil, nil
	if s.stopped() {
		return errCanceled // Write may have stopped part way
	}
	if s.siteInput != nil && err == nil {
		s.siteInput(in)
	}
	j.diags.Append(sd)
	if d, ok := s.LayoutProblem(err); ok {
		j.diags = append(j.diags, d) // a layout of the site's fails when run
		return nil
	}
	if err != nil {
		return err
	}
	wr.putAll("site/", pages)
	// The search index always comes with the site.
	if indexed != nil {
		<-indexed
	} else {
		index()
	}
	if s.stopped() {
		return errCanceled
	}
	for _, l := range in.Languages[min(1, len(in.Languages)):] {
		if s.stopped() {
			return errCanceled
		}
		if err := j.siteIn(in, l, idx, wr); err != nil {
			return err
		}
	}
	wr.wait()
	return j.failed()
}

// siteIn writes the site's pages again in another language l of its
// interface, in l's folder (site/en/): the same pages, from a view made
// with l's catalog, each linking the same page of the others. The
// downloads stay where the first language's site has them, and the
// search page uses the first language's index (idx) with its own names
// of the kinds of entries. Only a site whose hospital.toml lists more
// than one language pays for this.
func (j *job) siteIn(first site.Input, l site.Language, idx *search.Index, wr *writers) error {
	s := j.s
	cat, err := i18n.Load(s.ThemeFS, l.Code)
	if err != nil {
		return err // config checked the languages against the theme's catalogs
	}
	v := s.view(j.m, cat, false)
	up := strings.Repeat("../", strings.Count(l.Root, "/"))
	in := first
	in.Catalog, in.Docs, in.Report, in.Present = cat, v.docs, v.report, v.present
	in.Control = func(d *model.Document) []present.Item { return v.control(s, d) }
	in.Texts, in.Figures = nil, j.figuresIn(v, cat)
	in.Downloads = slices.Clone(first.Downloads)
	for i := range in.Downloads {
		in.Downloads[i].Path = up + in.Downloads[i].Path
	}
	in.DocPDFs, in.CardPDFs = prefixed(first.DocPDFs, up), prefixed(first.CardPDFs, up)
	in.FormFiles = map[string]site.FormFiles{}
	for id, f := range first.FormFiles {
		if f.PDF != "" {
			f.PDF = up + f.PDF
		}
		if f.XLSX != "" {
			f.XLSX = up + f.XLSX
		}
		in.FormFiles[id] = f
	}
	in.Stop = s.stopped
	in.Put = func(p string, data []byte) { wr.put("site/"+l.Root+p, data) }
	pages, _, err := site.Write(in) // its links are the first language's, reported once
	if s.stopped() {
		return errCanceled
	}
	if err != nil {
		return err
	}
	wr.putAll("site/"+l.Root, pages)
	wr.put("site/"+l.Root+"search/meta.js", idx.Meta(s.searchLabels(v.docs, cat)))
	return nil
}

func prefixed(m map[string]string, prefix string) map[string]string {
	out := make(map[string]string, len(m))
	for k, p := range m {
		out[k] = prefix + p
	}
	return out
}

// siteLanguages are the languages of the site's interface
// (hospital.toml's languages), the first at the site's root, each other
// in a folder named after it (site/en/), with its name in itself.
// Fewer than two: none, and no page links another language.
func (s *Site) siteLanguages() []site.Language {
	codes := s.Project.Hospital.Languages
	if len(codes) < 2 {
		return nil
	}
	var out []site.Language
	for i, c := range codes {
		label := c
		if cat, err := i18n.Load(s.ThemeFS, c); err == nil {
			label = cat.T("site.lang.self")
		}
		root := ""
		if i > 0 {
			root = c + "/"
		}
		out = append(out, site.Language{Code: c, Label: label, Root: root})
	}
	return out
}
