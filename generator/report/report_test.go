package report_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"guifan/generator/build"
	"guifan/generator/coverage"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/report"
	"guifan/themes"
)

// The report is built here from the assessment of the example sites, the
// way guifan builds it: build.LoadDir, Site.Assess, report.Build.

var asOf, _ = model.ParseDate("2026-11-25")

type assessed struct {
	site *build.Site
	m    *coverage.Matrix
}

var (
	sitesOnce sync.Once
	sites     map[string]assessed
	sitesErr  error
)

func loadSites(t *testing.T) map[string]assessed {
	t.Helper()
	sitesOnce.Do(func() {
		sites = map[string]assessed{}
		for name, dir := range map[string]string{
			"demo":      filepath.Join("..", ".."),
			"community": filepath.Join("..", "..", "examples", "community-hospital"),
		} {
			s, m, err := assess(dir)
			if err != nil {
				sitesErr = err
				return
			}
			sites[name] = assessed{s, m}
		}
	})
	if sitesErr != nil {
		t.Fatal(sitesErr)
	}
	return sites
}

func assess(dir string) (*build.Site, *coverage.Matrix, error) {
	s, diags, err := build.LoadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	if diags.Errors() > 0 {
		return nil, nil, &loadError{dir, len(diags)}
	}
	m, _ := s.Assess(asOf)
	if m == nil {
		return nil, nil, &loadError{dir, -1}
	}
	return s, m, nil
}

type loadError struct {
	dir string
	n   int
}

func (e *loadError) Error() string { return e.dir + ": the site does not load or assess" }

func catalog(t *testing.T, lang string) *i18n.Catalog {
	t.Helper()
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(theme, lang)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func write(t *testing.T, r *report.Report, cat *i18n.Catalog) (jsonOut, text string) {
	t.Helper()
	var j, x bytes.Buffer
	if err := r.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	r.WriteText(&x, cat.T)
	return j.String(), x.String()
}

// Two runs over the same site give the same bytes, in JSON and text, in
// both languages; a second assessment (fresh maps, fresh order of work)
// changes nothing either.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	for name, a := range loadSites(t) {
		for _, lang := range []string{"zh-CN", "en"} {
			cat := catalog(t, lang)
			j1, x1 := write(t, report.Build(a.m, "测试医院", cat, report.AllDocuments()), cat)
			j2, x2 := write(t, report.Build(a.m, "测试医院", cat, report.AllDocuments()), cat)
			if j1 != j2 || x1 != x2 {
				t.Errorf("%s %s: two reports of one matrix differ", name, lang)
			}
			_, m, err := assess(filepath.Join("..", "..", map[string]string{"demo": ".", "community": "examples/community-hospital"}[name]))
			if err != nil {
				t.Fatal(err)
			}
			j3, x3 := write(t, report.Build(m, "测试医院", cat, report.AllDocuments()), cat)
			if j1 != j3 || x1 != x3 {
				t.Errorf("%s %s: two assessments of one site give different reports", name, lang)
			}
			if !json.Valid([]byte(j1)) || !strings.HasSuffix(j1, "}\n") {
				t.Errorf("%s %s: not one JSON document", name, lang)
			}
			if strings.Contains(j1, `\u003c`) || strings.Contains(j1, `\u0026`) {
				t.Errorf("%s %s: JSON escapes HTML characters", name, lang)
			}
		}
	}
}

