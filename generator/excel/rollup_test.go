package excel

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRollupRowText: the rows RollupStream writes as XML itself read
// back as the values given, escapes and all, with the verdict colour on
// the verdict cell and the row's style on the others.
func TestRollupRowText(t *testing.T) {
	t.Parallel()
	b, err := NewRollupBook("标题 & <头>", "第 &P 页")
	if err != nil {
		t.Fatal(err)
	}
	w, err := b.Sheet(RollupSheet{Name: "detail", Title: "明细", Columns: []string{"甲", "乙", "丙", "丁"}, Widths: []float64{10, 10, 10, 10}, Verdicts: []int{2}})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{`a & b <c> "d" 'e'`, " 前后有空格 ", "两行\n第二行", "字面 _x0041_ 不是 A", "_x", "tab\there"}
	for _, s := range texts {
		if err := w.Row([]any{s, 42, "满足", 87.5}, "met"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Row([]any{"", 1, "", 0.5}, "missing"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := b.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("detail")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+len(texts)+1 {
		t.Fatalf("%d rows, want %d", len(rows), 2+len(texts)+1)
	}
	for i, s := range texts {
		if got := rows[2+i]; len(got) != 4 || got[0] != s || got[1] != "42" || got[2] != "满足" || got[3] != "87.5" {
			t.Errorf("row %d = %q, want [%q 42 满足 87.5]", 3+i, got, s)
		}
	}
	if got := rows[2+len(texts)]; len(got) != 4 || got[0] != "" || got[1] != "1" || got[3] != "0.5" {
		t.Errorf("last row = %q", got)
	}
	met, _ := f.GetCellStyle("detail", "C3")
	plain, _ := f.GetCellStyle("detail", "A3")
	missing, _ := f.GetCellStyle("detail", "C9")
	if met != b.styles["met"] || plain != b.plain || missing != b.styles["missing"] || met == missing {
		t.Errorf("styles: C3 %d (met %d), A3 %d (plain %d), C9 %d (missing %d)", met, b.styles["met"], plain, b.plain, missing, b.styles["missing"])
	}
	tables, err := f.GetTables("detail")
	if err != nil || len(tables) != 1 || tables[0].Range != "A2:D9" {
		t.Errorf("tables %v, %v; want one over A2:D9", tables, err)
	}
}
