package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"guifan/generator/schema"
)

var chapter = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
	"十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"}

// body writes a document's sections: the headings its type knows, each
// with paragraphs and now and then a list, a table or a link.
func (g *gen) body(b *strings.Builder, r *rand.Rand, d *doc) {
	fmt.Fprintf(b, "%s\n\n", paragraph(r, 2+r.IntN(2)))
	secs := g.sections(r, d.tp)
	for k, s := range secs {
		h := heading(s)
		if d.tp.Name == "regulation" && k < len(chapter) {
			h = "第" + chapter[k] + "章 " + h
		}
		fmt.Fprintf(b, "## %s\n\n", h)
		fmt.Fprintf(b, "%s\n\n", paragraph(r, 2+r.IntN(3)))
		switch r.IntN(6) {
		case 0, 1:
			steps(b, r)
		case 2:
			bullets(b, r)
		case 3:
			table(b, r)
		}
		if r.IntN(3) == 0 {
			if ids := g.refs(r, d, nil, 1); len(ids) > 0 {
				o := g.find(ids[0])
				fmt.Fprintf(b, "%s具体要求见[《%s》](doc:%s)。\n\n", pick(r, subjects), o.title, o.id)
			}
		}
	}
}

// sections are the sections a document has: all its type knows, or for
// types that know many (regulations), the required ones, the first
// three and a few others, in the schema's order.
func (g *gen) sections(r *rand.Rand, tp *schema.DocType) []*schema.Section {
	if len(tp.Sections) <= 8 {
		return tp.Sections
	}
	var out []*schema.Section
	for k, s := range tp.Sections {
		if s.Required || k < 3 || k == len(tp.Sections)-1 || r.IntN(4) == 0 {
			out = append(out, s)
		}
	}
	return out
}

// heading is a section's heading: its first Chinese match word, or its
// label.
func heading(s *schema.Section) string {
	for _, m := range s.Match {
		if m != "" && m[0] >= 0x80 {
			return m
		}
	}
	return s.Label.In(schema.DefaultLang)
}

func (g *gen) find(id string) *doc { return g.byID[id] }

// faq writes questions (level-2 headings, unique across the site) with
// their answers.
func (g *gen) faq(b *strings.Builder, r *rand.Rand, d *doc) {
	fmt.Fprintf(b, "%s\n\n", paragraph(r, 2))
	for k := 0; k < 3+r.IntN(5); k++ {
		fmt.Fprintf(b, "## %s\n\n", g.question())
		fmt.Fprintf(b, "%s\n\n", paragraph(r, 1+r.IntN(2)))
		if r.IntN(2) == 0 {
			steps(b, r)
		}
	}
}

// question is the next FAQ question: the site's questions run through the
// combinations of system, object and problem in a scattered order, so no
// two are alike.
func (g *gen) question() string {
	total := len(systems) * len(objects) * len(problems)
	k := g.qn
	g.qn++
	// 7919 is prime and does not divide total, so k*7919 mod total visits
	// every combination once before any repeats.
	c := (k * 7919) % total
	q := systems[c%len(systems)] + pick1(objects, c/len(systems)) + pick1(problems, c/len(systems)/len(objects))
	if k >= total {
		q = fmt.Sprintf("%s（情形 %d）", q, k/total+1)
	}
	return q
}

func pick1(xs []string, i int) string { return xs[i%len(xs)] }

// sentence is one sentence of hospital-IT prose.
func sentence(r *rand.Rand) string {
	var s strings.Builder
	s.WriteString(skewed(r, subjects))
	s.WriteString(fmt.Sprintf(skewed(r, verbs), skewed(r, systems)+skewed(r, objects)))
	if r.IntN(3) == 0 {
		s.WriteString("，")
		s.WriteString(skewed(r, clauses))
	}
	if r.IntN(5) == 0 {
		fmt.Fprintf(&s, "，时限为%d分钟", 5*(1+r.IntN(24)))
	}
	s.WriteString("。")
	return s.String()
}

func paragraph(r *rand.Rand, n int) string {
	var p strings.Builder
	for k := 0; k < n; k++ {
		p.WriteString(sentence(r))
	}
	return p.String()
}

// phrase is a short noun phrase for a field value.
func phrase(r *rand.Rand) string {
	return skewed(r, systems) + skewed(r, objects) + pick(r, []string{"管理", "维护", "检查", "巡检", "登记", "备份"})
}

