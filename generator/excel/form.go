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
func WriteForm(in FormInput) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	form := in.Form
	sh := "form"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	landscape := form.Orientation == "landscape"
	pageChars := 100.0 // character widths across an A4 portrait page at 100%
	if landscape {
		pageChars = 145
	}
	colW := pageChars / gridColumns
	for c := 1; c <= gridColumns; c++ {
		_ = f.SetColWidth(sh, col(c), col(c), colW)
	}
	border := []excelize.Border{{Type: "left", Color: "595959", Style: 1}, {Type: "right", Color: "595959", Style: 1},
		{Type: "top", Color: "595959", Style: 1}, {Type: "bottom", Color: "595959", Style: 1}}
	style := func(s *excelize.Style) int {
		id, _ := f.NewStyle(s)
		return id
	}
	title := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	small := style(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}})
	smallRight := style(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	label := style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF1F5"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	fieldLabel := style(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F6F8FA"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	input := style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	note := style(&excelize.Style{Font: &excelize.Font{Size: 9}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	merge := func(r, c1, c2 int, text string, st int) {
		a, b := cell(c1, r), cell(c2, r)
		if c2 > c1 {
			_ = f.MergeCell(sh, a, b)
		}
		if text != "" {
			_ = f.SetCellStr(sh, a, text)
		}
		_ = f.SetCellStyle(sh, a, b, st)
	}
	merge(1, 1, gridColumns/2, in.Hospital, small)
	merge(1, gridColumns/2+1, gridColumns, form.Number, smallRight)
	merge(2, 1, gridColumns, form.Title.In(in.Lang), title)
	_ = f.SetRowHeight(sh, 2, 30)
	merge(3, gridColumns/2+1, gridColumns, in.T("pdf.form-serial"), smallRight)

	row := 4
	var headerRows []int
	for _, r := range form.Rows {
		n := max(1, r.Repeat)
		for i := 0; i < n; i++ {
			if r.Header && i == 0 {
				headerRows = append(headerRows, row)
			}
			formRow(f, sh, r, row, in, merge, label, fieldLabel, input)
			row++
		}
	}
	last := row - 1
	if foot := form.Footer.In(in.Lang); foot != "" {
		merge(row, 1, gridColumns, foot, note)
		_ = f.SetRowHeight(sh, row, 15*float64(1+len([]rune(foot))/90))
		last = row
	}
	size := 9
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	pages := max(1, form.Pages)
	one := 1
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &pages}); err != nil {
		return nil, err
	}
	fit := true
	_ = f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
	m := 0.5
	_ = f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m})
	_ = f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh, RefersTo: "'" + sh + "'!$A$1:$" + col(gridColumns) + "$" + itoa(last)})
	if len(headerRows) > 0 {
		_ = f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!$" + itoa(headerRows[0]) + ":$" + itoa(headerRows[len(headerRows)-1])})
	}
	stamp := in.Date + "T00:00:00Z"
	_ = f.SetDocProps(&excelize.DocProperties{Title: form.Title.In(in.Lang), Creator: "guifan", Created: stamp, Modified: stamp, Language: in.Lang})
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// formRow lays out one row of a form across the grid.
func formRow(f *excelize.File, sh string, r *schema.FormRow, row int, in FormInput,
	merge func(r, c1, c2 int, text string, st int), label, fieldLabel, input int) {
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
				_ = f.SetCellStr(sh, ref, strings.Join(boxes, "  "))
				dv := excelize.NewDataValidation(true)
				dv.Sqref = ref
				if !c.Multiple && len(strings.Join(opts, ",")) < 250 {
					if err := dv.SetDropList(opts); err == nil {
						dv.SetInput(text, strings.Join(opts, " / "))
						_ = f.AddDataValidation(sh, dv)
					}
				} else {
					dv.SetInput(text, in.T("excel.form-several", strings.Join(opts, " / ")))
					_ = f.AddDataValidation(sh, dv)
				}
				height = max(height, 22)
			case "area":
				n := c.Lines
				if n == 0 {
					n = 3
				}
				height = max(height, float64(n)*18+18)
			case "sign":
				_ = f.SetCellStr(sh, ref, in.T("excel.form-sign"))
				height = max(height, 30)
			}
		}
		start = end + 1
	}
	_ = f.SetRowHeight(sh, row, height)
}

func itoa(i int) string { return strconv.Itoa(i) }
