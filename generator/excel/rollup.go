package excel

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

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
// after the other, each row by row (straight to a temporary file, see
// RollupStream), with filters, a frozen header, the verdict colours and A4 landscape
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
	// rows are the sheets' data rows, by the sheet's part name: each a
	// temporary file of row XML, spliced into the part excelize writes.
	rows map[string]*os.File
}

// RollupStream is one sheet being written.
//
// The title and header rows, the columns, panes and the table are
// excelize's; the data rows are written here, straight as XML (inline
// strings, the same cells excelize's stream writer would write) to a
// temporary file that WriteTo splices into the sheet's part: excelize
// converts every cell's coordinates, escapes it through encoding/xml and
// copies it through its own temporary file, which cost more than all
// the rest of the roll-up.
type RollupStream struct {
	b     *RollupBook
	s     RollupSheet
	sw    *excelize.StreamWriter
	row   int
	f     *os.File
	w     *bufio.Writer
	plain string
	verd  map[string]string
	buf   []byte
}

// NewRollupBook starts a workbook; header is the page header (the
// commission's title), footer the catalog's "page X of Y" text.
func NewRollupBook(header, footer string) (*RollupBook, error) {
	f := excelize.NewFile()
	b := &RollupBook{f: f, styles: map[string]int{}, footer: footer, headerLn: header, rows: map[string]*os.File{}}
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
	part := ""
	for id, name := range b.f.GetSheetMap() {
		if name == s.Name {
			part = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
		}
	}
	if part == "" || b.rows[part] != nil {
		return nil, errors.New("excel: no part for sheet " + s.Name)
	}
	tmp, err := os.CreateTemp("", "guifan-rows-*")
	if err != nil {
		return nil, err
	}
	b.rows[part] = tmp
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
	verd := map[string]string{}
	for status, id := range b.styles {
		verd[status] = strconv.Itoa(id)
	}
	return &RollupStream{b: b, s: s, sw: sw, row: 3, f: tmp, w: bufio.NewWriterSize(tmp, 1<<20),
		plain: strconv.Itoa(b.plain), verd: verd, buf: make([]byte, 0, 4<<10)}, nil
}

// Row adds one row; verdicts are the verdict codes (met, partial, ...) of
// the sheet's verdict columns, in order. values is not kept; its values
// are strings, ints and float64s.
func (w *RollupStream) Row(values []any, verdicts ...string) error {
	r := strconv.Itoa(w.row)
	b := append(w.buf[:0], `<row r="`...)
	b = append(b, r...)
	b = append(b, `" s="`...)
	b = append(b, w.plain...)
	b = append(b, `" customFormat="1">`...)
	for i, v := range values {
		style := w.plain
		coloured := false
		for k, col := range w.s.Verdicts {
			if col == i && k < len(verdicts) {
				if id, ok := w.verd[verdicts[k]]; ok {
					style, coloured = id, true
				}
			}
		}
		if s, ok := v.(string); ok && s == "" && !coloured {
			continue
		}
		b = append(b, `<c r="`...)
		b = appendColumn(b, i+1)
		b = append(b, r...)
		b = append(b, `" s="`...)
		b = append(b, style...)
		switch v := v.(type) {
		case string:
			if v == "" {
				b = append(b, `"></c>`...)
				continue
			}
			if v[0] == ' ' || v[0] == '\t' || v[0] == '\n' || v[0] == '\r' || last(v) == ' ' || last(v) == '\t' || last(v) == '\n' || last(v) == '\r' {
				b = append(b, `" t="inlineStr"><is><t xml:space="preserve">`...)
			} else {
				b = append(b, `" t="inlineStr"><is><t>`...)
			}
			b = appendText(b, v)
			b = append(b, `</t></is></c>`...)
		case int:
			b = append(b, `"><v>`...)
			b = strconv.AppendInt(b, int64(v), 10)
			b = append(b, `</v></c>`...)
		case float64:
			b = append(b, `"><v>`...)
			b = strconv.AppendFloat(b, v, 'f', -1, 64)
			b = append(b, `</v></c>`...)
		default:
			return errors.New("excel: unsupported cell value")
		}
	}
	b = append(b, `</row>`...)
	w.buf = b
	w.row++
	_, err := w.w.Write(b)
	return err
}

