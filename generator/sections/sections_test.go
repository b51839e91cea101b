package sections_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/content"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/sections"
	"guifan/schemas"
)

func loadSet(t *testing.T) *schema.Set {
	t.Helper()
	set, diags := schema.Load(schemas.FS)
	if diags.Errors() > 0 {
		t.Fatalf("schemas: %v", diags)
	}
	return set
}

// doc reads one document of type typ with body, as the site loader does.
func doc(t *testing.T, set *schema.Set, typ, front, body string) *model.Document {
	t.Helper()
	path := "content/" + set.Types[typ].Dir + "/x.md"
	if !strings.Contains(front, "title =") {
		front = "title = \"测试文档\"\n" + front
	}
	src := "+++\ntype = \"" + typ + "\"\nstatus = \"draft\"\n" + front + "+++\n" + body
	docs, _, diags := content.Load(fstest.MapFS{path: {Data: []byte(src)}}, set)
	if len(docs) != 1 {
		t.Fatalf("load: %v", diags)
	}
	return docs[0]
}

func find(t *testing.T, set *schema.Set, typ, front, body string) *sections.Result {
	t.Helper()
	d := doc(t, set, typ, front, body)
	return sections.Find(d, set.Types[typ], set.Sections)
}

func TestTaggedSection(t *testing.T) {
	set := loadSet(t)
	r := find(t, set, "emergency-plan", "", "# 预案\n\n## 处置步骤 {#activation}\n\n发现故障的人员立即报告工作小组，工作小组确定等级后启动本预案。\n\n## 其他 {#nonsense}\n\n正文。\n")
	s := r.Get("activation")
	if !s.Met() || s.Best().How != sections.Tagged || s.Best().Heading != "处置步骤" {
		t.Fatalf("activation: %+v", s)
	}
	if len(r.Unknown) != 1 || r.Unknown[0].Tag != "nonsense" || r.Unknown[0].Line == 0 {
		t.Fatalf("unknown tags: %+v", r.Unknown)
	}
}

func TestSplitTag(t *testing.T) {
	for in, want := range map[string][2]string{
		"处置步骤 {#activation}": {"处置步骤", "activation"},
		"处置步骤{#activation}":  {"处置步骤", "activation"},
		"处置步骤":               {"处置步骤", ""},
		"集合 {a, b}":          {"集合 {a, b}", ""},
		"坏标记 {#a b}":         {"坏标记 {#a b}", ""},
	} {
		text, tag := model.SplitTag(in)
		if text != want[0] || tag != want[1] {
			t.Errorf("SplitTag(%q) = %q, %q; want %q, %q", in, text, tag, want[0], want[1])
		}
	}
}

func TestSubstance(t *testing.T) {
	set := loadSet(t)
	body := "# 制度\n\n## 第一章 总则\n\n## 第二章 变更流程\n\n（请填写本节内容。）\n\n## 第三章 管理要求\n\n- 变更须经审批\n\n## 第四章 身份认证\n\n| 项目 | 要求 |\n|---|---|\n\n## 第五章 访问控制\n\n| 项目 | 要求 |\n|---|---|\n| 授权 | 最小权限 |\n\n## 第六章 恶意代码防范\n\n### 一、终端\n\n所有终端安装防病毒软件，病毒库每日自动更新，每周全盘扫描一次。\n\n## 第七章 附则\n\n本制度自发布之日起施行。\n\n## 第八章 罚则\n\n略。\n"
	r := find(t, set, "regulation", "kind = \"security\"\n", body)
	cases := []struct {
		id          string
		met, found  bool
		placeholder bool
	}{
		{"purpose", false, true, false},        // a heading only
		{"change-process", false, true, true},  // the draft's placeholder
		{"rules", true, true, false},           // one list item is enough
		{"authentication", false, true, false}, // a table with a header only
		{"access-control", true, true, false},  // a table row
		{"antivirus", true, true, false},       // text in a subsection
		{"supplementary", true, true, false},   // short, but the section asks little
		{"penalties", false, true, true},       // 略
		{"remote-access", false, false, false}, // not there
	}
	for _, c := range cases {
		s := r.Get(c.id)
		if s.Met() != c.met || s.Found() != c.found || s.Best().Placeholder != c.placeholder {
			t.Errorf("%s: met %v found %v placeholder %v, want %v %v %v (%+v)", c.id, s.Met(), s.Found(), s.Best().Placeholder, c.met, c.found, c.placeholder, s.Best())
		}
	}
}

