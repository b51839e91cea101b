package pdf_test

import (
	"strings"
	"testing"

	"guifan/generator/card"
	"guifan/generator/pdf"
)

func testCard(banner string) *card.Card {
	c := &card.Card{Title: "全院网络中断应急预案", Scenario: "核心交换机或主干光缆故障，全院终端无法访问业务系统", Banner: banner,
		Labels: card.Labels{Card: "应急处置卡", Scenario: "适用场景", Levels: "预警级别", Calls: "找谁：电话", Fallback: "多久不能恢复就转手工", First: "发现后先做这几件事"},
		First:  []string{"拨打服务台 8000 报告", "窗口转手工", "危急值电话报告", "恢复后补录"},
		Calls:  []card.Call{{Who: "服务台", Numbers: []string{"8000", "010-63958000"}, Note: "7×24 小时"}, {Who: "工作小组", Numbers: []string{"8000"}, Note: "王立新 · 信息中心"}},
	}
	for i, n := range []string{"一级预警（特别严重）", "二级预警（严重）", "三级预警（一般）"} {
		c.Levels = append(c.Levels, card.Level{Name: n, Within: []string{"10 分钟内", "15 分钟内", "30 分钟内"}[i], ReportTo: "应急领导小组组长（院长）及分管副院长"})
	}
	for _, p := range []string{"门诊挂号", "住院登记", "门诊收费", "急诊登记与收费", "护士工作站", "手术室", "医技检查"} {
		c.Fallback = append(c.Fallback, card.Step{Process: p, After: "15 分钟"})
	}
	return c
}

// A card alone is one page that draws every part of it; a plan's PDF
// draws its card after the control box; a plan not in force has its
// watermark on every page, one in force none.
func TestCardPDF(t *testing.T) {
	t.Parallel()
	opt := options(t)
	doc := pdf.Doc{ID: "ep-network-outage", Title: "全院网络中断应急预案", Number: "BJSF-XX-YA-2026-001", Card: testCard("")}
	_, drawn, _, err := pdf.WriteProbed(pdf.Binder{Title: "应急处置卡", Docs: []pdf.Doc{doc}, CardOnly: true}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, d := range drawn {
		if d.Page != 1 {
			t.Fatalf("the card runs onto page %d: %q", d.Page, d.Text)
		}
		all.WriteString(d.Text)
	}
	text := all.String()
	for _, want := range []string{"应急处置卡", "发现后先做这几件事", "拨打服务台8000报告", "010-63958000", "一级预警", "10分钟内", "急诊登记与收费", "医技检查"} {
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the card lacks %q", want)
		}
	}
	if strings.Contains(text, "草稿") {
		t.Error("a card in force carries a watermark")
	}
	// In the plan's own PDF, a draft: card first, watermark on each page.
	draft := doc
	draft.Card = testCard("草稿：本预案尚未批准生效")
	draft.Watermark = "草稿 · 未生效"
	draft.Control = [][2]string{{"文件编号", "BJSF-XX-YA-2026-001"}}
	_, drawn, _, err = pdf.WriteProbed(pdf.Binder{Title: draft.Title, Docs: []pdf.Doc{draft, draft}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var seq strings.Builder
	perPage := map[int]string{}
	for _, d := range drawn {
		seq.WriteString(d.Text)
		perPage[d.Page] += d.Text
	}
	joined := strings.ReplaceAll(seq.String(), " ", "")
	cardAt, controlAt := strings.Index(joined, "应急处置卡"), strings.Index(joined, "文件编号")
	if cardAt < 0 || controlAt < 0 || cardAt < controlAt {
		t.Errorf("card drawn at %d, control box at %d: want the card right after the control box", cardAt, controlAt)
	}
	if len(perPage) < 2 {
		t.Errorf("two plans on %d pages", len(perPage))
	}
	for p, text := range perPage {
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), "草稿·未生效") {
			t.Errorf("page %d of a draft plan has no watermark", p)
		}
	}
}
