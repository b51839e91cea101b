package build

import (
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/pdf"
	"guifan/generator/report"
	"guifan/generator/schema"
	"guifan/generator/site"
)

// fonts loads the fonts for PDFs: those hospital.toml names (paths in the
// site, "file.ttc#1" for a face of a collection), then the theme's own,
// which also serve as fallback for characters the chosen fonts lack.
func (s *Site) fonts() (serif, sans []*pdf.Font, diags diag.List) {
	// A font that cannot be used was reported when the site was loaded
	// (checkFonts: hospital.toml's at their entry, a theme's at its file);
	// here it is only left out.
	load := func(fsys fs.FS, spec string) *pdf.Font {
		name, face, problem := config.FontSpec(spec)
		if problem != "" {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil
		}
		f, err := pdf.ParseFont(name, data, face)
		if err != nil {
			return nil
		}
		return f
	}
	h := s.Project.Hospital
	for _, spec := range h.Fonts.Serif {
		if f := load(s.siteFS, spec); f != nil {
			serif = append(serif, f)
		}
	}
	for _, spec := range h.Fonts.Sans {
		if f := load(s.siteFS, spec); f != nil {
			sans = append(sans, f)
		}
	}
	// The theme's fonts (its manifest, theme.toml), after the hospital's:
	// they also serve for the characters the chosen fonts lack.
	for _, spec := range s.themeFonts.Serif {
		if f := load(s.ThemeFS, spec); f != nil {
			serif = append(serif, f)
		}
	}
	for _, spec := range s.themeFonts.Sans {
		if f := load(s.ThemeFS, spec); f != nil {
			sans = append(sans, f)
		}
	}
	return serif, sans, diags
}

// pdfDoc turns a document into what the PDF writer typesets, as a view
// shows it: its control box, its body, and its own fields' tables.
func (s *Site) pdfDoc(d *model.Document, v *view) pdf.Doc {
	var control [][2]string
	for _, it := range v.control(s, d) {
		control = append(control, [2]string{it.Label, it.Value})
	}
	blocks := markdown.Blocks(d.BodyWithoutTitle())
	for _, t := range v.present.Tables(d) {
		blocks = append(blocks, markdown.Block{Kind: "heading", Level: 2, Spans: []markdown.Span{{Text: t.Title}}})
		tb := markdown.Block{Kind: "table", Header: true}
		var head [][]markdown.Span
		for _, c := range t.Columns {
			head = append(head, []markdown.Span{{Text: c}})
		}
		tb.Rows = append(tb.Rows, head)
		for _, row := range t.Rows {
			var cells [][]markdown.Span
			for _, c := range row {
				cells = append(cells, []markdown.Span{{Text: c}})
			}
			tb.Rows = append(tb.Rows, cells)
		}
		blocks = append(blocks, tb)
	}
	return pdf.Doc{ID: d.ID, Title: d.Title(), Number: d.Control.Number, Version: d.Control.Version, Control: control, Blocks: blocks}
}

// pdfJob is one PDF to make: a binder, or a blank form.
type pdfJob struct {
	path   string
	binder pdf.Binder
	form   *schema.Form // a blank form instead of a binder
	book   string       // with form: the form's workbook (its id), not its PDF
	heavy  bool         // a large binder: written one at a time (memory)
}

// heavyBinder is the number of documents from which a type's binder is
// large enough to be written one at a time with the others that large
// (each whole-site binder always is).
const heavyBinder = 200

// pdfWork is a build's PDFs in the making: pdfs and forms add to it,
// and Outputs writes them all at once, with the fonts read once and cut
// once to the characters all of them draw (and the blank forms'
// workbooks in the same pool).
type pdfWork struct {
	loaded      bool
	serif, sans []*pdf.Font
	jobs        []pdfJob
	downloads   map[int]string // index in job.downloads -> the PDF whose size it shows
}

