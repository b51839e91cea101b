package excel

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guifan/generator/schema"
)

// FormInput is what a blank form's workbook needs.
type FormInput struct {
	Form     *schema.Form
	Hospital string
	Lang     string
	Date     string // the as-of date, for the file's properties
	T        func(key string, args ...any) string
}

// gridColumns is the number of narrow columns a form is laid out on; every
// row shares it in proportion to its cells' spans.
const gridColumns = 24

// WriteForm makes a blank form as a workbook that can be filled in on
// screen and printed: each cell of the form is a label and a merged input
// area, choices get a dropdown, and the sheet prints on A4 fitted to the
// form's pages.
func WriteForm(in FormInput) ([]byte, error) { return writeForm(in, nil) }

// writeForm is WriteForm; spoil, in tests, alters each style to force an
// error.
func writeForm(in FormInput, spoil func(*excelize.Style)) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &formSheet{book: &book{f: f, spoil: spoil}, in: in, sh: "form"}
	if err := f.SetSheetName("Sheet1", w.sh); err != nil {
		return nil, err
	}
	w.columns()
	w.styles()
	last, headerRows := w.body()
	if err := w.pageSetup(last, headerRows); err != nil {
		return nil, err
	}
	stamp := in.Date + "T00:00:00Z"
	w.keep(f.SetDocProps(&excelize.DocProperties{Title: in.Form.Title.In(in.Lang), Creator: "guifan", Created: stamp, Modified: stamp, Language: in.Lang}))
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// formSheet is a blank form being laid out on its sheet.
type formSheet struct {
	*book
	in FormInput
	sh string
	// styles
	title, small, smallRight, label, fieldLabel, input, note int
}

// columns sets the narrow grid columns across the page.
func (w *formSheet) columns() {
	pageChars := 100.0 // character widths across an A4 portrait page at 100%
	if w.in.Form.Orientation == "landscape" {
		pageChars = 145
	}
	colW := pageChars / gridColumns
	for c := 1; c <= gridColumns; c++ {
		w.colWidth(w.sh, c, colW)
	}
}

func (w *formSheet) styles() {
	border := []excelize.Border{{Type: "left", Color: "595959", Style: 1}, {Type: "right", Color: "595959", Style: 1},
		{Type: "top", Color: "595959", Style: 1}, {Type: "bottom", Color: "595959", Style: 1}}
	w.title = w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	w.small = w.style(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}})
	w.smallRight = w.style(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	w.label = w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF1F5"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	w.fieldLabel = w.style(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F6F8FA"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	w.input = w.style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	w.note = w.style(&excelize.Style{Font: &excelize.Font{Size: 9}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
}

// mergeText merges columns c1 to c2 of row r, writes text there and
// styles it.
func (w *formSheet) mergeText(r, c1, c2 int, text string, st int) {
	a, b := cell(c1, r), cell(c2, r)
	if c2 > c1 {
		w.merge(w.sh, a, b)
	}
	if text != "" {
		w.str(w.sh, a, text)
	}
	w.setStyle(w.sh, a, b, st)
}

// body writes the heading lines, the form's rows and its footer, and
// returns the last row and the rows to repeat on each printed page.
func (w *formSheet) body() (last int, headerRows []int) {
	in, form := w.in, w.in.Form
	w.mergeText(1, 1, gridColumns/2, in.Hospital, w.small)
	w.mergeText(1, gridColumns/2+1, gridColumns, form.Number, w.smallRight)
	w.mergeText(2, 1, gridColumns, form.Title.In(in.Lang), w.title)
	w.rowHeight(w.sh, 2, 30)
	w.mergeText(3, gridColumns/2+1, gridColumns, in.T("pdf.form-serial"), w.smallRight)

	row := 4
	for _, r := range form.Rows {
		n := max(1, r.Repeat)
		for i := 0; i < n; i++ {
			if r.Header && i == 0 {
				headerRows = append(headerRows, row)
			}
			w.formRow(r, row)
			row++
		}
	}
	last = row - 1
	if foot := form.Footer.In(in.Lang); foot != "" {
		w.mergeText(row, 1, gridColumns, foot, w.note)
		w.rowHeight(w.sh, row, 15*float64(1+len([]rune(foot))/90))
		last = row
	}
	return last, headerRows
}

// pageSetup makes the sheet print on A4 fitted to the form's pages, with
// the header rows repeated.
func (w *formSheet) pageSetup(last int, headerRows []int) error {
	f, sh, form := w.f, w.sh, w.in.Form
	size := 9
	orient := "portrait"
	if form.Orientation == "landscape" {
		orient = "landscape"
	}
	pages := max(1, form.Pages)
	one := 1
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &pages}); err != nil {
		return err
	}
	fit := true
	w.keep(f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}))
	m := 0.5
	w.keep(f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}))
	w.keep(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh, RefersTo: "'" + sh + "'!$A$1:$" + col(gridColumns) + "$" + itoa(last)}))
	if len(headerRows) > 0 {
		w.keep(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!$" + itoa(headerRows[0]) + ":$" + itoa(headerRows[len(headerRows)-1])}))
	}
	return nil
}

// formRow lays out one row of a form across the grid.
func (w *formSheet) formRow(r *schema.FormRow, row int) {
	in, sh := w.in, w.sh
	merge, label, fieldLabel, input := w.mergeText, w.label, w.fieldLabel, w.input
	total := 0
	for _, c := range r.Cells {
		total += max(1, c.Span)
	}
	height := 22.0
	start := 1
	acc := 0
	for _, c := range r.Cells {
		acc += max(1, c.Span)
		end := acc * gridColumns / total
		if end < start {
			end = start
		}
		text := c.Label.In(in.Lang)
		switch {
		case r.Header || c.Kind == "label":
			merge(row, start, end, text, label)
		case c.Kind == "blank":
			merge(row, start, end, "", input)
		default:
			// A label part and an input part, side by side.
			cols := end - start + 1
			lw := max(1, cols/3)
			if cols == 1 {
				lw = 1
			}
			ref := cell(start, row) // where the input goes: the top-left of its merge
			if strings.TrimSpace(text) != "" && cols > 1 {
				merge(row, start, start+lw-1, text, fieldLabel)
				merge(row, start+lw, end, "", input)
				ref = cell(start+lw, row)
			} else {
				merge(row, start, end, text, input)
			}
			switch c.Kind {
			case "check":
				var opts []string
				for _, o := range c.Options {
					opts = append(opts, o.In(in.Lang))
				}
				// Printed blank, the cell shows the choices with □ boxes; on
				// screen the dropdown replaces them with the one chosen.
				var boxes []string
				for _, o := range opts {
					boxes = append(boxes, "□"+o)
				}
				w.str(sh, ref, strings.Join(boxes, "  "))
				dv := excelize.NewDataValidation(true)
				dv.Sqref = ref
				if !c.Multiple && len(strings.Join(opts, ",")) < 250 {
					if err := dv.SetDropList(opts); err == nil {
						dv.SetInput(text, strings.Join(opts, " / "))
						w.validate(sh, dv)
					}
				} else {
					dv.SetInput(text, in.T("excel.form-several", strings.Join(opts, " / ")))
					w.validate(sh, dv)
				}
				height = max(height, 22)
			case "area":
				n := c.Lines
				if n == 0 {
					n = 3
				}
				height = max(height, float64(n)*18+18)
			case "sign":
				w.str(sh, ref, in.T("excel.form-sign"))
				height = max(height, 30)
			}
		}
		start = end + 1
	}
	w.rowHeight(sh, row, height)
}

func itoa(i int) string { return strconv.Itoa(i) }
