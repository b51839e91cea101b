// The summary sheet: verdicts counted per chapter, with the score.

package excel

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guifan/generator/chart"
)

func (w *writer) summary() error {
	f, t, r := w.f, w.t, w.in.Report
	sh := w.sheet(summarySheet)
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	header := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border})
	body := w.style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center"}})
	pct := w.style(&excelize.Style{Border: border, NumFmt: 10})
	bold := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border})
	w.str(sh, "A1", t("excel.summary-title", r.Hospital, r.AsOf))
	w.setStyle(sh, "A1", "A1", w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}))
	cols := []string{"chapter", "chapter-title", "articles", "met", "partial", "missing", "manual", "not_applicable", "info", "score"}
	for i, c := range cols {
		key := "excel.col." + c
		if i >= 3 && i <= 8 {
			key = "status." + c
		}
		w.str(sh, cell(i+1, 2), t(key))
	}
	w.setStyle(sh, "A2", cell(len(cols), 2), header)
	widths := []float64{6, 28, 8, 8, 10, 10, 12, 10, 10, 10}
	for i, wd := range widths {
		w.colWidth(sh, i+1, wd)
	}
	row := 3
	total := map[string]int{}
	for _, ch := range r.Chapters {
		counts := map[string]int{}
		n, credit, scored := 0, 0.0, 0
		for _, a := range r.Articles {
			if a.Chapter != ch.Number {
				continue
			}
			n++
			counts[a.Status]++
			total[a.Status]++
			if a.Status != "info" && a.Status != "not_applicable" {
				credit += a.Credit
				scored++
			}
		}
		w.int(sh, cell(1, row), int64(ch.Number))
		w.str(sh, cell(2, row), ch.Title)
		w.int(sh, cell(3, row), int64(n))
		for i, s := range cols[3:9] {
			w.int(sh, cell(4+i, row), int64(counts[s]))
		}
		if scored > 0 {
			w.float(sh, cell(10, row), credit/float64(scored), 4)
		} else {
			w.str(sh, cell(10, row), "—")
		}
		w.setStyle(sh, cell(1, row), cell(9, row), body)
		w.setStyle(sh, cell(10, row), cell(10, row), pct)
		row++
	}
	w.str(sh, cell(2, row), t("excel.total"))
	w.int(sh, cell(3, row), int64(len(r.Articles)))
	for i, s := range cols[3:9] {
		w.int(sh, cell(4+i, row), int64(total[s]))
	}
	w.float(sh, cell(10, row), r.Summary.Score, 4)
	w.setStyle(sh, cell(1, row), cell(9, row), bold)
	w.setStyle(sh, cell(10, row), cell(10, row), w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, NumFmt: 10}))
	w.str(sh, cell(1, row+2), t("excel.score-formula"))
	if err := w.summaryChart(sh, cols[3:9], row-1, row+4); err != nil {
		return err
	}
	return w.printSetup(sh, false, "")
}

// summaryChart draws the chapters' articles stacked by verdict (the
// site's picture of the same counts, in its colours), from the summary
// table's rows 3 to last, below the table at row at.
func (w *writer) summaryChart(sh string, verdicts []string, last, at int) error {
	if last < 3 {
		return nil
	}
	q := quoteSheet(sh)
	var series []excelize.ChartSeries
	for i, s := range verdicts {
		c := 4 + i
		colour := chart.Colours[s].Ink
		if s == "info" || s == "not_applicable" {
			colour = chart.Colours[s].Fill
		}
		series = append(series, excelize.ChartSeries{
			Name:       q + "!$" + col(c) + "$2",
			Categories: q + "!$B$3:$B$" + strconv.Itoa(last),
			Values:     q + "!$" + col(c) + "$3:$" + col(c) + "$" + strconv.Itoa(last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(strings.ToUpper(colour), "#")}},
		})
	}
	gap, overlap := uint(40), 100
	return w.f.AddChart(sh, cell(1, at), &excelize.Chart{
		Type:      excelize.BarStacked,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("excel.chart-title")}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: uint(120 + 34*(last-2))},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, MajorUnit: 1},
		GapWidth:  &gap,
		Overlap:   &overlap,
	})
}