// pdfFonts loads the fonts once per build.
func (j *job) pdfFonts() (serif, sans []*pdf.Font) {
	w := &j.pdfWork
	if !w.loaded {
		var diags diag.List
		w.serif, w.sans, diags = j.s.fonts()
		j.diags.Append(diags)
		w.loaded = true
	}
	return w.serif, w.sans
}

// pdfOptions are the options every PDF of the build shares, with the
// fonts loaded once; ok is false when there are no fonts to write with.
func (j *job) pdfOptions() (opt pdf.Options, ok bool) {
	serif, sans := j.pdfFonts()
	opt = pdf.Options{Hospital: j.s.Project.Hospital.Name, Date: j.asOf.Time(), Serif: serif, Sans: sans, T: j.cat.T}
	return opt, len(serif) > 0 && len(sans) > 0
}

// byNumber returns a view's documents in the order of their numbers
// (BJSF-XX-ZD-2026-001, ...), as a printed binder has them; documents
// without a number go last.
func byNumber(docs []*model.Document) []*model.Document {
	ordered := slices.Clone(docs)
	sort.SliceStable(ordered, func(i, j int) bool {
		a, b := ordered[i].Control.Number, ordered[j].Control.Number
		if (a == "") != (b == "") {
			return a != ""
		}
		return a < b
	})
	return ordered
}

// plannedPDF is one PDF the pdf output makes: its path under the output
// folder, the document it is the PDF of (site/pdf/docs/), its title when
// the site's downloads list it, and how to typeset it.
type plannedPDF struct {
	path  string
	doc   string
	title string
	heavy bool
	make  func() pdf.Binder
}

// planPDFs lists the PDFs of a build, in order: each public document's
// (site/pdf/docs/), each restricted one's (restricted/pdf/docs/), the
// types' binders in the types' order, the whole-site binder and the gap
// report, public and restricted. Binders follow the documents' numbers.
// A document is typeset once per view, when first needed. The pdf output
// makes them; a run that defers it (Options.Defer) lists them only.
func (j *job) planPDFs() []plannedPDF {
	s, cat := j.s, j.cat
	typeset := map[*view]map[string]pdf.Doc{j.public: {}, j.full: {}}
	doc := func(v *view, d *model.Document) pdf.Doc {
		pd, ok := typeset[v][d.ID]
		if !ok {
			pd = s.pdfDoc(d, v)
			typeset[v][d.ID] = pd
		}
		return pd
	}
	docs := func(v *view, list []*model.Document) []pdf.Doc {
		out := make([]pdf.Doc, len(list))
		for i, d := range list {
			out[i] = doc(v, d)
		}
		return out
	}
	single := func(v *view, d *model.Document) func() pdf.Binder {
		return func() pdf.Binder { return pdf.Binder{Title: d.Title(), Docs: []pdf.Doc{doc(v, d)}} }
	}
	var out []plannedPDF
	public := byNumber(j.public.docs)
	for _, d := range public {
		out = append(out, plannedPDF{path: "site/pdf/docs/" + d.ID + ".pdf", doc: d.ID, make: single(j.public, d)})
	}
	all := byNumber(j.full.docs)
	for _, d := range all {
		if !j.public.names(d.ID) {
			out = append(out, plannedPDF{path: "restricted/pdf/docs/" + d.ID + ".pdf", make: single(j.full, d)})
		}
	}
	// Binders by the types' binder names, in the types' order.
	var keys []string
	byKey := map[string][]*model.Document{}
	labels := map[string]string{}
	for _, name := range s.typesInOrder() {
		t := s.Schemas.Types[name]
		if t.Binder == "" {
			continue
		}
		if _, seen := labels[t.Binder]; !seen {
			keys = append(keys, t.Binder)
			labels[t.Binder] = t.Group.In(cat.Lang)
		}
	}
	for _, d := range public {
		if t := s.Schemas.Types[d.Type]; t != nil && t.Binder != "" {
			byKey[t.Binder] = append(byKey[t.Binder], d)
		}
	}
	hospital := s.Project.Hospital.Name
	for _, key := range keys {
		members := byKey[key]
		if len(members) == 0 {
			continue
		}
		title := cat.T("pdf.binder", labels[key])
		out = append(out, plannedPDF{path: "site/pdf/" + key + ".pdf", title: title, heavy: len(members) >= heavyBinder, make: func() pdf.Binder {
			return pdf.Binder{Title: title, Subtitle: hospital, Docs: docs(j.public, members), Cover: true}
		}})
	}
	whole := cat.T("pdf.whole", hospital)
	gap := cat.T("pdf.report")
	return append(out,
		plannedPDF{path: "site/pdf/all.pdf", title: whole, heavy: true, make: func() pdf.Binder {
			return pdf.Binder{Title: whole, Docs: docs(j.public, public), Cover: true}
		}},
		plannedPDF{path: "restricted/pdf/all.pdf", heavy: true, make: func() pdf.Binder {
			return pdf.Binder{Title: whole, Subtitle: cat.T("pdf.restricted"), Docs: docs(j.full, all), Cover: true}
		}},
		plannedPDF{path: "site/pdf/report.pdf", title: gap, make: func() pdf.Binder {
			return pdf.Binder{Title: gap, Docs: []pdf.Doc{reportDoc(j.public.report, cat)}}
		}},
		plannedPDF{path: "restricted/pdf/report.pdf", make: func() pdf.Binder {
			return pdf.Binder{Title: gap, Docs: []pdf.Doc{reportDoc(j.full.report, cat)}}
		}},
	)
}

