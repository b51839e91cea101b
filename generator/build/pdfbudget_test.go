package build

import (
	"strconv"
	"strings"
	"testing"

	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/model"
)

// TestPDFBudgetFoot: the demo annual plan's PDF shows its budget table
// with the total, the medical revenue and their ratio with its verdict,
// as its page does; the five-year plan's tables get none.
func TestPDFBudgetFoot(t *testing.T) {
	t.Parallel()
	s, diags, err := LoadDir(copySiteDir(t, "../.."))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	public, _ := s.views(m, cat)
	d := s.Project.Doc("plan-2026")
	if d == nil {
		t.Fatal("the demo has no plan-2026")
	}
	total := 0.0
	for _, row := range d.Rows("budget") {
		switch x := row["amount"].(type) {
		case int64:
			total += float64(x)
		case float64:
			total += x
		}
	}
	revenue, _ := d.Meta["medical_revenue"].(int64)
	if total == 0 || revenue == 0 {
		t.Fatal("plan-2026 has no budget or revenue")
	}
	wantTotal, _ := public.present.Money(total)
	wantRatio := strconv.FormatFloat(total/float64(revenue)*100, 'f', 2, 64) + "%"
	rows := budgetRows(s.pdfDoc(d, public).Blocks, s.Schemas.Types[d.Type].Field("budget").Label.In("zh-CN"))
	if len(rows) < len(d.Rows("budget"))+3 {
		t.Fatalf("the PDF's budget table has %d rows: %q", len(rows), rows)
	}
	foot := rows[len(rows)-3:]
	for i, want := range [][]string{{cat.T("plan.total"), wantTotal}, {cat.T("plan.revenue")}, {cat.T("plan.ratio"), wantRatio}} {
		for j, w := range want {
			if foot[i][j] != w {
				t.Errorf("foot row %d cell %d is %q; want %q", i, j, foot[i][j], w)
			}
		}
	}
	if !strings.HasPrefix(foot[2][2], cat.T("status.met")) && !strings.HasPrefix(foot[2][2], cat.T("status.partial")) && !strings.HasPrefix(foot[2][2], cat.T("status.missing")) {
		t.Errorf("the ratio row has no verdict: %q", foot[2])
	}
	five := s.Project.Doc("plan-2026-2030")
	for _, b := range s.pdfDoc(five, public).Blocks {
		for _, r := range b.Rows {
			if len(r) > 0 && cellText(r[0]) == cat.T("plan.total") {
				t.Errorf("the five-year plan's tables got a total row: %v", r)
			}
		}
	}
}

// budgetRows are the rows (text) of the table under the heading title.
func budgetRows(blocks []markdown.Block, title string) [][]string {
	heading := false
	for _, b := range blocks {
		if b.Kind == "heading" && len(b.Spans) > 0 {
			heading = cellText(b.Spans) == title
			continue
		}
		if heading && b.Kind == "table" {
			var out [][]string
			for _, r := range b.Rows[1:] {
				var cells []string
				for _, c := range r {
					cells = append(cells, cellText(c))
				}
				out = append(out, cells)
			}
			return out
		}
	}
	return nil
}

func cellText(spans []markdown.Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}
