package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"guifan/generator/schema"
	"guifan/schemas"
)

// The tests below hold what a hospital starting from nothing gets:
// guifan init writes a draft of every document the framework requires,
// none of them counts until it is filled in and approved, and filling one
// in turns its requirement met.

const skeletonAsOf = "2026-11-25"

// initSkeleton runs guifan init into a new folder and returns it.
func initSkeleton(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "h")
	if out := runCapture([]string{"--lang", "zh-CN", "init", dir, "--name", "测试医院"}); !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("init:\n%s", out)
	}
	return dir
}

type skeletonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// checkJSON runs guifan check --format json on dir.
func checkJSON(t *testing.T, dir string) (int, []skeletonDiag) {
	t.Helper()
	return checkJSONAsOf(t, dir, skeletonAsOf)
}

func checkJSONAsOf(t *testing.T, dir, asOf string) (int, []skeletonDiag) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"--lang", "zh-CN", "check", "--format", "json", "--as-of", asOf, dir}, &stdout, &stderr)
	var diags []skeletonDiag
	if err := json.Unmarshal(stdout.Bytes(), &diags); err != nil {
		t.Fatalf("check --format json: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	return code, diags
}

type skeletonReport struct {
	Summary struct {
		Met     int `json:"met"`
		Partial int `json:"partial"`
	} `json:"summary"`
	Articles []struct {
		Number       int    `json:"number"`
		Status       string `json:"status"`
		Requirements []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
			Gap    string `json:"gap"`
		} `json:"requirements"`
	} `json:"articles"`
	Next []struct {
		ID       string `json:"id"`
		Path     string `json:"path"`
		Articles []int  `json:"articles"`
	} `json:"next"`
}

