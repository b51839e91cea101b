// The plan of a build's PDFs: which files, in which order, what each shows.

package build

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/pdf"
)

// heavyBinder is the number of documents from which a type's binder is
// large enough to be written one at a time with the others that large
// (each whole-site binder always is).
const heavyBinder = 200

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
	card  string // the document whose action card alone this is (card.go)
}

// planPDFs lists the PDFs of a build, in order: each public document's
// (site/pdf/docs/), each restricted one's (restricted/pdf/docs/), the
// types' binders in the types' order and the whole-site binder (each in
// volumes when large: volumes) and the gap report, public and restricted.
// A type's binder follows the documents' numbers; the whole-site binder
// the types' order, in parts by the types' groups. Restricted documents' PDFs and
// binders carry the internal mark (pdf.internal) on every page.
// A document is typeset once per view, when first needed. The pdf output
// makes them; a run that defers it (Options.Defer) lists them only.
func (j *job) planPDFs() []plannedPDF {
	s, cat := j.s, j.cat
	typeset := map[*view]map[string]pdf.Doc{j.public: {}, j.full: {}}
	doc := func(v *view, d *model.Document) pdf.Doc {
		pd, ok := typeset[v][d.ID]
		if !ok {
			pd = j.withCard(s.pdfDoc(d, v), d, v)
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
	out = append(out, j.planCards(public, func(d *model.Document) pdf.Doc { return doc(j.public, d) })...)
	all := byNumber(j.full.docs)
	for _, d := range all {
		if !j.public.names(d.ID) {
			mark := cat.T("pdf.internal")
			out = append(out, plannedPDF{path: "restricted/pdf/docs/" + d.ID + ".pdf", make: func() pdf.Binder {
				b := single(j.full, d)()
				b.Mark = mark
				return b
			}})
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
		// In volumes beyond volumes' bounds, as the whole-site binder.
		vols := volumes(members)
		for i, vol := range vols {
			path, title := "site/pdf/"+key+".pdf", cat.T("pdf.binder", labels[key])
			if len(vols) > 1 {
				path = "site/pdf/" + key + "-" + strconv.Itoa(i+1) + ".pdf"
				title = cat.T("pdf.volume", title, i+1, len(vols))
			}
			out = append(out, plannedPDF{path: path, title: title, heavy: len(vol) >= heavyBinder, make: func() pdf.Binder {
				return pdf.Binder{Title: title, Subtitle: hospital, Docs: docs(j.public, vol), Cover: true}
			}})
		}
	}
	whole := cat.T("pdf.whole", hospital)
	out = append(out, j.wholeBinders("site/pdf/all", whole, "", "", s.byTypeOrder(public), func(list []*model.Document) []pdf.Doc { return docs(j.public, list) })...)
	restricted := j.wholeBinders("restricted/pdf/all", whole, cat.T("pdf.restricted"), cat.T("pdf.internal"), s.byTypeOrder(all), func(list []*model.Document) []pdf.Doc { return docs(j.full, list) })
	for i := range restricted {
		restricted[i].title = "" // not listed on the site
	}
	out = append(out, restricted...)
	gap := cat.T("report.pdf.title")
	return append(out,
		plannedPDF{path: "site/pdf/report.pdf", title: gap, make: func() pdf.Binder {
			return reportBinder(j.public.report, cat)
		}},
		plannedPDF{path: "restricted/pdf/report.pdf", make: func() pdf.Binder {
			return reportBinder(j.full.report, cat)
		}},
	)
}

// byTypeOrder returns documents in the order of their types (the
// schemas' order), each type's in the order of their numbers (byNumber);
// documents of an unknown type go last.
func (s *Site) byTypeOrder(docs []*model.Document) []*model.Document {
	rank := map[string]int{}
	for i, name := range s.typesInOrder() {
		rank[name] = i
	}
	ordered := byNumber(docs)
	sort.SliceStable(ordered, func(i, j int) bool {
		a, ok := rank[ordered[i].Type]
		if !ok {
			a = len(rank)
		}
		b, ok := rank[ordered[j].Type]
		if !ok {
			b = len(rank)
		}
		return a < b
	})
	return ordered
}

// binderParts groups documents in type order under their types' group
// names (consecutive types of one group are one part), numbered with the
// catalog's numerals: "一、规章制度".
func (s *Site) binderParts(docs []*model.Document, cat *i18n.Catalog) []pdf.Part {
	numerals := strings.Fields(cat.T("pdf.numerals"))
	var parts []pdf.Part
	last := ""
	for i, d := range docs {
		label := d.Type
		if t := s.Schemas.Types[d.Type]; t != nil {
			label = t.Group.In(cat.Lang)
		}
		if i > 0 && label == last {
			continue
		}
		last = label
		n := strconv.Itoa(len(parts) + 1)
		if len(parts) < len(numerals) {
			n = numerals[len(parts)]
		}
		parts = append(parts, pdf.Part{Title: cat.T("pdf.part", n, label), First: i})
	}
	return parts
}

// The bounds of one volume of a binder (a type's or the whole site's):
// fpdf holds every page of a PDF in memory, and a reader's viewer slows
// down on very large files. A binder beyond either is split into volumes.
const (
	maxVolumeDocs  = 1000
	maxVolumeBytes = 6 << 20 // of the documents' Markdown
)

// volumes splits documents (in binder order) into the volumes of a
// whole-site binder: as many as fit under both bounds each, at least one
// document each. This is the one rule of where binders split; planPDFs
// (and so listPDFs, the downloads page) follow it.
func volumes(docs []*model.Document) [][]*model.Document {
	var out [][]*model.Document
	start, size := 0, 0
	for i, d := range docs {
		if i > start && (i-start >= maxVolumeDocs || size+len(d.Body) > maxVolumeBytes) {
			out = append(out, docs[start:i])
			start, size = i, 0
		}
		size += len(d.Body)
	}
	if start < len(docs) {
		out = append(out, docs[start:])
	}
	return out
}

// wholeBinders plans a whole-site binder of docs (in type order) at base
// + ".pdf", or, when volumes splits it, base + "-1.pdf", "-2.pdf", …, each
// with its parts and, for more than one, the volume in its title.
func (j *job) wholeBinders(base, title, subtitle, mark string, docs []*model.Document, typeset func([]*model.Document) []pdf.Doc) []plannedPDF {
	vols := volumes(docs)
	var out []plannedPDF
	for i, vol := range vols {
		path, t := base+".pdf", title
		if len(vols) > 1 {
			path = base + "-" + strconv.Itoa(i+1) + ".pdf"
			t = j.cat.T("pdf.volume", title, i+1, len(vols))
		}
		out = append(out, plannedPDF{path: path, title: t, heavy: true, make: func() pdf.Binder {
			return pdf.Binder{Title: t, Subtitle: subtitle, Docs: typeset(vol), Cover: true, Parts: j.s.binderParts(vol, j.cat), Mark: mark}
		}})
	}
	return out
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
		if p.card != "" {
			if j.cardPDFs == nil {
				j.cardPDFs = map[string]string{}
			}
			j.cardPDFs[p.card] = strings.TrimPrefix(p.path, "site/")
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
