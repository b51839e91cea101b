package present

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/schemas"
	"guifan/themes"
)

func presenter(t *testing.T, lang string) *Presenter {
	t.Helper()
	theme, _ := fs.Sub(themes.FS, "default")
	cat, err := i18n.Load(theme, lang)
	if err != nil {
		t.Fatal(err)
	}
	set, diags := schema.Load(schemas.FS)
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	titles := map[string]string{"reg-backup": "数据备份管理制度"}
	return &Presenter{Schemas: set, Catalog: cat, Title: func(id string) (string, bool) {
		s, ok := titles[id]
		return s, ok
	}}
}

func TestValue(t *testing.T) {
	t.Parallel()
	zh, en := presenter(t, "zh-CN"), presenter(t, "en")
	status := zh.Schemas.Document.Field("status")
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		p    *Presenter
		f    *schema.Field
		v    any
		want string
	}{
		{zh, &schema.Field{Type: "money"}, int64(6800000), "680 万元"},
		{zh, &schema.Field{Type: "money"}, 1234.5, "1,234.5 元"},
		{zh, &schema.Field{Type: "money"}, int64(-1000), "-1,000 元"},
		{zh, &schema.Field{Type: "money"}, int64(999), "999 元"},
		{en, &schema.Field{Type: "money"}, int64(6800000), "6,800,000 yuan"},
		{zh, &schema.Field{Type: "money"}, "很多", "很多"},
		{zh, &schema.Field{Type: "percent"}, int64(95), "95%"},
		{zh, &schema.Field{Type: "date"}, day, "2026年3月1日"},
		{zh, &schema.Field{Type: "date"}, "2026-03-01", "2026年3月1日"},
		{en, &schema.Field{Type: "date"}, day, "2026-03-01"},
		{zh, &schema.Field{Type: "bool"}, true, "是"},
		{zh, &schema.Field{Type: "bool"}, false, "否"},
		{zh, status, "现行", "现行"},
		{zh, status, "in_force", "现行"},
		{en, status, "in_force", "In force"},
		{zh, &schema.Field{Type: "ref"}, "reg-backup", "数据备份管理制度"},
		{zh, &schema.Field{Type: "ref"}, "secret-plan", "一份内部文件"},
		{zh, &schema.Field{Type: "refs"}, []any{"reg-backup", "secret-plan"}, "数据备份管理制度、一份内部文件"},
		{zh, &schema.Field{Type: "list"}, []any{"甲", "乙"}, "甲、乙"},
		{en, &schema.Field{Type: "list"}, []any{"a", "b"}, "a, b"},
		{zh, &schema.Field{Type: "articles"}, []any{int64(21), int64(36)}, "21、36"},
		{zh, &schema.Field{Type: "integer"}, int64(12), "12"},
	} {
		if got := c.p.Value(c.f, c.v); got != c.want {
			t.Errorf("%s %v (%s): got %q, want %q", c.f.Type, c.v, c.p.Catalog.Lang, got, c.want)
		}
	}
}

// Money counts in 亿 and 万 for Chinese readers where that is exact, and
// in grouped digits for English ones; the amount printed is always exact.
func TestMoney(t *testing.T) {
	t.Parallel()
	zh, en := presenter(t, "zh-CN"), presenter(t, "en")
	for _, c := range []struct {
		p    *Presenter
		v    any
		want string
	}{
		{zh, int64(2350000000), "23.5 亿元"},
		{zh, float64(2350000000), "23.5 亿元"},
		{zh, int64(100000000), "1 亿元"},
		{zh, int64(123400000000), "1,234 亿元"},
		{zh, int64(2351234567), "235,123.4567 万元"}, // not exact in 亿: 万, to the yuan
		{zh, int64(6800000), "680 万元"},
		{zh, int64(15000), "1.5 万元"},
		{zh, int64(10000), "1 万元"},
		{zh, int64(1234567), "123.4567 万元"},
		{zh, int64(12345), "12,345 元"}, // under 100 万 and not exact to 2 decimals
		{zh, int64(9999), "9,999 元"},
		{zh, int64(-6800000), "-680 万元"},
		{zh, 6800000.5, "6,800,000.5 元"}, // fen: digits
		{zh, int64(0), "0 元"},
		{en, int64(2350000000), "2,350,000,000 yuan"},
		{en, int64(6800000), "6,800,000 yuan"},
		{en, 1234.5, "1,234.5 yuan"},
		{en, int64(-15000), "-15,000 yuan"},
	} {
		got, ok := c.p.Money(c.v)
		if !ok || got != c.want {
			t.Errorf("%s Money(%v) = %q, %v; want %q", c.p.Catalog.Lang, c.v, got, ok, c.want)
		}
	}
	if got, ok := zh.Money("很多"); ok {
		t.Errorf("Money(很多) = %q, true; want not ok", got)
	}
}

// Percent states a ratio as a percentage to two decimals.
func TestPercent(t *testing.T) {
	t.Parallel()
	zh, en := presenter(t, "zh-CN"), presenter(t, "en")
	for _, c := range []struct {
		p    *Presenter
		x    float64
		want string
	}{
		{zh, 0.0141, "1.41%"},
		{zh, 0.02, "2.00%"},
		{en, 0.005, "0.50%"},
		{en, 0, "0.00%"},
	} {
		if got := c.p.Percent(c.x); got != c.want {
			t.Errorf("%s Percent(%v) = %q, want %q", c.p.Catalog.Lang, c.x, got, c.want)
		}
	}
}