// reportJSON runs guifan report --format json on dir.
func reportJSON(t *testing.T, dir string) skeletonReport {
	t.Helper()
	var stdout, stderr bytes.Buffer
	run([]string{"--lang", "zh-CN", "report", "--format", "json", "--as-of", skeletonAsOf, dir}, &stdout, &stderr)
	var rep skeletonReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Articles) == 0 {
		t.Fatalf("report --format json: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	return rep
}

// requirementStatus is the verdict of requirement id in rep, with its gap.
func (rep skeletonReport) requirementStatus(id string) (string, string) {
	for _, a := range rep.Articles {
		for _, q := range a.Requirements {
			if q.ID == id {
				return q.Status, q.Gap
			}
		}
	}
	return "", ""
}

// TestInitSkeleton: a new site holds a draft of every document the
// framework asks for, read from its list requirements (a job duty per
// post, a regulation per kind, a procedure per kind); check passes with
// only placeholder warnings, one at least in every draft with sections;
// the report meets nothing and lists every draft to write, those that
// unlock most articles first.
func TestInitSkeleton(t *testing.T) {
	t.Parallel()
	dir := initSkeleton(t)

	set, errs := schema.Load(schemas.FS)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fw := set.Frameworks[set.FrameworkIDs()[0]]
	lists := 0
	for _, a := range fw.Articles {
		for _, r := range a.Requirements {
			tp := set.Types[r.Type]
			if r.Kind != schema.KindList || tp == nil || tp.Record || strings.Contains(r.Field, ".") || len(r.Where) > 0 {
				continue
			}
			f := tp.Field(r.Field)
			if f == nil || f.Type != "enum" {
				continue
			}
			lists++
			for _, it := range r.Items {
				want := fmt.Sprintf("%s = %q", r.Field, it.ID)
				if !draftWith(t, filepath.Join(dir, "content", tp.Dir), want, "") {
					t.Errorf("requirement %s: no draft %s in content/%s", r.ID, want, tp.Dir)
				}
			}
		}
	}
	if lists < 3 {
		t.Errorf("only %d list requirements name a kind of document; the framework has posts, regulations and procedures", lists)
	}

	code, diags := checkJSON(t, dir)
	if code != 0 {
		t.Fatalf("check of a new site exits %d: %v", code, diags)
	}
	warned := map[string]bool{}
	for _, d := range diags {
		if d.Code != "section.placeholder" || d.Severity != "warning" {
			t.Errorf("check of a new site: %s %s at %s:%d: %s (only placeholder warnings expected)", d.Severity, d.Code, d.File, d.Line, d.Message)
		}
		warned[d.File] = true
	}
	drafts := 0
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		drafts++
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if !strings.Contains(string(data), `status = "draft"`) {
			t.Errorf("%s is not a draft", rel)
		}
		// The to-do list names each draft: by its kind or type, not a placeholder.
		if m := regexp.MustCompile(`(?m)^title = "([^"]*)"`).FindStringSubmatch(string(data)); m == nil || strings.Contains(m[1], "请填写") {
			t.Errorf("%s has no title of its own: %v", rel, m)
		}
		if strings.Contains(string(data), "\n## ") && !warned[rel] {
			t.Errorf("%s has sections but no placeholder warning", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each type with drafting guidance in its schema has it in its drafts,
	// the document's and every section's.
	for _, n := range set.TypeNames() {
		tp := set.Types[n]
		if tp.Record || tp.Guide.In("zh-CN") == "" {
			continue
		}
		guides := []string{tp.Guide.In("zh-CN")}
		for _, s := range tp.Sections {
			if g := s.Guide.In("zh-CN"); g != "" {
				guides = append(guides, g)
			}
		}
		for _, g := range guides {
			if !draftWith(t, filepath.Join(dir, "content", tp.Dir), "> 编写提示", g) {
				t.Errorf("no %s draft has the guidance %q", n, g)
			}
		}
	}
	// A value's own guidance (a post's model duties, appendix 3) is in
	// the draft for that value, under its section's heading.
	models := 0
	for _, n := range set.TypeNames() {
		tp := set.Types[n]
		for _, f := range tp.Fields {
			for _, v := range f.Values {
				g := v.Guide.In("zh-CN")
				if g == "" {
					continue
				}
				models++
				heading := "## " + tp.Section(v.Section).Label.In("zh-CN")
				files, _ := filepath.Glob(filepath.Join(dir, "content", tp.Dir, "*.md"))
				found := false
				for _, file := range files {
					data, _ := os.ReadFile(file)
					text := string(data)
					if !strings.Contains(text, fmt.Sprintf("\n%s = %q", f.Name, v.Value)) {
						continue
					}
					at := strings.Index(text, heading+"\n")
					if at < 0 {
						t.Errorf("%s: no heading %s", file, heading)
						continue
					}
					under := text[at+len(heading):]
					if next := strings.Index(under, "\n## "); next >= 0 {
						under = under[:next]
					}
					found = strings.Contains(under, "> 编写提示") && strings.Contains(under, g)
				}
				if !found {
					t.Errorf("no %s draft with %s = %q has its model under %s", n, f.Name, v.Value, heading)
				}
			}
		}
	}
	if models < 6 {
		t.Errorf("%d values have a model; the job duties have six (appendix 3)", models)
	}
	if drafts < 20 {
		t.Errorf("init wrote %d drafts; the framework asks for more than 20 documents", drafts)
	}

	rep := reportJSON(t, dir)
	if rep.Summary.Met != 0 || rep.Summary.Partial != 0 {
		t.Errorf("a new site: %d articles met, %d partial; want none", rep.Summary.Met, rep.Summary.Partial)
	}
	for _, a := range rep.Articles {
		for _, q := range a.Requirements {
			if q.Status == "met" || q.Status == "partial" {
				t.Errorf("requirement %s is %s on a site of untouched drafts", q.ID, q.Status)
			}
		}
	}
	if len(rep.Next) < drafts-2 {
		t.Errorf("the report lists %d documents to write next; the site has %d drafts", len(rep.Next), drafts)
	}
	for i := 1; i < len(rep.Next); i++ {
		if len(rep.Next[i].Articles) > len(rep.Next[i-1].Articles) {
			t.Errorf("next: %s (%d articles) after %s (%d)", rep.Next[i].ID, len(rep.Next[i].Articles), rep.Next[i-1].ID, len(rep.Next[i-1].Articles))
		}
	}
}

// draftWith reports whether a document in folder has a line that begins
// with want and holds also.
func draftWith(t *testing.T, folder, want, also string) bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(folder, "*.md"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, want) && strings.Contains(line, also) {
				return true
			}
		}
	}
	return false
}

