package excel

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// RollupSheet is one sheet of the commission's workbook: its name (fixed,
// not translated), its visible title row, its column headers and widths,
// and which column holds a verdict (coloured like the checklist's; -1 for
// none).
type RollupSheet struct {
	Name    string
	Title   string
	Columns []string
	Widths  []float64
	// Verdicts are the columns whose cells are coloured by the verdict
	// passed with each row.
	Verdicts []int
}

// RollupBook streams the health commission's workbook: a detail sheet
// (one row per hospital report × requirement), written row by row as the
// reports are read, so that memory does not grow with the number of
// hospitals, and a hospitals sheet written at the end. Both have filters,
// a frozen header, the verdict colours and A4 landscape print settings.
type RollupBook struct {
	f        *excelize.File
	detail   RollupSheet
	sw       *excelize.StreamWriter
	row      int
	styles   map[string]int
	plain    int
	header   int
	title    int
	footer   string
	headerLn string
}

// NewRollupBook starts a workbook whose detail sheet is detail, after a
// sheet named hospitals that Finish writes; header is
// the page header (the commission's title), footer the catalog's "page X
// of Y" text.
func NewRollupBook(detail RollupSheet, hospitals, header, footer string) (*RollupBook, error) {
	f := excelize.NewFile()
	b := &RollupBook{f: f, detail: detail, styles: map[string]int{}, footer: footer, headerLn: header}
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "D0D7DE", Style: 1}}
	if b.plain, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border}); err != nil {
		return nil, err
	}
	if b.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}); err != nil {
		return nil, err
	}
	if b.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return nil, err
	}
	for status, colour := range verdictColours {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})
		if err != nil {
			return nil, err
		}
		b.styles[status] = id
	}
	// The hospitals sheet comes first; it is written last.
	if err := f.SetSheetName("Sheet1", hospitals); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(detail.Name); err != nil {
		return nil, err
	}
	if b.sw, err = b.start(detail); err != nil {
		return nil, err
	}
	b.row = 3
	return b, nil
}

// start opens a stream on sheet s and writes its title and header rows.
func (b *RollupBook) start(s RollupSheet) (*excelize.StreamWriter, error) {
	// Print settings go in before the stream: set after it, excelize
	// would read the whole streamed sheet back.
	if err := b.printSetup(s); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(s.Name)
	if err != nil {
		return nil, err
	}
	for i, w := range s.Widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: b.title, Value: s.Title}}); err != nil {
		return nil, err
	}
	head := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		head[i] = excelize.Cell{StyleID: b.header, Value: c}
	}
	return sw, sw.SetRow("A2", head)
}

// row writes values at row n of sw, colouring the verdict columns.
func (b *RollupBook) put(sw *excelize.StreamWriter, s RollupSheet, n int, values []any, verdicts []string) error {
	cells := make([]any, len(values))
	for i, v := range values {
		style := b.plain
		for k, col := range s.Verdicts {
			if col == i && k < len(verdicts) {
				if id, ok := b.styles[verdicts[k]]; ok {
					style = id
				}
			}
		}
		cells[i] = excelize.Cell{StyleID: style, Value: v}
	}
	addr, err := excelize.CoordinatesToCellName(1, n)
	if err != nil {
		return err
	}
	return sw.SetRow(addr, cells)
}

// Detail adds one row to the detail sheet; verdicts are the verdict codes
// (met, partial, ...) of its verdict columns, in order.
func (b *RollupBook) Detail(values []any, verdicts ...string) error {
	if err := b.put(b.sw, b.detail, b.row, values, verdicts); err != nil {
		return err
	}
	b.row++
	return nil
}

// Finish closes the detail sheet and writes the hospitals sheet (named
// as NewRollupBook was told), first in the workbook, from rows (each with
// its verdict codes).
func (b *RollupBook) Finish(hospitals RollupSheet, rows [][]any, verdicts [][]string) error {
	if err := b.filter(b.sw, b.detail, b.row-1); err != nil {
		return err
	}
	if err := b.sw.Flush(); err != nil {
		return err
	}
	sw, err := b.start(hospitals)
	if err != nil {
		return err
	}
	for i, r := range rows {
		var v []string
		if i < len(verdicts) {
			v = verdicts[i]
		}
		if err := b.put(sw, hospitals, i+3, r, v); err != nil {
			return err
		}
	}
	if err := b.filter(sw, hospitals, len(rows)+2); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return nil
}

// filter makes the header row and the rows up to last a table with
// filter buttons (a plain style: the verdict colours stay the cells').
func (b *RollupBook) filter(sw *excelize.StreamWriter, s RollupSheet, last int) error {
	if last < 3 {
		return nil // a table needs a row under its header
	}
	end, err := excelize.CoordinatesToCellName(len(s.Columns), last)
	if err != nil {
		return err
	}
	no := false
	return sw.AddTable(&excelize.Table{Range: "A2:" + end, Name: s.Name + "_table", StyleName: "TableStyleLight1", ShowRowStripes: &no})
}

// printSetup makes sheet s print on A4 landscape, fitted to the page
// width, with its header row on every page and "page X of Y" below.
func (b *RollupBook) printSetup(s RollupSheet) error {
	size, orient, one, zero := 9, "landscape", 1, 0
	if err := b.f.SetPageLayout(s.Name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := b.f.SetSheetProps(s.Name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := b.f.SetHeaderFooter(s.Name, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + escapeHF(b.headerLn), OddFooter: "&C" + b.footer,
	}); err != nil {
		return err
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.Name, RefersTo: "'" + s.Name + "'!$2:$2"})
}

// WriteTo writes the workbook.
func (b *RollupBook) WriteTo(w io.Writer) (int64, error) {
	defer b.f.Close()
	return b.f.WriteTo(w)
}

// Close drops the workbook's temporary files without writing it.
func (b *RollupBook) Close() error { return b.f.Close() }
