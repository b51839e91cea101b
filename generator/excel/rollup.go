package excel

import (
	"archive/zip"
	"io"
	"strconv"

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

// RollupBook is the health commission's workbook: sheets written one
// after the other, each row by row (excelize's stream writer, which keeps
// at most 16 MB of a sheet in memory and the rest in a temporary file),
// with filters, a frozen header, the verdict colours and A4 landscape
// print settings. WriteTo writes the zip straight to its writer: memory
// does not grow with the number of rows.
type RollupBook struct {
	f        *excelize.File
	styles   map[string]int
	plain    int
	header   int
	title    int
	footer   string
	headerLn string
	sheets   int
}

// RollupStream is one sheet being written.
type RollupStream struct {
	b     *RollupBook
	s     RollupSheet
	sw    *excelize.StreamWriter
	row   int
	cells []any
	opts  excelize.RowOpts
}

// NewRollupBook starts a workbook; header is the page header (the
// commission's title), footer the catalog's "page X of Y" text.
func NewRollupBook(header, footer string) (*RollupBook, error) {
	f := excelize.NewFile()
	b := &RollupBook{f: f, styles: map[string]int{}, footer: footer, headerLn: header}
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
	return b, nil
}

// Sheet starts sheet s, after the ones before; the one before must be
// closed.
func (b *RollupBook) Sheet(s RollupSheet) (*RollupStream, error) {
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", s.Name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(s.Name); err != nil {
		return nil, err
	}
	b.sheets++
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
	if err := sw.SetRow("A2", head); err != nil {
		return nil, err
	}
	// Every cell of a row takes the row's plain style, but for the
	// verdict cells: an empty value is no cell at all (the row's style
	// still draws its border), which keeps the sheet small.
	return &RollupStream{b: b, s: s, sw: sw, row: 3, cells: make([]any, len(s.Columns)), opts: excelize.RowOpts{StyleID: b.plain}}, nil
}

// Row adds one row; verdicts are the verdict codes (met, partial, ...) of
// the sheet's verdict columns, in order. values is not kept.
func (w *RollupStream) Row(values []any, verdicts ...string) error {
	cells := w.cells[:len(values)]
	for i, v := range values {
		if s, ok := v.(string); ok && s == "" {
			v = nil
		}
		cells[i] = v
	}
	for k, col := range w.s.Verdicts {
		if k < len(verdicts) && col < len(cells) {
			if id, ok := w.b.styles[verdicts[k]]; ok {
				cells[col] = excelize.Cell{StyleID: id, Value: values[col]}
			}
		}
	}
	err := w.sw.SetRow("A"+strconv.Itoa(w.row), cells, w.opts)
	w.row++
	return err
}

// Close ends the sheet: its filter buttons and the stream.
func (w *RollupStream) Close() error {
	if err := w.b.filter(w.sw, w.s, w.row-1); err != nil {
		return err
	}
	return w.sw.Flush()
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

// WriteTo writes the workbook to w. excelize's own WriteTo builds the
// whole zip in memory first (WriteToBuffer); here its zip writer writes
// to w directly, so that only the compressor's window is held.
func (b *RollupBook) WriteTo(w io.Writer) (int64, error) {
	defer b.f.Close()
	cw := &countWriter{w: w}
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(cw) })
	// What excelize writes to its own buffer is nothing: the zip goes to cw.
	if err := b.f.Write(io.Discard); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Close drops the workbook's temporary files without writing it.
func (b *RollupBook) Close() error { return b.f.Close() }
