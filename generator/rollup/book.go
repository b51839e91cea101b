package rollup

import (
	"os"
	"path/filepath"

	"guifan/generator/excel"
	"guifan/generator/submission"
)

// book is the commission's workbook, rollup.xlsx: the detail sheet (one
// row per report × requirement) is streamed as the reports are read.
type book struct {
	s *state
	b *excel.RollupBook
	// The rows are written by a goroutine of their own, in order, so
	// that the workbook is made while the next reports are read.
	queue chan bookReport
	done  chan error
}

// bookReport is one report queued for the workbook.
type bookReport struct {
	sub    *submission.Submission
	name   string
	edited bool
}

func newBook(s *state) (*book, error) {
	cat := s.opt.Catalog
	col := func(k string) string { return cat.T(colKey + k) }
	detail := excel.RollupSheet{
		Name:  "detail",
		Title: cat.T("rollup.book.detail", s.sum.FrameworkTitle, s.sum.AsOf),
		Columns: []string{col("hospital"), col("level"), col("district"), col("asof"), col("article"),
			col("requirement-id"), col("requirement"), col("verdict"), col("gap"), col("attestation"), col("edited")},
		Widths:   []float64{28, 8, 14, 11, 7, 12, 40, 11, 60, 24, 8},
		Verdicts: []int{7},
	}
	b, err := excel.NewRollupBook(detail, "hospitals", cat.T("rollup.site.title")+" · "+s.sum.FrameworkTitle, cat.T("excel.page"))
	if err != nil {
		return nil, err
	}
	k := &book{s: s, b: b, queue: make(chan bookReport, 16), done: make(chan error, 1)}
	go func() {
		var err error
		for q := range k.queue {
			if err == nil {
				err = k.write(q.sub, q.name, q.edited)
			}
		}
		k.done <- err
	}()
	return k, nil
}

// report queues a report's rows.
func (k *book) report(sub *submission.Submission, h *Hospital, r *Report) error {
	k.queue <- bookReport{sub: sub, name: h.Name, edited: r.Edited}
	return nil
}

// write writes a report's rows: one per requirement.
func (k *book) write(sub *submission.Submission, name string, isEdited bool) error {
	cat := k.s.opt.Catalog
	level := cat.T(levelKeyPrefix + levelKey(LevelClass(sub.Hospital.Level, name)))
	dist := districtName(cat.T("rollup.unknown-district"), district(sub.Hospital.Region))
	edited := ""
	if isEdited {
		edited = cat.T("rollup.site.edited")
	}
	for _, a := range sub.Articles {
		for _, q := range a.Requirements {
			st := safeStatus(q.Status)
			att := ""
			if at := q.Attestation; at != nil {
				att = cat.T("rollup.site.attest", at.Auditor, at.Date, cat.T("status."+safeStatus(at.Verdict)))
			}
			if err := k.b.Detail([]any{name, level, dist, sub.AsOf, a.Number, q.ID, q.Title, cat.T("status." + st), q.Gap, att, edited}, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// finish writes the hospitals sheet and the workbook.
func (k *book) finish() error {
	close(k.queue)
	if err := <-k.done; err != nil {
		k.b.Close()
		return err
	}
	cat := k.s.opt.Catalog
	col := func(k string) string { return cat.T(colKey + k) }
	sheet := excel.RollupSheet{
		Name:  "hospitals",
		Title: cat.T("rollup.book.hospitals", k.s.sum.FrameworkTitle, k.s.sum.AsOf),
		Columns: []string{col("hospital"), col("level"), col("district"), col("score"), cat.T("status.met"), cat.T("status.partial"),
			cat.T("status.missing"), col("drills"), col("reviews"), col("asof"), col("reports"), col("edited")},
		Widths: []float64{30, 8, 14, 9, 8, 9, 9, 10, 10, 11, 8, 8},
	}
	var rows [][]any
	for _, h := range k.s.sum.Hospitals {
		r := h.Latest
		edited := ""
		if r.Edited {
			edited = cat.T("rollup.site.edited")
		}
		rows = append(rows, []any{h.Name, cat.T(levelKeyPrefix + levelKey(h.Class)), districtName(cat.T("rollup.unknown-district"), h.District),
			float64(int64(r.Score*1000+0.5)) / 10, r.Met, r.Partial, r.Missing, r.OverdueDrills, r.OverdueReviews, r.AsOf, len(h.History), edited})
	}
	if err := k.b.Finish(sheet, rows, nil); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(k.s.opt.Out, "rollup.xlsx"))
	if err != nil {
		return err
	}
	if _, err := k.b.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// close drops the workbook after a failure.
func (k *book) close() {
	close(k.queue)
	<-k.done
	_ = k.b.Close()
}