func steps(b *strings.Builder, r *rand.Rand) {
	for k := 0; k < 2+r.IntN(4); k++ {
		fmt.Fprintf(b, "%d. %s\n", k+1, sentence(r))
	}
	b.WriteString("\n")
}

func bullets(b *strings.Builder, r *rand.Rand) {
	for k := 0; k < 2+r.IntN(4); k++ {
		fmt.Fprintf(b, "- %s\n", sentence(r))
	}
	b.WriteString("\n")
}

func table(b *strings.Builder, r *rand.Rand) {
	b.WriteString("| 对象 | 要求 | 责任人 | 时限 |\n|---|---|---|---|\n")
	for k := 0; k < 2+r.IntN(4); k++ {
		fmt.Fprintf(b, "| %s%s | %s | %s | %d 分钟 |\n", skewed(r, systems), skewed(r, objects),
			fmt.Sprintf(skewed(r, verbs), skewed(r, objects)), pick(r, subjects), 5*(1+r.IntN(24)))
	}
	b.WriteString("\n")
}

// The vocabulary: our own words for a hospital's IT department.
var (
	systems = []string{"HIS", "电子病历", "LIS", "PACS", "数据库", "机房", "网络", "服务器", "存储", "UPS", "门诊", "住院", "手术麻醉", "医保接口",
		"合理用药", "护理", "病案", "财务", "物资", "OA", "VPN", "无线网络", "防火墙", "堡垒机", "备份", "虚拟化平台", "核心交换机", "终端", "打印机", "自助机",
		"CA 认证", "集成平台", "数据中心", "体检", "心电", "超声", "内镜", "输血", "院感", "随访", "预约挂号", "叫号", "排队", "短信", "统一身份认证"}
	objects = []string{"系统", "设备", "数据", "账号", "权限", "配置", "日志", "补丁", "接口", "字典", "报表", "用户", "密码", "证书", "链路", "端口",
		"电源", "空调", "温湿度", "机柜", "磁带", "镜像", "版本", "脚本", "参数", "告警", "工单", "变更", "故障", "巡检"}
	subjects = []string{"信息中心", "值班人员", "数据库管理员", "网络管理员", "各科室", "系统管理员", "厂商工程师", "服务台", "信息安全管理员", "使用人员",
		"科室信息员", "应用系统管理员", "机房管理员", "信息中心主任"}
	verbs = []string{"应当定期检查%s", "负责维护%s", "及时更新%s", "每日备份%s", "严禁擅自修改%s", "按规定登记%s", "发现%s异常时立即报告", "每月分析%s的运行情况", "做好%s的记录", "统一管理%s",
		"每周核对%s", "按流程审批%s的变更", "定期演练%s的恢复", "逐项验证%s", "集中保管%s"}
	clauses = []string{"确保业务连续运行", "并在工作单中记录处理结果", "必要时报告信息中心主任", "避开门诊业务高峰", "操作前做好数据备份",
		"保证患者信息安全", "由两人共同完成", "处理结果报服务台备案", "按预案转入手工流程", "恢复后通知相关科室"}
	incidents = []string{"停电", "网络中断", "数据库故障", "勒索病毒", "存储故障", "机房空调故障", "服务器宕机", "数据泄露"}
	problems  = []string{"打不开怎么办？", "登录失败怎么办？", "很慢怎么处理？", "报错如何处理？", "如何申请？", "数据不对怎么办？",
		"丢失了怎么办？", "如何修改？", "无法打印怎么办？", "如何查询？", "断开了怎么办？", "需要多久恢复？"}
	posts       = []string{"数据库管理岗", "网络管理岗", "应用系统管理岗", "系统管理岗", "信息安全管理岗", "现场技术支持岗", "调研与实施岗", "技术培训岗", "服务台接听员"}
	approvers   = []string{"医院信息化工作领导小组", "信息中心主任", "分管副院长", "院长办公会"}
	owners      = []string{"信息中心", "信息中心服务台", "信息中心网络组", "信息中心应用组", "信息中心运维组"}
	departments = []string{"院办公室", "医务处", "护理部", "人事处", "财务处", "科研处", "教育处", "设备处", "总务处", "保卫处",
		"门诊部", "急诊科", "心内科", "呼吸内科", "普通外科", "骨科", "妇产科", "儿科", "检验科", "放射科", "药剂科", "病案统计室", "住院处", "信息中心"}
)