// fillCase is a skeleton draft filled in as a hospital would, and the
// requirements it then meets.
type fillCase struct {
	name string
	file string   // under content/
	meet []string // requirement ids met once it is filled and approved
	// keys are front-matter lines added after articles (TOML keys);
	// tables are appended to the front matter; replace edits it first.
	keys, tables string
	replace      map[string]string
	body         string // appended to the body
	// guidanceOnly leaves the guidance and deletes the placeholders: the
	// sections then hold nothing that counts, and meet must not be met.
	guidanceOnly bool
}

// TestFillSkeleton fills in and approves one draft of each kind a new site
// holds, with substance written here, and checks that its requirements
// turn met, and were not before.
func TestFillSkeleton(t *testing.T) {
	t.Parallel()
	base := initSkeleton(t)
	before := reportJSON(t, base)

	set, errs := schema.Load(schemas.FS)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var terms strings.Builder
	for _, a := range set.Frameworks[set.FrameworkIDs()[0]].Articles {
		for _, r := range a.Requirements {
			if r.ID != "5.terms" {
				continue
			}
			for _, it := range r.Items {
				fmt.Fprintf(&terms, "[[terms]]\nterm = %q\nen = %q\ndefinition = %q\n\n", it.Label.In("zh-CN"), it.Label.In("en"),
					"本院信息系统管理中所称的“"+it.Label.In("zh-CN")+"”，按《北京地区医院信息系统基础设施建设指南》的定义理解和执行。")
			}
		}
	}
	var faq strings.Builder
	for i, q := range []string{"打印机卡纸", "电脑无法开机", "忘记系统密码", "网络连接中断", "医嘱系统卡顿", "扫码枪无反应", "显示器没有信号", "报表导出失败", "新员工开通账号", "外网无法访问"} {
		fmt.Fprintf(&faq, "\n## %s怎么办？\n\n第%d种情况：先记下出现问题的时间和电脑编号，按提示重启一次；仍未恢复时拨打服务台电话 8000，说明科室、位置和现象，由现场技术支持岗在三十分钟内到场处理。\n", q, i+1)
	}
	cases := []fillCase{
		{name: "regulation", file: "regulations/regulation-change.md", meet: []string{"40.change-window"}},
		{name: "job duty", file: "duties/job-duty-dba.md", meet: []string{"24.criteria"}},
		{name: "procedure", file: "procedures/procedure-database.md", meet: []string{"38.parts"}},
		{name: "emergency plan", file: "emergency/emergency-plan.md", meet: []string{"45.activation", "43.system"}},
		{name: "five-year plan", file: "plans/five-year-plan-2026-2030.md", meet: []string{"14.five-year", "15.contents", "15.approval"}},
		{name: "annual plan", file: "plans/annual-plan-2026.md", meet: []string{"14.annual", "16.approval"}},
		{name: "service desk", file: "service/service-desk.md", meet: []string{"4.itil", "29.problem"}},
		{name: "faq", file: "faq/faq.md", meet: []string{"31.faq"}, body: faq.String()},
		{name: "glossary", file: "glossary/glossary.md", meet: []string{"5.terms"}, tables: terms.String(),
			replace: map[string]string{"[[terms]]\n": "# [[terms]]\n", "term = \"（": "# term = \"（", "en = \"（": "# en = \"（", "definition = \"（": "# definition = \"（", "aliases = []": "# aliases = []"}},
		{name: "register", file: "registers/asset-register.md", meet: []string{"34.archive"}, keys: "archive_room = \"行政楼三层 305 室\"\narchive_keeper = \"信息中心 王敏\"\n"},
		{name: "guidance alone", file: "plans/five-year-plan-2026-2030.md", meet: []string{"15.contents"}, guidanceOnly: true},
		{name: "organisation", file: "organisation/organisation.md", meet: []string{"6.organisation"}},
		{name: "risk assessment", file: "risk/risk-assessment.md", meet: []string{"20.risk"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			for _, id := range c.meet {
				if st, _ := before.requirementStatus(id); st == "" || st == "met" {
					t.Fatalf("requirement %s is %q before the draft is filled in", id, st)
				}
			}
			dir := filepath.Join(t.TempDir(), "h")
			if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "content", filepath.FromSlash(c.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			filled := fillDraft(t, string(data), c)
			if err := os.WriteFile(path, []byte(filled), 0o644); err != nil {
				t.Fatal(err)
			}
			code, diags := checkJSON(t, dir)
			if code != 0 {
				t.Fatalf("check exits %d after filling %s: %v", code, c.file, diags)
			}
			for _, d := range diags {
				if d.File == "content/"+c.file && !c.guidanceOnly {
					t.Errorf("the filled draft still has %s at line %d: %s\n%s", d.Code, d.Line, d.Message, filled)
				}
			}
			rep := reportJSON(t, dir)
			if c.guidanceOnly {
				warned := 0
				for _, d := range diags {
					if d.File == "content/"+c.file && d.Code == "section.placeholder" {
						warned++
					}
				}
				if warned == 0 {
					t.Errorf("sections holding only guidance are not warned about")
				}
				for _, id := range c.meet {
					if st, _ := rep.requirementStatus(id); st == "met" || st == "partial" {
						t.Errorf("requirement %s is %s with sections holding only guidance", id, st)
					}
				}
				return
			}
			for _, id := range c.meet {
				if st, gap := rep.requirementStatus(id); st != "met" {
					t.Errorf("requirement %s is %s after filling and approving %s: %s", id, st, c.file, gap)
				}
			}
		})
	}
}

var placeholderTitle = regexp.MustCompile(`（请填写(.*)标题）`)

// fillDraft fills in a skeleton draft: approved and in force, a title,
// every section's guidance replaced by text of its own, and the case's
// front-matter edits.
func fillDraft(t *testing.T, text string, c fillCase) string {
	t.Helper()
	parts := strings.SplitN(text, "+++\n", 3)
	if len(parts) != 3 {
		t.Fatalf("%s: no front matter", c.file)
	}
	fm, body := parts[1], parts[2]
	for old, repl := range c.replace {
		if !strings.Contains(fm, old) {
			t.Fatalf("%s: no %q to replace", c.file, old)
		}
		fm = strings.ReplaceAll(fm, old, repl)
	}
	fm = placeholderTitle.ReplaceAllString(fm, "测试医院${1}")
	body = placeholderTitle.ReplaceAllString(body, "测试医院${1}")
	edits := []struct{ old, repl string }{
		{`status = "draft"`, `status = "in_force"`},
		{"# effective = ", "effective = "},
		{`# approved_by = "（请填写批准机构/人）"`, `approved_by = "信息化工作领导小组"`},
		{"# approved_on = ", "approved_on = "},
		{"# review_by = ", "review_by = "},
	}
	for _, e := range edits {
		if !strings.Contains(fm, e.old) {
			t.Fatalf("%s: the draft has no %q", c.file, e.old)
		}
		fm = strings.Replace(fm, e.old, e.repl, 1)
	}
	// Approved and effective before the assessment date.
	fm = regexp.MustCompile(`(?m)^(effective|approved_on) = \d{4}-\d{2}-\d{2}`).ReplaceAllString(fm, "$1 = 2026-01-15")
	if c.keys != "" {
		at := strings.Index(fm, "\narticles = ")
		end := at + 1 + strings.Index(fm[at+1:], "\n") + 1
		fm = fm[:end] + c.keys + fm[end:]
	}
	fm += "\n" + c.tables
	var out []string
	heading := ""
	for _, line := range strings.Split(body, "\n") {
		switch {
		case strings.HasPrefix(line, ">") && !c.guidanceOnly:
			continue
		case line == "（请填写本节内容。）" && c.guidanceOnly:
			continue
		case strings.HasPrefix(line, "## "):
			heading = strings.TrimPrefix(line, "## ")
		case line == "（请填写本节内容。）":
			line = fmt.Sprintf("本院关于%s的规定：由信息中心负责组织落实，每月检查一次执行情况，检查结果记入工作记录，发现问题在五个工作日内整改并向主管院领导报告（%s）。", heading, c.name)
		}
		out = append(out, line)
	}
	return "+++\n" + fm + "+++\n" + strings.Join(out, "\n") + c.body
}

// TestNewEveryType writes a draft of every type in schemas/types into a
// new site; check passes with placeholder warnings only, and new --list
// names every type in Chinese.
func TestNewEveryType(t *testing.T) {
	t.Parallel()
	dir := initSkeleton(t)
	set, errs := schema.Load(schemas.FS)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	names := set.TypeNames()
	if len(names) < 10 {
		t.Fatalf("schemas/types has %d types", len(names))
	}
	for _, n := range names {
		if out := runCapture([]string{"--lang", "zh-CN", "new", n, "new-" + n, dir}); !strings.HasPrefix(out, "exit 0") {
			t.Errorf("new %s:\n%s", n, out)
		}
	}
	// Records are dated today: assessed today, they count.
	code, diags := checkJSONAsOf(t, dir, time.Now().Format("2006-01-02"))
	if code != 0 {
		t.Fatalf("check exits %d: %v", code, diags)
	}
	for _, d := range diags {
		if d.Code != "section.placeholder" {
			t.Errorf("%s %s at %s:%d: %s (only placeholder warnings expected)", d.Severity, d.Code, d.File, d.Line, d.Message)
		}
	}
	for _, n := range names {
		if !draftWith(t, filepath.Join(dir, "content", set.Types[n].Dir), `id = "new-`+n+`"`, "") {
			t.Errorf("new %s wrote no document in content/%s", n, set.Types[n].Dir)
		}
	}
	out := runCapture([]string{"--lang", "zh-CN", "new", "--list", dir})
	if !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("new --list:\n%s", out)
	}
	for _, n := range names {
		tp := set.Types[n]
		if !regexp.MustCompile(`(?m)^.*\b` + regexp.QuoteMeta(n) + `\b.*` + regexp.QuoteMeta(tp.Label.In("zh-CN")) + `.*$`).MatchString(out) {
			t.Errorf("new --list has no line with %s and %s:\n%s", n, tp.Label.In("zh-CN"), out)
		}
	}
}