// The schema's hint is help text: the label of a field never carries it,
// and Fields and Tables give it apart.
func TestHints(t *testing.T) {
	t.Parallel()
	p := presenter(t, "zh-CN")
	d := &model.Document{Type: "annual-plan", Meta: map[string]any{
		"medical_revenue": int64(2350000000),
		"budget":          []map[string]any{{"item": "staff", "amount": int64(6800000)}},
	}}
	var rev *Item
	for _, it := range p.Fields(d) {
		if it.Value == "23.5 亿元" {
			rev = &it
		}
	}
	if rev == nil {
		t.Fatalf("no field printed 23.5 亿元: %+v", p.Fields(d))
	}
	if rev.Label != "当年医疗总收入" || rev.Hint != "元，编制时可填预计数" {
		t.Errorf("revenue: label %q, hint %q", rev.Label, rev.Hint)
	}
	for _, tb := range p.Tables(d) {
		if len(tb.Hints) != len(tb.Columns) {
			t.Fatalf("%s: %d hints for %d columns", tb.Title, len(tb.Hints), len(tb.Columns))
		}
		for i, c := range tb.Columns {
			if strings.ContainsAny(c, "（(") {
				t.Errorf("%s: column label %q carries a hint", tb.Title, c)
			}
			if c == "金额" && tb.Hints[i] != "元" {
				t.Errorf("%s: 金额's hint = %q", tb.Title, tb.Hints[i])
			}
		}
	}
}

// A presenter that may name no document names none, whatever the id.
func TestNoTitles(t *testing.T) {
	t.Parallel()
	p := presenter(t, "zh-CN")
	p.Title = nil
	if got := p.Value(&schema.Field{Type: "ref"}, "reg-backup"); got == "数据备份管理制度" || got == "reg-backup" {
		t.Errorf("a presenter without titles named a document: %q", got)
	}
}

func TestTables(t *testing.T) {
	t.Parallel()
	p := presenter(t, "zh-CN")
	var typ string
	var field *schema.Field
	for _, name := range p.Schemas.TypeNames() {
		for _, f := range p.Schemas.Types[name].Fields {
			if f.Type != "table" || field != nil {
				continue
			}
			for _, c := range f.Columns {
				if c.Type == "money" {
					typ, field = name, f
				}
			}
		}
	}
	if field == nil {
		t.Fatal("no built-in type has a table with a money column")
	}
	row := map[string]any{}
	for _, c := range field.Columns {
		if c.Type == "money" {
			row[c.Name] = int64(6800000)
		}
	}
	d := &model.Document{Type: typ, Meta: map[string]any{field.Name: []map[string]any{row}}}
	tables := p.Tables(d)
	if len(tables) != 1 || len(tables[0].Rows) != 1 {
		t.Fatalf("tables = %+v", tables)
	}
	found := false
	for _, cell := range tables[0].Rows[0] {
		found = found || cell == "680 万元"
	}
	if !found {
		t.Errorf("money cell not printed as 680 万元: %q", tables[0].Rows[0])
	}
}

// A column whose values name rows of another document's table (an annual
// plan's projects naming the five-year plan's tasks) prints the rows'
// names when this copy may name that document; an id the table lacks, and
// every id when the document may not be named, print as written.
func TestRowsNamedByTheirNames(t *testing.T) {
	t.Parallel()
	p := presenter(t, "zh-CN")
	five := &model.Document{ID: "plan-2026-2030", Type: "five-year-plan", Meta: map[string]any{
		"tasks": []map[string]any{{"id": "network", "name": "网络环境建设"}, {"id": "security", "name": "信息安全"}},
	}}
	annual := &model.Document{ID: "plan-2026", Type: "annual-plan", Meta: map[string]any{
		"five_year_plan": "plan-2026-2030",
		"projects": []map[string]any{
			{"name": "机房改造", "tasks": []any{"network", "security"}},
			{"name": "新项目", "tasks": []any{"nowhere"}},
		},
	}}
	cells := func(p *Presenter) []string {
		for _, tb := range p.Tables(annual) {
			if tb.Name != "projects" {
				continue
			}
			col := slices.Index(tb.Columns, "服务的规划任务")
			if col < 0 {
				t.Fatalf("no tasks column in %q", tb.Columns)
			}
			return []string{tb.Rows[0][col], tb.Rows[1][col]}
		}
		t.Fatal("no projects table")
		return nil
	}
	p.Doc = func(id string) (*model.Document, bool) { return five, id == five.ID }
	if got, want := cells(p), []string{"网络环境建设、信息安全", "nowhere"}; !slices.Equal(got, want) {
		t.Errorf("tasks printed %q, want %q", got, want)
	}
	p.Doc = func(string) (*model.Document, bool) { return nil, false }
	if got, want := cells(p), []string{"network、security", "nowhere"}; !slices.Equal(got, want) {
		t.Errorf("with the plan not to be named, tasks printed %q, want %q", got, want)
	}
}
