// Writing a build's PDFs, forms and their workbooks: fonts cut once, the
// previous build's unchanged PDFs reused, the rest made by a pool.

package build

import (
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"guifan/generator/diag"
	"guifan/generator/internal/pool"
	"guifan/generator/pdf"
	"guifan/generator/schema"
)

// pdfJob is one PDF to make: a binder, or a blank form.
type pdfJob struct {
	path   string
	binder pdf.Binder
	form   *schema.Form // a blank form instead of a binder
	book   string       // with form: the form's workbook (its id), not its PDF
	heavy  bool         // a large binder: written one at a time (memory)
}

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
	if j.s.progress != nil {
		j.s.progress("pdf")
	}
	// Without fonts, pdfs and forms asked for no PDF (only workbooks).
	opt, ok := j.pdfOptions()
	r := &pdfResults{
		files: make([][]byte, len(jobs)), errs: make([]error, len(jobs)), missing: make([][]pdf.Missing, len(jobs)),
		keys: make([]string, len(jobs)), sums: make([]string, len(jobs)), cached: make([]bool, len(jobs)),
		linked: make([]bool, len(jobs)),
	}
	if ok {
		// The characters all the PDFs draw: what the fonts are cut to, and
		// so part of every PDF's key. The fonts are cut only when a PDF is
		// to be typeset.
		chars := j.chars(jobs, opt)
		j.fromCache(jobs, opt, chars, r)
		if slices.ContainsFunc(jobs, func(jb pdfJob) bool { return jb.book == "" }) && slices.Contains(r.cached, false) {
			opt = cutFonts(chars, opt)
		}
	}
	j.runPool(jobs, opt, r)
	j.collect(jobs, r)
}

// pdfResults are what writePDFs made of each job, by index.
type pdfResults struct {
	files   [][]byte
	errs    []error
	missing [][]pdf.Missing
	keys    []string // cache keys ("" for a workbook, or when not cacheable)
	sums    []string // checksums of the files taken from the previous build
	cached  []bool   // taken from the previous build
	linked  []bool   // and stored already, without being read (files[i] is nil)
}

// chars returns the characters all the jobs draw.
func (j *job) chars(jobs []pdfJob, opt pdf.Options) *pdf.Chars {
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
	return chars
}

// cutFonts cuts the fonts once to chars.
func cutFonts(chars *pdf.Chars, opt pdf.Options) pdf.Options {
	cut := pdf.CutFonts(chars, opt.Serif, opt.Sans)
	opt.Serif, opt.Sans = cut[0], cut[1]
	return opt
}

// fromCache takes each PDF whose key is the same as in the previous build
// into the output folder from it (pdfCache): linked into this build's
// folder when the file is untouched, else read and checked.
func (j *job) fromCache(jobs []pdfJob, opt pdf.Options, chars *pdf.Chars, r *pdfResults) {
	if j.cache == nil {
		return
	}
	base, cacheable := j.pdfKeyBase(opt, chars)
	if !cacheable {
		return
	}
	out, _ := j.out.(linker)
	j.cache.out = out
	var reused atomic.Int64
	pool.For(len(jobs), func(i int) {
		jb := jobs[i]
		k, ok := pdfKey(base, jb, j.cat.Lang)
		if !ok {
			return
		}
		r.keys[i] = k
		data, _, e, hit := j.cache.reuse(k, jb.path, out)
		if !hit {
			return
		}
		r.files[i], r.missing[i], r.sums[i], r.cached[i] = data, e.Missing, e.Sum, true
		r.linked[i] = data == nil
		reused.Add(1)
	})
	j.s.reused += int(reused.Load())
}

// runPool makes the jobs not taken from the cache, with as many workers
// as the machine runs goroutines at once.
func (j *job) runPool(jobs []pdfJob, opt pdf.Options, r *pdfResults) {
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
				case r.cached[i]:
				case jobs[i].book != "":
					r.files[i], r.errs[i] = j.formBook(f)
				case f != nil:
					r.files[i], r.errs[i] = pdf.WriteForm(f, opt, j.cat.Lang)
				default:
					r.files[i], r.missing[i], r.errs[i] = pdf.Write(jobs[i].binder, opt)
				}
				// What the binder showed is no longer needed.
				jobs[i].binder = pdf.Binder{}
				j.store(jobs[i], r, i)
				q.done(i)
			}
		}()
	}
	wg.Wait()
}

// store hands job i's PDF, as soon as it is made (or taken from the
// previous build), to the sink and records it in the cache's index, and
// drops its bytes: a build holds the PDFs being made, not all of them.
// A form's workbook is left to collect (bookMade records it in the job).
func (j *job) store(jb pdfJob, r *pdfResults, i int) {
	if r.errs[i] != nil || jb.book != "" {
		return
	}
	if !r.linked[i] {
		j.put(jb.path, r.files[i])
	}
	if r.keys[i] != "" {
		j.cache.put(r.keys[i], jb.path, fileSum(r, i), r.missing[i])
	}
	r.files[i] = nil
}

// collect files the results in job order: the forms' workbooks, the
// failures and missing characters as diagnostics, the download sizes.
// The PDFs were stored by the pool (store).
func (j *job) collect(jobs []pdfJob, r *pdfResults) {
	var failed []string
	var lacking []pdf.Missing
	for i, jb := range jobs {
		switch {
		case r.errs[i] != nil && jb.form != nil:
			j.diags.Add(diag.Pos{File: jb.form.File}, "pdf.failed", r.errs[i].Error())
		case r.errs[i] != nil:
			failed = append(failed, jb.path+": "+r.errs[i].Error())
		case jb.book != "" && r.linked[i]:
			j.formFiles[jb.book] = formFiles(jb.book)
			j.cache.put(r.keys[i], jb.path, r.sums[i], nil)
		case jb.book != "":
			j.bookMade(jb.book, r.files[i])
			if r.keys[i] != "" {
				j.cache.put(r.keys[i], jb.path, fileSum(r, i), nil)
			}
			r.files[i] = nil
		default:
			lacking = append(lacking, r.missing[i]...)
		}
	}
	sort.Strings(failed)
	for _, e := range failed {
		j.diags.Add(diag.Pos{File: "output"}, "pdf.failed", e)
	}
	j.diags.Append(j.s.missingGlyphs(lacking))
	for i, p := range j.pdfWork.downloads {
		j.downloads[i].Size = j.sizeOf(p)
	}
	j.pdfWork.downloads = nil
}

// fileSum is the checksum of job i's file: recorded, for one taken from
// the previous build, else computed.
func fileSum(r *pdfResults, i int) string {
	if r.sums[i] != "" {
		return r.sums[i]
	}
	return sum(r.files[i])
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