// TestNewYears: the years of a plan follow its id, or --term; a term of
// one year ends four years on; placeholder review dates are a year ahead,
// not due the day they are uncommented; the drafting steps start in order.
func TestNewYears(t *testing.T) {
	t.Parallel()
	dir := initSkeleton(t)
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"five-year-plan", "plan-2027-2031"}, []string{"term_start = 2027", "term_end = 2031"}},
		{[]string{"five-year-plan", "plan-2032"}, []string{"term_start = 2032", "term_end = 2036"}},
		{[]string{"--term", "2028-2032", "five-year-plan", "plan-next"}, []string{"term_start = 2028", "term_end = 2032"}},
		{[]string{"--term", "2041", "five-year-plan", "plan-later"}, []string{"term_start = 2041", "term_end = 2045"}},
		{[]string{"annual-plan", "plan-2027"}, []string{"year = 2027"}},
		{[]string{"--term", "2029", "annual-plan", "plan-this-year"}, []string{"year = 2029"}},
	}
	for _, c := range cases {
		args := append([]string{"--lang", "zh-CN", "new"}, c.args...)
		out := runCapture(append(args, dir))
		if !strings.HasPrefix(out, "exit 0") {
			t.Errorf("new %v:\n%s", c.args, out)
			continue
		}
		id := c.args[len(c.args)-1]
		data, err := os.ReadFile(filepath.Join(dir, "content", "plans", id+".md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(w) + `\b`).Match(data) {
				t.Errorf("new %v: no %q in\n%s", c.args, w, data)
			}
		}
		m := regexp.MustCompile(`(?m)^# review_by = (\d{4}-\d{2}-\d{2})`).FindSubmatch(data)
		if m == nil {
			t.Errorf("new %v: no placeholder review date", c.args)
		} else if today := time.Now().Format("2006-01-02"); string(m[1]) <= today {
			t.Errorf("new %v: review date %s is not after today (%s)", c.args, m[1], today)
		}
	}
	if out := runCapture([]string{"--lang", "zh-CN", "new", "--term", "2031-2027", "five-year-plan", "plan-bad", dir}); !strings.HasPrefix(out, "exit 2") {
		t.Errorf("a term that ends before it starts:\n%s", out)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content", "plans", "plan-2027-2031.md"))
	steps := regexp.MustCompile(`(?m)^(?:# )?step = "([a-z-]+)"`).FindAllSubmatch(data, -1)
	if len(steps) != 5 {
		t.Errorf("the draft has %d drafting steps; want the five", len(steps))
	}
	set, _ := schema.Load(schemas.FS)
	for _, f := range set.Types["five-year-plan"].Fields {
		if f.Name != "drafting" {
			continue
		}
		for _, c := range f.Columns {
			if c.Name == "step" {
				for i, v := range c.Values {
					if i < len(steps) && string(steps[i][1]) != v.Value {
						t.Errorf("drafting step %d is %s; want %s", i+1, steps[i][1], v.Value)
					}
				}
			}
		}
	}
}

