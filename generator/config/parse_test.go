package config_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"guifan/generator/config"
	"guifan/generator/diag"
)

// diagLine is a diagnostic as "line:col severity code args".
func diagLines(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, fmt.Sprintf("%d:%d %s %s %v", d.Pos.Line, d.Pos.Col, d.Severity, d.Code, d.Args))
	}
	return out
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	h, src, diags := config.Parse([]byte("name = \"测试医院\"\n"))
	if len(diags) != 0 {
		t.Fatalf("a one-line hospital.toml: %v", diagLines(diags))
	}
	if src == nil || src.Name != config.FileName || src.Line(1) != `name = "测试医院"` {
		t.Errorf("source %+v", src)
	}
	if h.Name != "测试医院" || h.Framework != "beijing-2008" || h.Theme != "default" || h.Lang() != "zh-CN" ||
		h.Outputs != nil || !reflect.DeepEqual(h.Languages, []string{"zh-CN"}) {
		t.Errorf("defaults: %+v", h)
	}
	// Each Default is a copy: changing one site's languages changes no other.
	h.Languages[0] = "changed"
	if config.Default().Languages[0] == "changed" {
		t.Error("Default shares its languages list")
	}
	// A silent setting keeps its default even where others are given.
	h, _, _ = config.Parse([]byte("name = \"x\"\noutputs = [\"site\"]\n"))
	if h.Framework != "beijing-2008" || !reflect.DeepEqual(h.Outputs, []string{"site"}) {
		t.Errorf("outputs given: %+v", h)
	}
	if l := (&config.Hospital{}).Lang(); l != "zh-CN" {
		t.Errorf("Lang of no languages = %q", l)
	}
}

func TestParseFull(t *testing.T) {
	t.Parallel()
	raw := `# 医院设置
name = "北京示范医院"
name_en = "Beijing Model Hospital"
short = "示范医院"
level = "三级甲等"
region = "北京市海淀区"
framework = "beijing-2008"
languages = ["zh-CN", "en"]
theme = "default"
departments = ["信息中心", "医务处"]
forms = ["work-order"]
outputs = ["site", "pdf"]
contact = "010-1234"

[fonts]
serif = ["fonts/simsun.ttc#1", "fonts/song.ttf"]
sans = ["fonts/hei.ttf"]
`
	h, _, diags := config.Parse([]byte(raw))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diagLines(diags))
	}
	want := &config.Hospital{
		Name: "北京示范医院", NameEn: "Beijing Model Hospital", Short: "示范医院", Level: "三级甲等",
		Region: "北京市海淀区", Framework: "beijing-2008", Languages: []string{"zh-CN", "en"}, Theme: "default",
		Departments: []string{"信息中心", "医务处"}, Forms: []string{"work-order"}, Outputs: []string{"site", "pdf"},
		Contact: "010-1234",
		Fonts:   config.Fonts{Serif: []string{"fonts/simsun.ttc#1", "fonts/song.ttf"}, Sans: []string{"fonts/hei.ttf"}},
	}
	got := *h
	if fmt.Sprintf("%+v", stripSource(got)) != fmt.Sprintf("%+v", stripSource(*want)) {
		t.Errorf("decoded\n %+v\nwant\n %+v", stripSource(got), stripSource(*want))
	}
	for key, want := range map[string]string{
		"name":                         "2:8",
		"contact":                      "13:11",
		"languages":                    "8:13",
		config.Index("languages", 1):   "8:23",
		config.Index("departments", 1): "10:24",
		"fonts.serif":                  "16:9",
		config.Index("fonts.serif", 1): "16:32",
		config.Index("fonts.sans", 0):  "17:9",
		"no-such-key":                  "1:1",  // an unknown key points at the file's start
		config.Index("languages", 5):   "8:13", // past the list: the list
	} {
		p := h.Pos(key)
		if got := fmt.Sprintf("%d:%d", p.Line, p.Col); got != want || p.File != config.FileName {
			t.Errorf("Pos(%s) = %s:%s, want %s", key, p.File, got, want)
		}
	}
	if l := h.Lang(); l != "zh-CN" {
		t.Errorf("Lang() = %q", l)
	}
}