// Text a hospital really writes is content even when it contains a
// placeholder word: 策略 ends with 略, and a step may say 请填写.
func TestPlaceholderWordsInRealText(t *testing.T) {
	set := loadSet(t)
	r := find(t, set, "regulation", "kind = \"backup\"\n", "# 制度\n\n## 备份策略\n\n每日零点自动全量备份，每小时增量备份，采用全量加增量的备份策略。\n\n## 变更流程\n\n- 请填写《变更申请表》并经科长签字\n")
	if s := r.Get("backup-schedule"); !s.Met() {
		t.Errorf("backup-schedule: %+v", s.Best())
	}
	if s := r.Get("change-process"); !s.Met() {
		t.Errorf("change-process: %+v", s.Best())
	}
}

func TestTitleSection(t *testing.T) {
	set := loadSet(t)
	r := find(t, set, "job-duty", "post = \"network\"\n", "# 网络管理岗岗位职责\n\n1. 负责全院网络设备的日常运行维护。\n2. 负责网络安全策略的配置。\n\n## 任职要求\n\n计算机相关专业本科以上学历，持有网络工程师证书，三年以上工作经验。\n")
	s := r.Get("duties")
	if !s.Met() || s.Best().How != sections.Title {
		t.Fatalf("duties: %+v", s)
	}
	// A title with nothing under it is not the section.
	r = find(t, set, "job-duty", "post = \"network\"\n", "# 网络管理岗岗位职责\n\n## 任职要求\n\n计算机相关专业本科以上学历，持有网络工程师证书，三年以上工作经验。\n")
	if r.Get("duties").Found() {
		t.Fatalf("duties found under an empty title: %+v", r.Get("duties"))
	}
	// No title heading: the front matter's title, and the text before the first ##.
	r = find(t, set, "job-duty", "post = \"network\"\ntitle = \"网络管理岗岗位职责\"\n", "- 负责网络设备维护\n- 负责网络监控\n\n## 考核标准\n\n- 网络可用率不低于 99.9%\n")
	if s := r.Get("duties"); !s.Met() || s.Best().How != sections.Title {
		t.Fatalf("duties without a title heading: %+v", s)
	}
}

func TestEnglishHeadings(t *testing.T) {
	set := loadSet(t)
	r := find(t, set, "job-duty", "post = \"network\"\n", "# Network administrator\n\n## Responsibilities\n\n- Keep the network running day and night.\n\n## Assessment\n\n- Availability of 99.9% or better.\n")
	for _, id := range []string{"duties", "assessment"} {
		if s := r.Get(id); !s.Met() || s.Best().How != sections.Keyword {
			t.Errorf("%s: %+v", id, s)
		}
	}
}

func TestFieldSection(t *testing.T) {
	set := loadSet(t)
	front := "scenario = \"断网\"\n[[levels]]\nlevel = 1\ncriteria = \"全院断网\"\n"
	r := find(t, set, "emergency-plan", front, "# 预案\n\n## 处置\n\n立即报告。\n")
	if s := r.Get("levels"); !s.Met() || s.Best().How != sections.Field {
		t.Fatalf("levels: %+v", s)
	}
}

// withoutWords returns a copy of type typ whose section id no longer
// lists the given match words, so inference alone must find it.
func withoutWords(set *schema.Set, typ, id string, words ...string) *schema.DocType {
	t := *set.Types[typ]
	t.Sections = nil
	for _, s := range set.Types[typ].Sections {
		c := *s
		if c.ID == id {
			c.Match = nil
		keep:
			for _, m := range s.Match {
				for _, w := range words {
					if strings.Contains(m, w) || strings.Contains(w, m) {
						continue keep
					}
				}
				c.Match = append(c.Match, m)
			}
		}
		t.Sections = append(t.Sections, &c)
	}
	return &t
}

func TestInferred(t *testing.T) {
	set := loadSet(t)
	cases := []struct {
		typ, id, heading, para string
		words                  []string
	}{
		{"service-desk", "problem", "五、暂时解决事件的跟踪处理", "对暂时解决的事件，由值班工程师每周复查，找出根源并制定最终解决方案。", []string{"暂时解决", "跟踪处理", "问题"}},
		{"emergency-plan", "activation", "三、预案的启动", "发生突发事件后，相关人员立即上报工作小组，由工作小组确定等级并启动相应预案。", []string{"启动", "响应"}},
		{"job-duty", "duties", "一、本岗位负责的工作", "- 维护全院网络设备。", []string{"职责", "责任", "工作内容", "工作范围"}},
	}
	for _, c := range cases {
		tp := withoutWords(set, c.typ, c.id, c.words...)
		d := doc(t, set, c.typ, "", "# 文档\n\n## "+c.heading+"\n\n"+c.para+"\n")
		if schema.MatchAny(c.heading, tp.Section(c.id).Match) {
			t.Fatalf("%s: a keyword still names %q", c.id, c.heading)
		}
		r := sections.Find(d, tp, set.Sections)
		s := r.Get(c.id)
		if !s.Met() || s.Best().How != sections.Inferred {
			t.Errorf("%s not inferred from %q: %+v near %+v", c.id, c.heading, s, r.Near[c.id])
		}
	}
}