// TestSkeletonSiteNext: the site of a new hospital shows on its report
// page what to write next, in the report's order, each linked to its
// draft's page.
func TestSkeletonSiteNext(t *testing.T) {
	t.Parallel()
	dir := initSkeleton(t)
	rep := reportJSON(t, dir)
	out := filepath.Join(t.TempDir(), "out")
	if res := runCapture([]string{"--lang", "zh-CN", "build", "--quiet", "--as-of", skeletonAsOf, "--only", "site", "-o", out, dir}); !strings.HasPrefix(res, "exit 0") {
		t.Fatalf("build:\n%s", res)
	}
	page, err := os.ReadFile(filepath.Join(out, "site", "report", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	at := strings.Index(html, "接下来写什么")
	if at < 0 || len(rep.Next) == 0 {
		t.Fatalf("the report page has no list of what to write next (%d in the report)", len(rep.Next))
	}
	list := html[at:]
	list = list[:strings.Index(list, "</ol>")]
	rank := map[string]int{}
	for i, n := range rep.Next {
		rank[n.ID] = i + 1
	}
	links := regexp.MustCompile(`href="\.\./docs/([^/"]+)\.html"`).FindAllStringSubmatch(list, -1)
	// The site names public documents only (the register is internal).
	if len(links) < len(rep.Next)/2 || links[0][1] != rep.Next[0].ID {
		t.Errorf("the report page lists %d drafts to write next, first %v; the report %d, first %s", len(links), links[:min(1, len(links))], len(rep.Next), rep.Next[0].ID)
	}
	prev := 0
	for _, l := range links {
		r := rank[l[1]]
		if r <= prev {
			t.Errorf("next: %s (rank %d) is listed after rank %d", l[1], r, prev)
		}
		prev = r
	}
}

// TestOutlineLinksLand: the five-year-plan list page shows appendix 1's
// outline with, per section, a link to the plan's heading for it
// (markdown.Slug of the heading); every such link lands on exactly one
// heading anchor of the demo plan's page.
func TestOutlineLinksLand(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	if res := runCapture([]string{"--lang", "zh-CN", "build", "--quiet", "--as-of", skeletonAsOf, "--only", "site", "-o", out, filepath.Join("..", "..", "..")}); !strings.HasPrefix(res, "exit 0") {
		t.Fatalf("build of the demo:\n%s", res)
	}
	list := filepath.Join(out, "site", "types", "five-year-plan")
	page, err := os.ReadFile(filepath.Join(list, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	at := strings.Index(html, `class="plan-outline"`)
	if at < 0 {
		t.Fatal("the five-year-plan list page has no outline")
	}
	html = html[at:]
	html = html[:strings.Index(html, "</section>")]
	links := regexp.MustCompile(`<a href="([^"#]+)#([^"]+)"`).FindAllStringSubmatch(html, -1)
	if len(links) < 5 {
		t.Fatalf("the outline links %d sections to the plan; the demo plan covers them all:\n%s", len(links), html)
	}
	for _, l := range links {
		frag, err := url.PathUnescape(l[2])
		if err != nil {
			t.Errorf("link %s#%s: %v", l[1], l[2], err)
			continue
		}
		target, err := os.ReadFile(filepath.Join(list, filepath.FromSlash(l[1])))
		if err != nil {
			t.Errorf("link %s: %v", l[1], err)
			continue
		}
		if n := strings.Count(string(target), `id="`+frag+`"`); n != 1 {
			t.Errorf("link %s#%s: %d headings with id %q on the page", l[1], l[2], n, frag)
		}
	}
}

// TestNewPost: guifan new job-duty takes the post from --post (its value
// or an alias) or from the id, and then writes the same guidance, the
// post's model duties, that init's draft of that post carries; --post
// overrides the id; an unknown post, or --post on a type without a post,
// is refused (exit 2) and writes nothing; the drafts pass check.
func TestNewPost(t *testing.T) {
	t.Parallel()
	dir := initSkeleton(t)
	set, _ := schema.Load(schemas.FS)
	post := set.Types["job-duty"].Field("post")
	guides := func(data []byte) []string {
		return regexp.MustCompile(`(?m)^> .*$`).FindAllString(string(data), -1)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"job-duty", "duty-onsite-support"}, "onsite-support"},
		{[]string{"job-duty", "岗位-网络管理岗"}, "network"},
		{[]string{"--post", "数据库管理岗", "job-duty", "duty-a"}, "dba"},
		{[]string{"--post", "security", "job-duty", "duty-system-b"}, "security"},
	}
	for _, c := range cases {
		out := runCapture(append(append([]string{"--lang", "zh-CN", "new"}, c.args...), dir))
		if !strings.HasPrefix(out, "exit 0") {
			t.Errorf("new %v:\n%s", c.args, out)
			continue
		}
		id := c.args[len(c.args)-1]
		data, err := os.ReadFile(filepath.Join(dir, "content", "duties", id+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^post = "` + c.want + `"`).Match(data) {
			t.Errorf("new %v: the draft's post is not %s:\n%s", c.args, c.want, data)
		}
		ev, _ := post.Lookup(c.want)
		model := strings.Fields(ev.Guide.In("zh-CN"))[0]
		if !strings.Contains(string(data), model) {
			t.Errorf("new %v: the draft lacks %s's model duties", c.args, c.want)
		}
		initDraft, err := os.ReadFile(filepath.Join(dir, "content", "duties", "job-duty-"+c.want+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := guides(data), guides(initDraft); !slices.Equal(got, want) {
			t.Errorf("new %v: guidance\n%s\nwant init's\n%s", c.args, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	for _, c := range []struct {
		args []string
		say  []string // what the message names
	}{
		{[]string{"--post", "nurse", "job-duty", "duty-nurse"}, []string{"nurse", "dba（数据库管理岗）"}},
		{[]string{"--post", "dba", "regulation", "reg-dba"}, []string{"regulation", "post"}},
	} {
		args := c.args
		out := runCapture(append(append([]string{"--lang", "zh-CN", "new"}, args...), dir))
		if !strings.HasPrefix(out, "exit 2") {
			t.Errorf("new %v: want exit 2:\n%s", args, out)
		}
		for _, w := range c.say {
			if !strings.Contains(out, w) {
				t.Errorf("new %v: the message does not name %s:\n%s", args, w, out)
			}
		}
		id := args[len(args)-1]
		if m, _ := filepath.Glob(filepath.Join(dir, "content", "*", id+".*")); len(m) > 0 {
			t.Errorf("new %v wrote %v", args, m)
		}
	}
	if out := runCapture([]string{"--lang", "zh-CN", "check", dir}); !strings.HasPrefix(out, "exit 0") {
		t.Errorf("check after new job-duty:\n%s", out)
	}
}