// stripSource returns the settings without the parsed file, for printing.
func stripSource(h config.Hospital) []any {
	return []any{h.Name, h.NameEn, h.Short, h.Level, h.Region, h.Framework, h.Languages, h.Theme,
		h.Departments, h.Forms, h.Outputs, h.Fonts, h.Contact}
}

func TestParseProblems(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, raw string
		want      []string // "line:col severity code args"
	}{
		{"empty file: name is required", "", []string{"1:1 error config.required [name]"}},
		{"blank name", "name = \"  \"\n", []string{"1:8 error config.required [name]"}},
		{
			"unknown key with a suggestion; the rest is still checked (outputs are build's)",
			"name = \"x\"\nlangauges = [\"fr\"]\nlanguages = [\"fr\"]\n",
			[]string{
				"2:1 error config.unknown [langauges {hint.did-you-mean [languages]}]",
				"3:14 error config.language [fr zh-CN, en]",
			},
		},
		{"unknown key, nothing close", "name = \"x\"\nlogo = \"x.png\"\n", []string{"2:1 error config.unknown [logo { []}]"}},
		{"unknown key in [fonts]", "name = \"x\"\n[fonts]\nsarif = [\"a.ttf\"]\n", []string{"3:1 error config.unknown [fonts.sarif {hint.did-you-mean [fonts.serif]}]"}},
		{"wrong type stops the checks", "languages = \"zh-CN\"\n", []string{"1:13 error config.type [languages]"}},
		{"number for a string", "name = 12\n", []string{"1:8 error config.type [name]"}},
		{
			"unknown language at its entry; outputs are checked by build, against its table",
			"name = \"x\"\nlanguages = [\"zh-CN\", \"fr\"]\noutputs = [\"word\"]\n",
			[]string{
				"2:23 error config.language [fr zh-CN, en]",
			},
		},
		{
			"a department twice is a warning at the second",
			"name = \"x\"\ndepartments = [\"信息中心\", \"医务处\", \"信息中心\"]\n",
			[]string{"2:31 warning config.duplicate-department [信息中心]"},
		},
		{"syntax error: nothing else is checked", "name = \"x\nlevel = 1\n", []string{"toml.syntax"}},
		{"duplicate key is a syntax error", "name = \"x\"\nname = \"y\"\n", []string{"toml.syntax"}},
		{"UTF-16 is not read", "\xff\xfen\x00a\x00", []string{"file."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h, _, diags := config.Parse([]byte(c.raw))
			if h == nil {
				t.Fatal("no settings")
			}
			got := diagLines(diags)
			if len(got) != len(c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			for i, w := range c.want {
				// A bare code (no position) matches by code prefix only:
				// the syntax messages are the TOML scanner's to word.
				if !strings.Contains(w, " ") {
					if !strings.HasPrefix(diags[i].Code, w) {
						t.Errorf("diagnostic %d: %s, want code %s", i, got[i], w)
					}
					continue
				}
				if got[i] != w {
					t.Errorf("diagnostic %d:\n got %s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

func TestFontFileAndIndex(t *testing.T) {
	t.Parallel()
	for spec, want := range map[string]string{
		"fonts/simsun.ttc#1": "fonts/simsun.ttc",
		"fonts/song.ttf":     "fonts/song.ttf",
		"fonts/a#b.ttc#2":    "fonts/a#b.ttc",
		"#1":                 "#1", // no file before the face: the spec is the name
		"":                   "",
	} {
		if got := config.FontFile(spec); got != want {
			t.Errorf("FontFile(%q) = %q, want %q", spec, got, want)
		}
	}
	if got := config.Index("fonts.serif", 0); got != "fonts.serif[0]" {
		t.Errorf("Index = %q", got)
	}
	if !slices.Contains(config.BuiltinLanguages(), "zh-CN") || !slices.Contains(config.BuiltinLanguages(), "en") {
		t.Errorf("BuiltinLanguages = %v", config.BuiltinLanguages())
	}
}
