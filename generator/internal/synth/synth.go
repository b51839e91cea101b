// Package synth makes a synthetic corpus of hospital-IT documents for
// benchmarks. Only tests import it (a test of this package checks), so it
// is not part of the program.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"guifan/generator/search"
)

// Entries makes n search entries of realistic hospital-IT Chinese text, the same
// for the same seed, for benchmarks at sizes a real hospital may reach
// (10,000 documents). Words are drawn with a skewed frequency so that, as in
// real text, a few terms are everywhere and most are rare.
func Entries(n int, seed uint64) []search.Entry {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(list []string) string {
		// Zipf-like: earlier words are more frequent.
		i := int(float64(len(list)) * r.Float64() * r.Float64())
		return list[i]
	}
	types := []string{"regulation", "procedure", "job-duty", "emergency-plan", "faq", "record"}
	out := make([]search.Entry, 0, n)
	for i := 0; i < n; i++ {
		sys := pick(synthSystems)
		title := fmt.Sprintf("%s%s%s", sys, pick(synthObjects), pick(synthKinds))
		var heads []string
		var body strings.Builder
		for s := 0; s < 3+r.IntN(5); s++ {
			h := fmt.Sprintf("第%d章 %s%s", s+1, pick(synthObjects), pick(synthSections))
			heads = append(heads, h)
			for p := 0; p < 1+r.IntN(3); p++ {
				for k := 0; k < 2+r.IntN(4); k++ {
					body.WriteString(pick(synthSubjects))
					body.WriteString(pick(synthVerbs))
					body.WriteString(pick(synthSystems))
					body.WriteString(pick(synthObjects))
					if r.IntN(6) == 0 {
						fmt.Fprintf(&body, "，时限%d分钟", 5*(1+r.IntN(36)))
					}
					body.WriteString(pick(synthPunct))
				}
				body.WriteString("\n")
			}
		}
		out = append(out, search.Entry{
			Doc: fmt.Sprintf("doc-%05d", i), URL: fmt.Sprintf("docs/doc-%05d.html", i),
			Title: title, Type: types[r.IntN(len(types))], Headings: heads,
			Keywords: []string{fmt.Sprintf("BJSF-%04d", i), sys}, Body: body.String(),
		})
	}
	return out
}

var (
	synthSystems = []string{"HIS", "电子病历", "LIS", "PACS", "数据库", "机房", "网络", "服务器", "存储", "UPS", "门诊", "住院", "手术麻醉", "医保接口",
		"合理用药", "护理", "病案", "财务", "物资", "OA", "VPN", "无线网络", "防火墙", "堡垒机", "备份", "虚拟化平台", "核心交换机", "终端", "打印机", "自助机",
		"CA 认证", "集成平台", "数据中心", "体检", "心电", "超声", "内镜", "输血", "院感", "随访", "预约挂号", "叫号", "排队", "短信", "统一身份认证"}
	synthObjects = []string{"系统", "设备", "数据", "账号", "权限", "配置", "日志", "补丁", "接口", "字典", "报表", "用户", "密码", "证书", "链路", "端口",
		"电源", "空调", "温湿度", "机柜", "磁带", "镜像", "版本", "脚本", "参数", "告警", "工单", "变更", "故障", "巡检"}
	synthKinds    = []string{"管理制度", "操作规程", "应急预案", "维护规程", "安全规定", "管理办法", "岗位职责", "使用须知", "检查记录", "常见问题"}
	synthSections = []string{"总则", "职责", "管理要求", "操作步骤", "异常处理", "环境要求", "检查与考核", "附则", "适用范围", "处置流程"}
	synthSubjects = []string{"信息中心", "值班人员", "数据库管理员", "网络管理员", "各科室", "系统管理员", "厂商工程师", "服务台", "信息安全管理员", "使用人员"}
	synthVerbs    = []string{"应当定期检查", "负责维护", "及时更新", "每日备份", "严禁擅自修改", "按规定登记", "发现异常立即报告", "每月分析", "做好记录", "统一管理"}
	synthPunct    = []string{"。", "；", "，", "。"}
)
