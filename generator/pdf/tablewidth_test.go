package pdf_test

import (
	"math"
	"strings"
	"testing"

	"guifan/generator/markdown"
	"guifan/generator/pdf"
)

// TestShortCellsStayWhole: in a table of many columns beside long ones
// (an annual plan's projects), a column of short cells (a department, an
// amount) and its header are each drawn on one line, not one character a
// line; a column of long text still gets at least four characters a
// line; every character is drawn.
func TestShortCellsStayWhole(t *testing.T) {
	t.Parallel()
	opt := options(t)
	cell := func(s string) []markdown.Span { return []markdown.Span{{Text: s}} }
	long := strings.Repeat("按六级评价标准梳理差距并完成整改，", 6)
	rows := [][][]markdown.Span{{
		cell("项目"), cell("所属项目"), cell("建设内容"), cell("季度进度（一至四季度）"),
		cell("预算"), cell("服务的规划任务"), cell("负责部门"), cell("协作部门"),
	}}
	for i := 0; i < 3; i++ {
		rows = append(rows, [][]markdown.Span{
			cell("电子病历系统应用水平六级建设（一期）"), cell("电子病历系统应用水平六级建设"), cell(long), cell(long),
			cell("680 万元"), cell("applications、integration"), cell("信息中心"), cell("医务处、护理部、药剂科、检验科、病案统计室"),
		})
	}
	table := markdown.Block{Kind: "table", Header: true, Rows: rows}
	_, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: "实施项目", Docs: []pdf.Doc{doc("实施项目", []markdown.Block{table})}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The lines drawn: each character is drawn on its own; a line is a
	// run of them on one baseline, each starting where the last ended.
	lines := map[string]bool{}
	var line strings.Builder
	for i, d := range drawn {
		if i > 0 {
			p := drawn[i-1]
			if p.Page != d.Page || math.Abs(p.Y-d.Y) > 0.01 || d.X-(p.X+p.W) < -0.01 || d.X-(p.X+p.W) > 2 {
				lines[strings.TrimSpace(line.String())] = true
				line.Reset()
			}
		}
		line.WriteString(d.Text)
	}
	lines[strings.TrimSpace(line.String())] = true
	for _, whole := range []string{"负责部门", "信息中心", "680 万元", "协作部门", "所属项目", "建设内容", "预算"} {
		if !lines[whole] {
			t.Errorf("%s is not drawn on one line", whole)
		}
	}
	// The long columns: four characters a line at least.
	for l := range lines {
		if r := []rune(l); len(r) > 0 && len(r) < 4 && strings.Contains(long, l) && !strings.HasSuffix(long, l) {
			t.Errorf("a line of the long column holds %q only", l)
		}
	}
	_, cells := blocksText([]markdown.Block{table})
	checkDrawn(t, "short cells", drawn, "实施项目", cells...)
}