// listPDFs records what the site lists of the planned PDFs: each public
// document's PDF and the downloads; their sizes are filled in once
// written (writePDFs), 0 until then.
func (j *job) listPDFs(planned []plannedPDF) map[int]string {
	listed := map[int]string{}
	for _, p := range planned {
		if p.doc != "" {
			j.docPDFs[p.doc] = strings.TrimPrefix(p.path, "site/")
		}
		if p.title != "" {
			listed[len(j.downloads)] = p.path
			j.downloads = append(j.downloads, siteDownload(strings.TrimPrefix(p.path, "site/"), p.title, "pdf", 0))
		}
	}
	return listed
}

// pdfs queues the build's PDFs (planPDFs) for writePDFs: under site/pdf/
// from the public view, under restricted/pdf/ from the full view.
func (j *job) pdfs() error {
	if _, ok := j.pdfOptions(); !ok {
		return nil
	}
	planned := j.planPDFs()
	for _, p := range planned {
		j.pdfWork.jobs = append(j.pdfWork.jobs, pdfJob{path: p.path, binder: p.make(), heavy: p.heavy})
	}
	if j.pdfWork.downloads == nil {
		j.pdfWork.downloads = map[int]string{}
	}
	maps.Copy(j.pdfWork.downloads, j.listPDFs(planned))
	return nil
}

