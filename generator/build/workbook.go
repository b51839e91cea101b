package build

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"guifan/generator/excel"
	"guifan/generator/model"
)

// excel makes the audit workbook from each view: the site's copy names
// the public documents only; the restricted copy names all, and links
// those that are on the site.
//
// The two copies are independent: they are made at once, one per core,
// unless the site is large (booksAtOnce), where each copy holds hundreds
// of megabytes while excelize makes it and they are made one after the
// other.
func (j *job) excel() error {
	date := func(s string) string { return readerDate(j.cat, s) }
	in := [2]excel.Input{{
		Report: j.public.report, Register: j.register(j.public), Fields: j.fieldValues(j.public), T: j.cat.T,
		Link: func(id string) (string, bool) {
			if !j.public.names(id) {
				return "", false
			}
			return j.bookLink(id, "../"), true
		},
		Page: PagePath, Date: date,
	}, {
		Report: j.full.report, Register: j.register(j.full), Fields: j.fieldValues(j.full), T: j.cat.T,
		Link: func(id string) (string, bool) {
			if j.public.names(id) {
				return j.bookLink(id, "../../site/"), true
			}
			return "", j.full.names(id)
		},
		Page: PagePath, Date: date,
	}}
	paths := [2]string{"site/" + auditBook, "restricted/" + auditBook}
	if j.cache != nil && j.cache.out == nil {
		j.cache.out, _ = j.out.(linker) // to stamp the files for the next build
	}
	// Each copy is taken from the previous build when what it is made
	// from has not changed (bookcache.go), else made.
	var sizes [2]int
	var errs [2]error
	var wg sync.WaitGroup
	atOnce := len(j.full.docs) <= booksAtOnce
	for i := range in {
		if !atOnce {
			wg.Wait() // the previous copy's memory is free again
		}
		wg.Go(func() {
			key, _ := j.bookKey(paths[i], in[i])
			if n, ok := j.reuseBook(key, paths[i]); ok {
				sizes[i] = n
				return
			}
			book, err := excel.Write(in[i])
			if err != nil {
				errs[i] = err
				return
			}
			j.keepBook(key, paths[i], book)
			j.put(paths[i], book)
			sizes[i] = len(book)
		})
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			return fmt.Errorf("audit workbook: %w", errs[i])
		}
	}
	j.listBook(sizes[0])
	return j.failed()
}

// booksAtOnce is the most documents for which both copies of the audit
// workbook are made at once.
const booksAtOnce = 2000

// bookLink is the workbook's link to a public document's page: by the
// site's address (hospital.toml site_url) when it has one, so that a copy
// opened from a download folder still reaches it; else relative to the
// workbook (up, the way back to the site's root), which works where the
// output folder is.
func (j *job) bookLink(id, up string) string {
	if l := j.s.Project.Hospital.SiteLink(PagePath(id)); l != "" {
		return l
	}
	return up + PagePath(id)
}

// auditBook is where the audit workbook is, in the site and in restricted/.
const auditBook = "excel/audit-checklist.xlsx"

// listBook records the audit workbook among the site's downloads.
func (j *job) listBook(size int) {
	d := siteDownload(auditBook, j.cat.T("site.dl.audit"), "xlsx", size)
	j.bookDownload = &d
}

// register lays out the register sheet of a view's documents: their
// control fields in the catalog's language. Dates are ISO dates, which
// sort and filter as text.
func (j *job) register(v *view) excel.Table {
	s := j.s
	lang := j.cat.Lang
	tb := excel.Table{}
	for _, c := range []struct {
		key   string
		width float64
	}{{"excel.col.doc-id", 22}, {"excel.col.doc-title", 36}, {"excel.col.doc-type", 12}, {"excel.col.doc-number", 20}, {"excel.col.doc-version", 7}, {"excel.col.doc-status", 8}, {"excel.col.doc-effective", 11},
		{"excel.col.doc-approved-by", 20}, {"excel.col.doc-approved-on", 11}, {"excel.col.doc-owner", 14}, {"excel.col.doc-review-by", 11}, {"excel.col.doc-classification", 8}, {"excel.col.doc-articles", 14}, {"excel.col.doc-path", 40}} {
		tb.Columns = append(tb.Columns, excel.Column{Label: j.cat.T(c.key), Width: c.width})
	}
	iso := func(x model.Date) string {
		if x.IsZero() {
			return ""
		}
		return x.String()
	}
	enum := func(d *model.Document, field, value string) string {
		if value == "" {
			return ""
		}
		return s.Schemas.Label(d.Type, field, value).In(lang)
	}
	for _, d := range v.docs {
		c := d.Control
		typeLabel := d.Type
		if t := s.Schemas.Types[d.Type]; t != nil {
			typeLabel = t.Label.In(lang)
		}
		arts := make([]string, len(c.Articles))
		for i, a := range c.Articles {
			arts[i] = strconv.Itoa(a)
		}
		tb.Rows = append(tb.Rows, []string{
			d.ID, d.Title(), typeLabel, c.Number, c.Version, enum(d, "status", string(c.Status)),
			iso(c.Effective), c.ApprovedBy, iso(c.ApprovedOn), c.Owner, iso(c.ReviewBy),
			enum(d, "classification", string(c.Classification)), strings.Join(arts, ", "), d.Path,
		})
	}
	return tb
}

// fieldValues lays out the fields sheet of a view's documents: each of
// their own field values (a plan's projects, a register's rows), printed
// by the view's presenter as the site and the PDFs print them.
func (j *job) fieldValues(v *view) excel.Table {
	tb := excel.Table{}
	for _, c := range []struct {
		key   string
		width float64
	}{{"excel.col.doc-id", 22}, {"excel.col.doc-title", 30}, {"excel.col.field", 18}, {"excel.col.field-row", 6}, {"excel.col.field-column", 18}, {"excel.col.field-value", 48}} {
		tb.Columns = append(tb.Columns, excel.Column{Label: j.cat.T(c.key), Width: c.width})
	}
	for _, d := range v.docs {
		for _, f := range v.present.Fields(d) {
			tb.Rows = append(tb.Rows, []string{d.ID, d.Title(), f.Label, "", "", f.Value})
		}
		for _, t := range v.present.Tables(d) {
			for i, row := range t.Rows {
				for k, cell := range row {
					if cell == "" {
						continue
					}
					tb.Rows = append(tb.Rows, []string{d.ID, d.Title(), t.Title, strconv.Itoa(i + 1), t.Columns[k], cell})
				}
			}
		}
	}
	return tb
}
