package rollup

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"

	"guifan/generator/excel"
	"guifan/generator/submission"
)

// book is the commission's workbook, rollup.xlsx: a hospitals sheet, a
// detail sheet with one row per hospital × requirement (its latest
// report) and, when some hospitals sent several reports, a history sheet
// with the rows of the older ones. Each report's rows are encoded as it
// is read (encode) and kept in the spool; the sheets are written at the
// end, hospital by hospital, in the hospitals' order.
type book struct {
	s *state
	// words are the catalog's texts the rows repeat.
	status map[string]string
}

func newBook(s *state) *book {
	k := &book{s: s, status: map[string]string{}}
	for _, st := range statuses[1:] {
		k.status[st] = s.opt.Catalog.T("status." + st)
	}
	return k
}

// encode makes a report's rows, compactly: per requirement its article
// number, then its id, title, verdict, gap and attestation as
// length-prefixed strings.
func (k *book) encode(sub *submission.Submission) []byte {
	cat := k.s.opt.Catalog
	b := make([]byte, 0, 8<<10)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, a := range sub.Articles {
		for _, q := range a.Requirements {
			b = binary.AppendUvarint(b, uint64(a.Number))
			str(q.ID)
			str(q.Title)
			str(safeStatus(q.Status))
			str(q.Gap)
			att := ""
			if at := q.Attestation; at != nil {
				att = cat.T("rollup.site.attest", at.Auditor, at.Date, k.status[safeStatus(at.Verdict)])
			}
			str(att)
		}
	}
	return b
}

var errBadRows = errors.New("rollup: damaged spool")

// decodeRows calls each for every row that encode made.
func decodeRows(b []byte, each func(article int, id, title, status, gap, att string) error) error {
	var f [5]string
	for len(b) > 0 {
		art, n := binary.Uvarint(b)
		if n <= 0 {
			return errBadRows
		}
		b = b[n:]
		for i := range f {
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return errBadRows
			}
			f[i] = string(b[n : n+int(l)])
			b = b[n+int(l):]
		}
		if err := each(int(art), f[0], f[1], f[2], f[3], f[4]); err != nil {
			return err
		}
	}
	return nil
}

// finish writes the workbook.
func (k *book) finish() error {
	cat := k.s.opt.Catalog
	sum := k.s.sum
	b, err := excel.NewRollupBook(cat.T("rollup.site.title")+" · "+sum.FrameworkTitle, cat.T("excel.page"))
	if err != nil {
		return err
	}
	if err := k.write(b); err != nil {
		b.Close()
		return err
	}
	f, err := os.Create(filepath.Join(k.s.opt.Out, "rollup.xlsx"))
	if err != nil {
		b.Close()
		return err
	}
	if _, err := b.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (k *book) write(b *excel.RollupBook) error {
	cat := k.s.opt.Catalog
	sum := k.s.sum
	col := func(k string) string { return cat.T(colKey + k) }
	unknown := cat.T("rollup.unknown-district")
	edited := cat.T("rollup.site.edited")
	sheet := excel.RollupSheet{
		Name:  "hospitals",
		Title: cat.T("rollup.book.hospitals", sum.FrameworkTitle, sum.AsOf),
		Columns: []string{col("hospital"), col("code"), col("level"), col("district"), col("score"), cat.T("status.met"), cat.T("status.partial"),
			cat.T("status.missing"), col("drills"), col("reviews"), col("asof"), col("reports"), col("edited")},
		Widths: []float64{30, 20, 8, 14, 9, 8, 9, 9, 10, 10, 11, 8, 8},
	}
	w, err := b.Sheet(sheet)
	if err != nil {
		return err
	}
	older := 0
	for _, h := range sum.Hospitals {
		r := h.Latest
		e := ""
		if r.Edited {
			e = edited
		}
		older += len(h.History) - 1
		if err := w.Row([]any{displayName(h, cat.Lang), h.Code, cat.T(levelKeyPrefix + levelKey(h.Class)), districtName(unknown, h.District),
			float64(int64(r.Score*1000+0.5)) / 10, r.Met, r.Partial, r.Missing, r.OverdueDrills, r.OverdueReviews, r.AsOf, len(h.History), e}); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	detail := func(name, title string) excel.RollupSheet {
		return excel.RollupSheet{
			Name:  name,
			Title: cat.T(title, sum.FrameworkTitle, sum.AsOf),
			Columns: []string{col("hospital"), col("code"), col("level"), col("district"), col("asof"), col("article"),
				col("requirement-id"), col("requirement"), col("verdict"), col("gap"), col("attestation"), col("edited")},
			Widths:   []float64{28, 20, 8, 14, 11, 7, 12, 40, 11, 60, 24, 8},
			Verdicts: []int{8},
		}
	}
	rows := func(w *excel.RollupStream, h *Hospital, r *Report) error {
		data, err := k.s.spool.read(r.rows)
		if err != nil {
			return err
		}
		name, level, dist := displayName(h, cat.Lang), cat.T(levelKeyPrefix+levelKey(h.Class)), districtName(unknown, h.District)
		e := ""
		if r.Edited {
			e = edited
		}
		values := make([]any, 12)
		return decodeRows(data, func(art int, id, title, status, gap, att string) error {
			values = append(values[:0], name, h.Code, level, dist, r.AsOf, art, id, title, k.status[status], gap, att, e)
			return w.Row(values, status)
		})
	}
	if w, err = b.Sheet(detail("detail", "rollup.book.detail")); err != nil {
		return err
	}
	for _, h := range sum.Hospitals {
		if err := rows(w, h, h.Latest); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if older == 0 {
		return nil
	}
	if w, err = b.Sheet(detail("history", "rollup.book.history")); err != nil {
		return err
	}
	for _, h := range sum.Hospitals {
		for i := len(h.History) - 1; i >= 0; i-- {
			if r := h.History[i]; r != h.Latest {
				if err := rows(w, h, r); err != nil {
					return err
				}
			}
		}
	}
	return w.Close()
}