// writePDFs writes the PDFs pdfs and forms asked for, and the forms'
// workbooks. The fonts are cut once to the characters all the PDFs draw;
// the files are made by as many workers as the machine runs goroutines at
// once (each is independent, so the output does not depend on order), the
// large binders one at a time, since fpdf holds every page of a PDF in
// memory.
func (j *job) writePDFs() {
	jobs := j.pdfWork.jobs
	j.pdfWork.jobs = nil
	if len(jobs) == 0 {
		return
	}
	// Without fonts, pdfs and forms asked for no PDF (only workbooks).
	opt, ok := j.pdfOptions()
	if ok {
		chars := pdf.NewChars()
		chars.AddOptions(opt)
		for i, jb := range jobs {
			switch {
			case jb.book != "":
			case jb.form != nil:
				chars.AddForm(jb.form, opt, j.cat.Lang)
			default:
				chars.AddBinder(jobs[i].binder, opt)
			}
		}
		cut := pdf.CutFonts(chars, opt.Serif, opt.Sans)
		opt.Serif, opt.Sans = cut[0], cut[1]
	}

	files := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	missing := make([][]pdf.Missing, len(jobs))
	// A PDF whose key is the same as in the previous build into the output
	// folder is taken from it (pdfCache).
	keys := make([]string, len(jobs))
	cached := make([]bool, len(jobs))
	if base, cacheable := j.pdfKeyBase(opt); ok && cacheable && j.cache != nil {
		for i, jb := range jobs {
			if jb.book != "" {
				continue
			}
			if k, ok := pdfKey(base, jb, j.cat.Lang); ok {
				keys[i] = k
				files[i], missing[i], cached[i] = j.cache.get(k)
				if cached[i] {
					j.s.reused++
				}
			}
		}
	}
	q := newPDFQueue(jobs)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := q.next()
				if !ok {
					return
				}
				switch f := jobs[i].form; {
				case cached[i]:
				case jobs[i].book != "":
					files[i], errs[i] = j.formBook(f)
				case f != nil:
					files[i], errs[i] = pdf.WriteForm(f, opt, j.cat.Lang)
				default:
					files[i], missing[i], errs[i] = pdf.Write(jobs[i].binder, opt)
				}
				q.done(i)
			}
		}()
	}
	wg.Wait()

	var failed []string
	var lacking []pdf.Missing
	for i, jb := range jobs {
		switch {
		case errs[i] != nil && jb.form != nil:
			j.diags.Add(diag.Pos{File: jb.form.File}, "pdf.failed", errs[i].Error())
		case errs[i] != nil:
			failed = append(failed, jb.path+": "+errs[i].Error())
		case jb.book != "":
			j.bookMade(jb.book, files[i])
		default:
			j.files[jb.path] = files[i]
			lacking = append(lacking, missing[i]...)
			if keys[i] != "" {
				j.cache.put(keys[i], jb.path, files[i], missing[i])
			}
		}
	}
	sort.Strings(failed)
	for _, e := range failed {
		j.diags.Add(diag.Pos{File: "output"}, "pdf.failed", e)
	}
	j.diags.Append(j.s.missingGlyphs(lacking))
	for i, p := range j.pdfWork.downloads {
		j.downloads[i].Size = len(j.files[p])
	}
	j.pdfWork.downloads = nil
}

// pdfQueue hands out PDFs to write: the large binders first (they take
// longest), but never two of them at once; the others in order.
type pdfQueue struct {
	mu      sync.Mutex
	wait    *sync.Cond
	jobs    []pdfJob
	left    []int // indexes not yet handed out
	running int   // index of the heavy job being written, or -1
}

func newPDFQueue(jobs []pdfJob) *pdfQueue {
	q := &pdfQueue{jobs: jobs, running: -1}
	q.wait = sync.NewCond(&q.mu)
	for i := range jobs {
		if jobs[i].heavy {
			q.left = append(q.left, i)
		}
	}
	for i := range jobs {
		if !jobs[i].heavy {
			q.left = append(q.left, i)
		}
	}
	return q
}

// next returns the next PDF to write, waiting while only large binders
// are left and one is being written; ok is false when none are left.
func (q *pdfQueue) next() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if len(q.left) == 0 {
			return 0, false
		}
		for k, i := range q.left {
			if q.jobs[i].heavy && q.running >= 0 {
				continue
			}
			q.left = append(q.left[:k], q.left[k+1:]...)
			if q.jobs[i].heavy {
				q.running = i
			}
			return i, true
		}
		q.wait.Wait()
	}
}

// done marks a PDF written.
func (q *pdfQueue) done(i int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if i == q.running {
		q.running = -1
		q.wait.Broadcast()
	}
}

// siteDownload is a file the downloads page lists.
func siteDownload(path, title, kind string, size int) site.Download {
	return site.Download{Path: path, Title: title, Kind: kind, Size: size}
}

// typesInOrder returns the document types in their schema order.
func (s *Site) typesInOrder() []string {
	names := s.Schemas.TypeNames()
	sort.SliceStable(names, func(i, j int) bool { return s.Schemas.Types[names[i]].Order < s.Schemas.Types[names[j]].Order })
	return names
}