// The JSON carries what the site, workbook and roll-up read: the
// framework, the hospital, the date, one entry per article with its
// requirements, and counts that add up.
func TestJSONShape(t *testing.T) {
	t.Parallel()
	a := loadSites(t)["community"]
	cat := catalog(t, "zh-CN")
	j, _ := write(t, report.Build(a.m, "社区卫生服务中心", cat, report.AllDocuments()), cat)
	var r report.Report
	if err := json.Unmarshal([]byte(j), &r); err != nil {
		t.Fatal(err)
	}
	if r.Hospital != "社区卫生服务中心" || r.AsOf != "2026-11-25" || r.Lang != "zh-CN" || r.Framework == "" {
		t.Errorf("header: %q %q %q %q", r.Hospital, r.AsOf, r.Lang, r.Framework)
	}
	if len(r.Articles) != len(a.m.Articles) || len(r.Articles) == 0 {
		t.Fatalf("%d articles, the matrix has %d", len(r.Articles), len(a.m.Articles))
	}
	s := r.Summary
	if n := s.Met + s.Partial + s.Missing + s.Manual + s.NotApplicable + s.Info; n != len(r.Articles) {
		t.Errorf("article counts add up to %d, want %d", n, len(r.Articles))
	}
	reqs, byStatus := 0, 0
	gaps := 0
	for _, art := range r.Articles {
		for _, q := range art.Requirements {
			reqs++
			if (q.Status == "missing" || q.Status == "partial") && q.Gap != "" {
				gaps++
			}
		}
	}
	for _, n := range s.Requirements {
		byStatus += n
	}
	if byStatus != reqs {
		t.Errorf("requirement counts add up to %d, there are %d", byStatus, reqs)
	}
	if s.Missing+s.Partial == 0 || gaps == 0 {
		t.Errorf("the community centre has gaps; the report shows %d articles with gaps, %d gap texts", s.Missing+s.Partial, gaps)
	}
	// Read back and written again, the JSON is the same bytes.
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != j {
		t.Error("JSON read back and written again differs")
	}
}

// restricted returns the documents of a site that may not be published,
// with what would name them.
func restricted(s *build.Site) (ids map[string]bool, words []string) {
	ids = map[string]bool{}
	for _, d := range s.Project.Docs {
		if s.Public(d) {
			continue
		}
		ids[d.ID] = true
		words = append(words, d.Path)
		if t := d.Title(); len([]rune(t)) >= 4 {
			words = append(words, t)
		}
	}
	return ids, words
}

// The copy for the intranet (report.Only with the site's rule) names no
// restricted document: not its id, title or path, in evidence, notes,
// gaps or the terminal text. The copy made with the zero Names names no
// document at all (fails closed). The restricted copy names them.
func TestRedaction(t *testing.T) {
	t.Parallel()
	for name, a := range loadSites(t) {
		ids, words := restricted(a.site)
		if len(ids) == 0 {
			t.Fatalf("%s: no restricted documents to test with", name)
		}
		public := func(id string) bool { return !ids[id] }
		cat := catalog(t, "zh-CN")

		full := report.Build(a.m, "医院", cat, report.AllDocuments())
		fullJSON, _ := write(t, full, cat)
		named := 0
		for _, w := range words {
			if strings.Contains(fullJSON, w) {
				named++
			}
		}
		if named == 0 {
			t.Fatalf("%s: the restricted copy names no restricted document; the test would prove nothing", name)
		}

		for copyName, names := range map[string]report.Names{"public": report.Only(public), "zero": {}} {
			r := report.Build(a.m, "医院", cat, names)
			j, x := write(t, r, cat)
			for _, w := range words {
				if strings.Contains(j, w) || strings.Contains(x, w) {
					t.Errorf("%s, %s copy: names restricted %q", name, copyName, w)
				}
			}
			hidden := 0
			for _, art := range r.Articles {
				for _, q := range art.Requirements {
					for _, e := range append(append([]report.Evidence{}, q.Evidence...), q.InProgress...) {
						mayName := copyName == "public" && public(e.ID)
						if e.Hidden {
							hidden++
						}
						// The id of hidden evidence is still in the JSON (see
						// report.Evidence): not checked here.
						if !mayName && (!e.Hidden || e.Title != "" || e.Path != "" || e.Section != "" || e.Line != 0 || e.Date != "") {
							t.Errorf("%s, %s copy: requirement %s shows evidence %+v", name, copyName, q.ID, e)
						}
					}
				}
			}
			if hidden == 0 {
				t.Errorf("%s, %s copy: no evidence is hidden", name, copyName)
			}
		}
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	var zero report.Names
	if zero.Names("reg-backup") {
		t.Error("the zero Names names a document")
	}
	if !report.AllDocuments().Names("anything") {
		t.Error("AllDocuments does not name a document")
	}
	only := report.Only(func(id string) bool { return id == "a" })
	if !only.Names("a") || only.Names("b") {
		t.Error("Only does not follow its rule")
	}
}
