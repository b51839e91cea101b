package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// TestGapsNameRealGaps: every section a gap of the demo or the community
// example says a document lacks (or has empty) is really so, judged from
// the document's own text rather than by the matcher: no heading, and no
// emphasised lead-in ("**正常反应**：", "正常反应："), names the section by
// its label or any of its match words, and no heading is tagged with it;
// a section called empty has a heading but less than the section's
// minimum of text under it.
func TestGapsNameRealGaps(t *testing.T) {
	for _, dir := range []string{filepath.Join("..", ".."), filepath.Join("..", "..", "examples", "community-hospital")} {
		site := load(t, dir)
		n := checkGaps(t, site, assess(t, site, asOf), dir)
		t.Logf("%s: %d gap items checked", dir, n)
	}
	// The probes' sites hold many more gaps: check them too.
	files, _ := filepath.Glob(filepath.Join("..", "coverage", "testdata", "probes", "*.txtar"))
	all, err := bases()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parseProbe(string(data))
		if err != nil || all[p.base] == nil {
			continue
		}
		site, _, err := build.Load(p.site(all[p.base], true))
		if err != nil || site == nil {
			continue
		}
		m, _ := site.Assess(p.asOf)
		if m == nil {
			continue
		}
		total += checkGaps(t, site, m, filepath.Base(file))
	}
	t.Logf("probes: %d gap items checked", total)
	if total == 0 {
		t.Error("no gap of the probes named a section")
	}
}

// checkGaps checks every gap about missing or empty sections of m.
func checkGaps(t *testing.T, site *build.Site, m *coverage.Matrix, where string) int {
	t.Helper()
	byID := map[string]*model.Document{}
	for _, d := range site.Project.Docs {
		byID[d.ID] = d
	}
	checked := 0
	for _, a := range m.Articles {
		for _, res := range a.Requirements {
			r := res.Requirement
			for _, g := range res.Gaps {
				var docs []*model.Document
				var labels diag.Items
				switch g.Key {
				case "gap.sections", "gap.sections-empty", "gap.searched-sections":
					docs = []*model.Document{byID[g.Args[0].(coverage.DocRef).ID]}
					labels = g.Args[1].(diag.Items)
				case "gap.parts", "gap.searched-none", "gap.searched-parts":
					for _, d := range site.Project.Docs {
						// Documents that count: in force, and saying something
						// (a document of headings only is set aside whole).
						if has(r.DocTypes(), d.Type) && d.String("status") == "in_force" && matchesKind(d, r.Where) && !hollowText(d) {
							docs = append(docs, d)
						}
					}
					if g.Key == "gap.parts" {
						labels = g.Args[0].(diag.Items)
					} else {
						labels = g.Args[1].(diag.Items)
					}
				default:
					continue
				}
				for _, d := range docs {
					if d == nil {
						t.Errorf("%s %s: a gap names a document that does not exist: %v", where, r.ID, g.Args)
						continue
					}
					for _, it := range labels.Items {
						label, ok := it.(schema.Text)
						if !ok {
							continue
						}
						sec := sectionByLabel(site.Schemas, d.Type, label)
						if sec == nil {
							continue // a field, not a section
						}
						checked++
						for _, p := range lacks(d, sec, g.Key == "gap.sections-empty", r.ID) {
							t.Error(where + ": " + p)
						}
					}
				}
			}
		}
	}
	return checked
}

// The check itself sees a section however it is written.
func TestLacksSeesSections(t *testing.T) {
	set := load(t, filepath.Join("..", "..")).Schemas
	sec := set.Types["procedure"].Section("normal")
	doc := func(body string) *model.Document {
		return &model.Document{Path: "x.md", Body: []byte(body), BodyLine: 1}
	}
	for body, want := range map[string]bool{
		"# 规程\n\n## 一、操作步骤\n\n开机。\n":              false,
		"# 规程\n\n## 五、正常反应\n\n指示灯亮。\n":            true,
		"# 规程\n\n## 五、操作成功时 {#normal}\n\n指示灯亮。\n": true,
		"# 规程\n\n1. **正常反应**：指示灯绿色常亮。\n":          true,
		"# 规程\n\n预期结果：系统提示备份完成。\n":                true,
		"# 规程\n\n## 步骤\n\n完成后系统恢复正常反应速度。\n":       false,
	} {
		if got := len(lacks(doc(body), sec, false, "t")) > 0; got != want {
			t.Errorf("%q: present %v, want %v", body, got, want)
		}
	}
	if len(lacks(doc("# 规程\n\n## 正常反应\n\n"), sec, true, "t")) > 0 {
		t.Error("an empty heading is not seen as empty")
	}
	if len(lacks(doc("# 规程\n\n## 一、步骤\n\n开机。\n"), sec, true, "t")) == 0 {
		t.Error("a section said empty but absent is not reported")
	}
}