// missingGlyphs reports characters no font has, at the first line of the
// document that uses them. Each document's text is read once, however
// many characters it lacks (a body of rare characters may lack thousands).
func (s *Site) missingGlyphs(missing []pdf.Missing) diag.List {
	var diags diag.List
	seen := map[pdf.Missing]bool{}
	var order []string           // documents, in the order first reported
	runes := map[string][]rune{} // document id -> its missing characters, in order
	for _, m := range missing {
		if seen[m] || m.Doc == "" {
			continue
		}
		seen[m] = true
		if _, ok := runes[m.Doc]; !ok {
			order = append(order, m.Doc)
		}
		runes[m.Doc] = append(runes[m.Doc], m.Rune)
	}
	for _, id := range order {
		d := s.Project.Doc(id)
		if d == nil || d.Source == nil {
			continue
		}
		at := firstPlaces(d.Path, d.Source.Lines(), d.Source.Line, runes[id])
		for _, r := range runes[id] {
			diags.Warn(at[r], "pdf.missing-glyph", string(r), fmt.Sprintf("U+%04X", r))
		}
	}
	return diags
}

// firstPlaces finds where each of runes first occurs in a file of n lines
// (line(1) to line(n)), reading each line at most once; a rune not found is
// placed at the start of the file.
func firstPlaces(file string, n int, line func(int) string, runes []rune) map[rune]diag.Pos {
	at := make(map[rune]diag.Pos, len(runes))
	for _, r := range runes {
		at[r] = diag.Pos{File: file, Line: 1, Col: 1}
	}
	found := make(map[rune]bool, len(runes))
	for l := 1; l <= n && len(found) < len(at); l++ {
		col := 0
		for _, r := range line(l) {
			col++
			if _, want := at[r]; want && !found[r] {
				found[r] = true
				at[r] = diag.Pos{File: file, Line: l, Col: col}
			}
		}
	}
	return at
}

// reportDoc typesets the gap report as one document.
func reportDoc(r *report.Report, cat *i18n.Catalog) pdf.Doc {
	var blocks []markdown.Block
	p := func(s string) markdown.Block {
		return markdown.Block{Kind: "paragraph", Spans: []markdown.Span{{Text: s}}}
	}
	blocks = append(blocks, p(cat.T("site.report.lede", r.FrameworkTitle, r.AsOf, cat.T("value.score", r.Summary.Score*100))))
	s := r.Summary
	blocks = append(blocks, p(cat.T("report.score", cat.T("value.score", s.Score*100), s.Met, s.Partial, s.Missing, s.Manual, s.NotApplicable, s.Info)))
	for _, ch := range r.Chapters {
		blocks = append(blocks, markdown.Block{Kind: "heading", Level: 2, Spans: []markdown.Span{{Text: cat.T("site.chapter", ch.Number, ch.Title)}}})
		tb := markdown.Block{Kind: "table", Header: true}
		tb.Rows = append(tb.Rows, [][]markdown.Span{{{Text: cat.T("site.col.article")}}, {{Text: cat.T("excel.col.requirement")}}, {{Text: cat.T("site.col.status")}}, {{Text: cat.T("excel.col.gap")}}})
		for _, a := range r.Articles {
			if a.Chapter != ch.Number {
				continue
			}
			for _, q := range a.Requirements {
				gap := q.Gap
				if gap == "" && len(q.Notes) > 0 {
					gap = strings.Join(q.Notes, " ")
				}
				tb.Rows = append(tb.Rows, [][]markdown.Span{
					{{Text: cat.T("site.article-title", a.Number, a.Title)}},
					{{Text: q.ID + " " + q.Title}},
					{{Text: cat.T("status." + q.Status), Bold: q.Status != "met" && q.Status != "info"}},
					{{Text: gap}},
				})
			}
		}
		blocks = append(blocks, tb)
	}
	return pdf.Doc{ID: "report", Title: cat.T("pdf.report"), Number: "", Version: r.AsOf, Blocks: blocks}
}