// Generic headings are never inferred as a section.
func TestNotInferredFromGenericHeadings(t *testing.T) {
	set := loadSet(t)
	generic := []string{"第一章 概述", "二、其他事项", "附件", "第三章 工作要求", "一、基本情况", "说明", "（一）适用对象", "Overview", "Appendix", "第四章 管理办法"}
	para := "本部分说明有关事项，由信息中心负责解释，各科室遵照执行，未尽事宜另行通知。"
	for _, typ := range set.TypeNames() {
		tp := set.Types[typ]
		if !tp.HasFormat("markdown") {
			continue
		}
		for _, h := range generic {
			d := doc(t, set, typ, "", "# 文档\n\n## "+h+"\n\n"+para+"\n")
			r := sections.Find(d, tp, set.Sections)
			for _, s := range r.Sections {
				for _, m := range s.Matches {
					if m.How == sections.Inferred {
						t.Errorf("%s: %q inferred as %s (%.2f)", typ, h, s.Section.ID, m.Score)
					}
				}
			}
		}
	}
}

// A heading close to a missing required section is offered for tagging.
func TestNear(t *testing.T) {
	set := loadSet(t)
	tp := withoutWords(set, "job-duty", "duties", "职责", "责任", "工作内容", "工作范围", "Dut", "Responsib")
	d := doc(t, set, "job-duty", "post = \"network\"\n", "# 网络管理岗\n\n## 一、负责的事项\n\n- 维护网络设备\n")
	r := sections.Find(d, tp, set.Sections)
	if r.Get("duties").Found() {
		t.Skip("inferred outright; nothing to suggest")
	}
	if n, ok := r.Near["duties"]; !ok || n.Heading != "一、负责的事项" {
		t.Fatalf("near: %+v", r.Near)
	}
}

// A draft from guifan new titles each section with its label (in the
// draft's language): every label names its own section.
func TestLabelsNameTheirSections(t *testing.T) {
	set := loadSet(t)
	for _, typ := range set.TypeNames() {
		for _, s := range set.Types[typ].Sections {
			for lang, label := range s.Label {
				d := doc(t, set, typ, "", "# 文档\n\n## "+label+"\n\n- 一项内容\n")
				if r := sections.Find(d, set.Types[typ], set.Sections); !r.Get(s.ID).Met() {
					t.Errorf("%s: a heading %q (the %s label) is not section %s", typ, label, lang, s.ID)
				}
			}
		}
	}
}

// A paragraph opening with bold words or a few words and a colon names a
// section; a list item's lead-in is a point within a section, not one.
func TestLeadIns(t *testing.T) {
	set := loadSet(t)
	body := "# 规程\n\n## 一、操作步骤\n\n按顺序执行。\n\n**正常反应**：指示灯绿色常亮，系统提示完成，日志中没有报错信息。\n\n操作目的：保证数据库每日备份完整可用，出现故障时能在规定时间内恢复。\n\n## 二、处理\n\n1. 环境要求：机房温度 18—25 度。\n"
	r := find(t, set, "procedure", "kind = \"database\"\n", body)
	for _, id := range []string{"normal", "purpose"} {
		if s := r.Get(id); !s.Met() || s.Best().How != sections.Keyword {
			t.Errorf("%s: %+v", id, s)
		}
	}
	if s := r.Get("environment"); s.Found() {
		t.Errorf("a list item's lead-in taken for a section: %+v", s.Best())
	}
	// Headings come first: a lead-in never replaces a heading's match.
	r = find(t, set, "procedure", "kind = \"database\"\n", "# 规程\n\n## 五、正常反应\n\n系统提示完成，日志中没有报错信息，备份文件大小正常。\n\n**正常反应**：另见上文。\n")
	if s := r.Get("normal"); len(s.Matches) != 1 || s.Best().Heading != "五、正常反应" {
		t.Errorf("normal: %+v", s.Matches)
	}
}