// hollowText reports, from the text alone, whether d's body is headings
// with (almost) nothing else: under 20 letters, digits or Chinese
// characters outside headings, no list item, no table row.
func hollowText(d *model.Document) bool {
	n := 0
	for _, line := range strings.Split(string(d.Body), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		if strings.HasPrefix(line, "|") || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
			return false
		}
		if strings.Contains(line, "请填写") {
			continue
		}
		for _, r := range line {
			if r > 127 && r != '（' && r != '）' && r != '。' || (r >= '0' && r <= '9') || (r|32 >= 'a' && r|32 <= 'z') {
				n++
			}
		}
	}
	return n < 20
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func matchesKind(d *model.Document, where map[string]any) bool {
	if where["kind"] == nil {
		return true
	}
	for _, v := range schema.WhereValues(where["kind"]) {
		if schema.Normalize(v) == schema.Normalize(d.String("kind")) {
			return true
		}
	}
	return false
}

func sectionByLabel(set *schema.Set, typ string, label schema.Text) *schema.Section {
	t := set.Types[typ]
	if t == nil {
		return nil
	}
	for _, s := range t.Sections {
		if s.Label.In(schema.DefaultLang) == label.In(schema.DefaultLang) {
			return s
		}
	}
	return nil
}

var (
	headingLine = regexp.MustCompile(`^#{1,6}\s+(.*)$`)
	leadIn      = regexp.MustCompile(`^(?:[-*+]\s+|\d+[.)．、]\s*)?(?:\*\*([^*]+)\*\*|([^：:。，,]{2,12})[：:])`)
	tagged      = regexp.MustCompile(`\{#([A-Za-z0-9_.-]+)\}\s*$`)
)

// lacks checks from d's text that section sec is absent (or, with empty,
// present without content).
func lacks(d *model.Document, sec *schema.Section, empty bool, req string) []string {
	var probs []string
	errorf := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	words := append([]string{}, sec.Match...)
	for _, l := range sec.Label {
		words = append(words, l)
	}
	names := func(s string) bool {
		n := schema.Normalize(s)
		for _, w := range words {
			if w = schema.Normalize(w); w != "" && strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	lines := strings.Split(string(d.Body), "\n")
	headingAt := -1
	for i, line := range lines {
		if m := tagged.FindStringSubmatch(line); m != nil && strings.HasPrefix(line, "#") && m[1] == sec.ID {
			if !empty {
				errorf("%s: %s is said to lack %q, but line %d is tagged {#%s}", req, d.Path, sec.Label.In(schema.DefaultLang), d.BodyLine+i, sec.ID)
			}
			headingAt = i
			continue
		}
		if m := headingLine.FindStringSubmatch(line); m != nil {
			if i == 0 || strings.HasPrefix(line, "# ") {
				continue // the title
			}
			if names(m[1]) {
				if !empty {
					errorf("%s: %s is said to lack %q, but line %d is the heading %q", req, d.Path, sec.Label.In(schema.DefaultLang), d.BodyLine+i, m[1])
				}
				headingAt = i
			}
			continue
		}
		if m := leadIn.FindStringSubmatch(strings.TrimSpace(line)); m != nil && !empty {
			lead := m[1] + m[2]
			if names(lead) {
				errorf("%s: %s is said to lack %q, but line %d begins %q", req, d.Path, sec.Label.In(schema.DefaultLang), d.BodyLine+i, lead)
			}
		}
	}
	if empty {
		if headingAt < 0 {
			errorf("%s: %s is said to have %q empty, but no heading names it", req, d.Path, sec.Label.In(schema.DefaultLang))
			return probs
		}
		n := 0
		for _, line := range lines[headingAt+1:] {
			if strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "###") {
				break
			}
			for _, r := range line {
				if r > 127 || (r >= '0' && r <= '9') || (r|32 >= 'a' && r|32 <= 'z') {
					n++
				}
			}
		}
		if n >= 200 {
			errorf("%s: %s is said to have %q empty, but %d characters stand under it", req, d.Path, sec.Label.In(schema.DefaultLang), n)
		}
	}
	return probs
}
