// The sticky-error wrapper every sheet is written through.

package excel

import "github.com/xuri/excelize/v2"

// book wraps a workbook being written and keeps the first error of the
// calls made through it, as bufio.Writer does: once a call has failed the
// others do nothing, and the writer reports err when it is done. Sheets
// are written as straight lines of calls, not a check after each.
type book struct {
	f   *excelize.File
	err error
	// spoil, in tests only, alters each style before it is made, to force
	// an error through.
	spoil func(*excelize.Style)
	// links are the cells' links by sheet, written by finish.
	links map[string][]sheetLink
}

// keep records err if it is the first.
func (b *book) keep(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *book) str(sh, ref, v string) {
	if b.err == nil {
		b.keep(b.f.SetCellStr(sh, ref, v))
	}
}

func (b *book) int(sh, ref string, v int64) {
	if b.err == nil {
		b.keep(b.f.SetCellInt(sh, ref, v))
	}
}

// float sets a 64-bit number shown with prec decimals.
func (b *book) float(sh, ref string, v float64, prec int) {
	if b.err == nil {
		b.keep(b.f.SetCellFloat(sh, ref, v, prec, 64))
	}
}

func (b *book) value(sh, ref string, v any) {
	if b.err == nil {
		b.keep(b.f.SetCellValue(sh, ref, v))
	}
}

// setStyle gives the cells from ref to ref2 the style id.
func (b *book) setStyle(sh, ref, ref2 string, id int) {
	if b.err == nil {
		b.keep(b.f.SetCellStyle(sh, ref, ref2, id))
	}
}

// rowHeight sets the height of a row in points, at most the most a
// spreadsheet allows (a row of many wrapped lines is cut there, not left at
// the default height).
func (b *book) rowHeight(sh string, row int, h float64) {
	if b.err == nil {
		b.keep(b.f.SetRowHeight(sh, row, min(h, excelize.MaxRowHeight)))
	}
}

// colWidth sets the width of column c in characters.
func (b *book) colWidth(sh string, c int, w float64) {
	if b.err == nil {
		b.keep(b.f.SetColWidth(sh, col(c), col(c), w))
	}
}

func (b *book) merge(sh, ref, ref2 string) {
	if b.err == nil {
		b.keep(b.f.MergeCell(sh, ref, ref2))
	}
}

// link links a cell to an address or a file (written by finish).
func (b *book) link(sh, ref, href string) { b.addLink(sh, ref, href, true) }

// innerLink links a cell to a place in the workbook ('证据'!A3).
func (b *book) innerLink(sh, ref, place string) { b.addLink(sh, ref, place, false) }

func (b *book) validate(sh string, dv *excelize.DataValidation) {
	if b.err == nil {
		b.keep(b.f.AddDataValidation(sh, dv))
	}
}

// style makes a cell style and returns its id (0, the default style,
// after an error).
func (b *book) style(s *excelize.Style) int {
	if b.err != nil {
		return 0
	}
	if b.spoil != nil {
		b.spoil(s)
	}
	id, err := b.f.NewStyle(s)
	b.keep(err)
	return id
}
