package coverage

import (
	"testing"

	"guifan/generator/schema"
	"guifan/schemas"
)

func TestListItem(t *testing.T) {
	set, _ := schema.Load(schemas.FS)
	listItem := set.Sections.ListItems.Item // the markers are data: schemas/sections.toml [list_items]
	for in, want := range map[string]string{
		"1. 编制五年规划；": "编制五年规划；",
		"12、制定操作规程":  "制定操作规程",
		"- 组织技术培训":   "组织技术培训",
		"（3）编制预算":    "编制预算",
		"(4) 维护信息系统": "维护信息系统",
		"三、负责突发事件应对": "负责突发事件应对",
	} {
		if got, ok := listItem(in); !ok || got != want {
			t.Errorf("listItem(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"信息中心负责五年规划。", "2026 年预算", "三级医院", ""} {
		if got, ok := listItem(in); ok {
			t.Errorf("listItem(%q) = %q: a sentence read as a list item", in, got)
		}
	}
}

func TestDeptKey(t *testing.T) {
	set, _ := schema.Load(schemas.FS)
	deptKey := set.Sections.Departments.Key // the rules are data: schemas/sections.toml [departments]
	same := [][2]string{{"呼吸科", "呼吸内科"}, {"耳鼻喉科", "耳鼻咽喉科"}, {"超声科", "超声医学科"}, {"病理科", "病理诊断科"}, {"消化科", "消化内科"}}
	for _, p := range same {
		if deptKey(p[0]) != deptKey(p[1]) {
			t.Errorf("%s and %s should be the same department", p[0], p[1])
		}
	}
	differ := [][2]string{{"儿科", "儿外科"}, {"心科", "心内科"}, {"普通科", "普通外科"}, {"内科", "外科"}, {"神经科", "神经外科"}}
	for _, p := range differ {
		if deptKey(p[0]) == deptKey(p[1]) {
			t.Errorf("%s and %s must not be taken for the same department", p[0], p[1])
		}
	}
}

func TestStatesAbsence(t *testing.T) {
	set, _ := schema.Load(schemas.FS)
	statesAbsence := set.Sections.StatesAbsence
	for _, v := range []string{"无", "无。", "未设立专门的技术档案室", "暂无", "尚未设立", "没有独立档案室", "None", "N/A"} {
		if !statesAbsence(v) {
			t.Errorf("%q says there is none", v)
		}
	}
	for _, v := range []any{"综合楼四层 415 室技术档案室", "无锡路 3 号档案室", "信息科办公室档案柜", int64(0), ""} {
		if statesAbsence(v) {
			t.Errorf("%v read as a statement that there is none", v)
		}
	}
}

func TestFirstVersion(t *testing.T) {
	set, _ := schema.Load(schemas.FS)
	firstVersion := set.Sections.Versions.IsFirst // the words are data: schemas/sections.toml [versions]
	for _, v := range []string{"", "1", "1.0", "V1.0", "v1", "第1版", "1.0版", "1.0.0"} {
		if !firstVersion(v) {
			t.Errorf("%q is a first version", v)
		}
	}
	for _, v := range []string{"1.3", "2.0", "3.2", "0.3", "11", "1.01"} {
		if firstVersion(v) {
			t.Errorf("%q is not a first version", v)
		}
	}
}
