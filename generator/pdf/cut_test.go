package pdf_test

import (
	"bytes"
	"io/fs"
	"reflect"
	"testing"
	"time"

	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/pdf"
	"guifan/generator/schema"
	"guifan/themes"
)

// cutBinder is a binder that draws in every way the writer draws: a cover
// and contents, a control box, headings, lists, a table, code and a quote,
// a control character and a character no font has.
func cutBinder() pdf.Binder {
	docs := synthetic(3)
	span := func(s string) []markdown.Span { return []markdown.Span{{Text: s}} }
	docs[0].Blocks = append(docs[0].Blocks,
		markdown.Block{Kind: "list", Ordered: true, Start: 3, Items: [][]markdown.Block{{{Kind: "paragraph", Spans: span("列表项甲")}}, {{Kind: "paragraph", Spans: span("列表项乙")}}}},
		markdown.Block{Kind: "list", Task: []int{1, 2}, Items: [][]markdown.Block{{{Kind: "paragraph", Spans: span("待办")}}, {{Kind: "paragraph", Spans: span("已办")}}}},
		markdown.Block{Kind: "table", Header: true, Rows: [][][]markdown.Span{{span("列一"), span("列二")}, {span("镕铧"), span("值\x01")}}},
		markdown.Block{Kind: "code", Code: "ls -l /备份\tdone"},
		markdown.Block{Kind: "quote", Quote: []markdown.Block{{Kind: "paragraph", Spans: []markdown.Span{{Text: "引文", Bold: true}, {Text: "链接", Link: "https://example.org"}, {Text: "𠀀"}}}}},
	)
	return pdf.Binder{Title: "裁剪字体测试汇编", Subtitle: "北京示范医院", Docs: docs, Cover: true}
}

func cutOptions(t *testing.T) pdf.Options {
	serif, sans := builtinFonts(t)
	theme, _ := fs.Sub(themes.FS, "default")
	cat, err := i18n.Load(theme, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	return pdf.Options{Hospital: "北京示范医院", Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Serif: serif, Sans: sans, T: cat.T}
}

func cutTo(chars *pdf.Chars, opt pdf.Options) pdf.Options {
	cut := pdf.CutFonts(chars, opt.Serif, opt.Sans)
	opt.Serif, opt.Sans = cut[0], cut[1]
	return opt
}

// TestCutFontsSameText: a binder written with fonts cut to the characters
// Chars gathers draws the same text at the same places as with the whole
// fonts, reports the same missing characters, is not written twice, and
// is the same bytes each time. Not parallel: it counts rewrites.
func TestCutFontsSameText(t *testing.T) {
	opt := cutOptions(t)
	b := cutBinder()
	chars := pdf.NewChars()
	chars.AddOptions(opt)
	chars.AddBinder(b, opt)
	cut := cutTo(chars, opt)
	if reflect.DeepEqual(cut.Serif, opt.Serif) || cut.Serif[0] != cut.Sans[1] || cut.Serif[1] != cut.Sans[0] {
		t.Fatal("fonts not cut, or a font shared by both chains cut twice")
	}
	if len(cut.Serif[0].Data) > len(opt.Serif[0].Data)/4 {
		t.Errorf("cut font is %d bytes of %d", len(cut.Serif[0].Data), len(opt.Serif[0].Data))
	}
	for i, f := range cut.Serif {
		for _, r := range "数据镕𠀀\x01" {
			if f.Has(r) != opt.Serif[i].Has(r) {
				t.Errorf("%s: cut font's Has(%U) differs from the whole font's", f.Name, r)
			}
		}
	}
	before := pdf.Rewrites()
	_, wholeDrawn, _, err := pdf.WriteProbed(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	data, cutDrawn, _, err := pdf.WriteProbed(b, cut)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(wholeDrawn, cutDrawn) {
		t.Error("text drawn with the cut fonts differs from the whole fonts'")
	}
	_, wholeMissing, _ := pdf.Write(b, opt)
	again, cutMissing, _ := pdf.Write(b, cut)
	if !reflect.DeepEqual(wholeMissing, cutMissing) || len(cutMissing) == 0 {
		t.Errorf("missing characters: %v with whole fonts, %v cut", wholeMissing, cutMissing)
	}
	if !bytes.Equal(data, again) {
		t.Error("the same binder with the same cut fonts gave different bytes")
	}
	if n := pdf.Rewrites() - before; n != 0 {
		t.Errorf("%d PDFs written again with the whole fonts", n)
	}
}

// TestCutFontsMissingCharacter: a PDF that draws a character its fonts
// were not cut for is written again with the whole fonts, so it still
// shows the character. Not parallel: it counts rewrites.
func TestCutFontsMissingCharacter(t *testing.T) {
	opt := cutOptions(t)
	b := cutBinder()
	chars := pdf.NewChars() // without the binder's text
	cut := cutTo(chars, opt)
	before := pdf.Rewrites()
	_, wholeDrawn, _, err := pdf.WriteProbed(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, cutDrawn, _, err := pdf.WriteProbed(b, cut)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(wholeDrawn, cutDrawn) {
		t.Error("text drawn differs from the whole fonts'")
	}
	if n := pdf.Rewrites() - before; n != 1 {
		t.Errorf("%d rewrites, want 1", n)
	}
	// Forms too.
	s := formSchema()
	_, wholeForm, err := pdf.WriteFormProbed(s, opt, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	_, cutForm, err := pdf.WriteFormProbed(s, cut, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(wholeForm, cutForm) || pdf.Rewrites()-before != 2 {
		t.Error("a form needing characters the cut left out was not written again whole")
	}
	// With its characters gathered, the form needs no rewrite.
	chars.AddOptions(opt)
	chars.AddForm(s, opt, "zh-CN")
	_, gathered, err := pdf.WriteFormProbed(s, cutTo(chars, opt), "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(wholeForm, gathered) || pdf.Rewrites()-before != 2 {
		t.Error("a form with its characters gathered was written again, or drew other text")
	}
}

// formSchema is a blank form with every kind of cell and a footer.
func formSchema() *schema.Form {
	txt := func(s string) schema.Text { return schema.Text{"zh-CN": s} }
	return &schema.Form{ID: "f", Title: txt("机房巡检记录表"), Number: "XXZX-JL-09", Footer: txt("注：本表由值班人员填写。"),
		Rows: []*schema.FormRow{
			{Header: true, Cells: []*schema.FormCell{{Kind: "label", Label: txt("巡检项目")}, {Kind: "label", Label: txt("结果")}}},
			{Cells: []*schema.FormCell{{Kind: "field", ID: "who", Label: txt("巡检人")}, {Kind: "check", ID: "ok", Label: txt("状态"), Options: []schema.Text{txt("正常"), txt("异常")}}}},
			{Cells: []*schema.FormCell{{Kind: "area", ID: "note", Label: txt("异常说明"), Span: 2}}},
			{Cells: []*schema.FormCell{{Kind: "sign", ID: "sign", Label: txt("负责人签字"), Span: 2}}},
		}}
}