func last(s string) byte { return s[len(s)-1] }

// appendColumn appends column n's letters (1 is A).
func appendColumn(b []byte, n int) []byte {
	if n > 26 {
		b = appendColumn(b, (n-1)/26)
	}
	return append(b, byte('A'+(n-1)%26))
}

// appendText appends s as XML text the way excelize writes a cell's
// string: at most TotalCellChars UTF-16 units, escaped, line breaks kept,
// characters XML cannot hold as U+FFFD, and a literal "_xHHHH_" escaped
// as "_x005F_xHHHH_" (else Excel would read it as a character code).
func appendText(b []byte, s string) []byte {
	if len(s) > excelize.TotalCellChars {
		units := 0
		for i, r := range s {
			n := 1
			if r >= 0x10000 {
				n = 2
			}
			if units+n > excelize.TotalCellChars {
				s = s[:i]
				break
			}
			units += n
		}
	}
	if strings.Contains(s, "_x") {
		s = escapeBstr(s)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&#34;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '\t':
				b = append(b, "&#x9;"...)
			case c == '\r':
				b = append(b, "&#xD;"...)
			case c == '\n' || c >= 0x20:
				b = append(b, c)
			default:
				b = append(b, "\uFFFD"...)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// escapeBstr escapes each "_xHHHH_" in s as "_x005F_xHHHH_".
func escapeBstr(s string) string {
	var o strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) {
			o.WriteString(s)
			return o.String()
		}
		if s[i+6] == '_' && isHex(s[i+2:i+6]) {
			o.WriteString(s[:i])
			o.WriteString("_x005F")
			o.WriteString(s[i : i+7])
			s = s[i+7:]
			continue
		}
		o.WriteString(s[:i+2])
		s = s[i+2:]
	}
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Close ends the sheet: its filter buttons and the stream.
func (w *RollupStream) Close() error {
	if err := w.w.Flush(); err != nil {
		return err
	}
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
	defer b.Close()
	cw := &countWriter{w: w}
	sz := &splicer{Writer: zip.NewWriter(cw), rows: b.rows, done: map[string]bool{}}
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return sz })
	// What excelize writes to its own buffer is nothing: the zip goes to cw.
	if err := b.f.Write(io.Discard); err != nil {
		return cw.n, err
	}
	if sz.err != nil {
		return cw.n, sz.err
	}
	if len(sz.done) != len(b.rows) {
		return cw.n, errors.New("excel: a sheet's rows were not written")
	}
	return cw.n, nil
}

// splicer is the zip writer excelize writes the workbook through: a
// sheet part with rows of its own is held (excelize's part is small:
// two rows and the settings) and written, when the next part starts or
// the zip ends, with the rows file put in before its </sheetData>.
type splicer struct {
	*zip.Writer
	rows    map[string]*os.File
	done    map[string]bool
	pending *os.File
	entry   io.Writer
	part    bytes.Buffer
	err     error
}

func (z *splicer) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	w, err := z.Writer.Create(name)
	if err != nil {
		return nil, err
	}
	if f := z.rows[name]; f != nil && !z.done[name] {
		z.done[name] = true
		z.pending, z.entry = f, w
		z.part.Reset()
		return &z.part, nil
	}
	return w, nil
}

func (z *splicer) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.Writer.AddFS(fsys)
}

func (z *splicer) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.Writer.Close()
}

// flush writes the held part, if any, with its rows.
func (z *splicer) flush() error {
	if z.pending == nil {
		return z.err
	}
	f := z.pending
	z.pending = nil
	part := z.part.Bytes()
	at := bytes.LastIndex(part, []byte("</sheetData>"))
	if at < 0 {
		z.err = errors.New("excel: a sheet part without sheetData")
		return z.err
	}
	if _, err := z.entry.Write(part[:at]); err != nil {
		z.err = err
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		z.err = err
		return err
	}
	if _, err := io.Copy(z.entry, f); err != nil {
		z.err = err
		return err
	}
	if _, err := z.entry.Write(part[at:]); err != nil {
		z.err = err
		return err
	}
	return nil
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
func (b *RollupBook) Close() error {
	for part, f := range b.rows {
		f.Close()
		os.Remove(f.Name())
		delete(b.rows, part)
	}
	return b.f.Close()
}
