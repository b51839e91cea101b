package present

import (
	"io/fs"
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
		{zh, &schema.Field{Type: "money"}, int64(6800000), "6,800,000 元"},
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
		found = found || cell == "6,800,000 元"
	}
	if !found {
		t.Errorf("money cell not printed as 6,800,000 元: %q", tables[0].Rows[0])
	}
}
