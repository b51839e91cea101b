package build_test

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"guifan/generator/build"
	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/internal/txtar"
	"guifan/generator/model"
)

// TestProbes runs the verdict probes: each
// generator/coverage/testdata/probes/*.txtar is a small edit of a site
// (files added or replaced, files deleted) with the verdicts an auditor
// reading the spec would give after the edit. A probe may also state the
// verdict before the edit, so that it shows the edit changes something,
// and the diagnostics check must give.
//
// Header lines (before the first file):
//
//	# base: demo | community | empty   the site edited (empty: no documents)
//	# as-of: 2026-11-25                the assessment date (this is the default)
//	# delete: content/forms            a file or folder of the base removed
//	# before: 36 met                   a verdict on the base site
//	# expect: 36 missing               a verdict after the edit (article or requirement id)
//	# diag: section.empty content/regulations/x.md   check reports this code at this file
//	# nodiag: id.duplicate             check does not report this code
//
// Files are paths relative to the site folder.
func TestProbes(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "coverage", "testdata", "probes", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no probes yet")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runProbe(t, file)
		})
	}
}

type probe struct {
	base    string
	asOf    model.Date
	deletes []string
	before  []verdictWant
	expect  []verdictWant
	diags   [][2]string
	nodiags []string
	files   map[string][]byte
}

type verdictWant struct{ id, status string }

var (
	baseOnce  sync.Once
	baseSites map[string]fstest.MapFS
	baseErr   error
)

// bases reads the example sites once for every probe.
func bases() (map[string]fstest.MapFS, error) {
	baseOnce.Do(func() {
		baseSites = map[string]fstest.MapFS{"empty": {}}
		for name, dir := range map[string]string{
			"demo":      filepath.Join("..", ".."),
			"community": filepath.Join("..", "..", "examples", "community-hospital"),
		} {
			m := fstest.MapFS{}
			for _, top := range append([]string{"hospital.toml"}, build.Sources...) {
				err := fs.WalkDir(os.DirFS(dir), top, func(p string, d fs.DirEntry, err error) error {
					if err != nil {
						if os.IsNotExist(err) {
							return nil
						}
						return err
					}
					if d.IsDir() {
						return nil
					}
					data, err := fs.ReadFile(os.DirFS(dir), p)
					if err != nil {
						return err
					}
					m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
					return nil
				})
				if err != nil {
					baseErr = err
					return
				}
			}
			baseSites[name] = m
		}
	})
	return baseSites, baseErr
}

func parseProbe(data string) (*probe, error) {
	p := &probe{base: "demo", asOf: asOf, files: map[string][]byte{}}
	a := txtar.Parse([]byte(data))
	for _, line := range strings.SplitAfter(string(a.Comment), "\n") {
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		f := strings.Fields(val)
		switch key {
		case "base":
			p.base = val
		case "as-of":
			d, ok := model.ParseDate(val)
			if !ok {
				return nil, fmt.Errorf("bad as-of %q", val)
			}
			p.asOf = d
		case "delete":
			p.deletes = append(p.deletes, val)
		case "before", "expect":
			if len(f) != 2 {
				return nil, fmt.Errorf("%s: want ID STATUS, got %q", key, val)
			}
			w := verdictWant{f[0], f[1]}
			if key == "before" {
				p.before = append(p.before, w)
			} else {
				p.expect = append(p.expect, w)
			}
		case "diag":
			if len(f) != 2 {
				return nil, fmt.Errorf("diag: want CODE FILE, got %q", val)
			}
			p.diags = append(p.diags, [2]string{f[0], f[1]})
		case "nodiag":
			p.nodiags = append(p.nodiags, val)
		}
	}
	if len(p.expect) == 0 {
		return nil, fmt.Errorf("no \"# expect:\" line")
	}
	for _, f := range a.Files {
		if !fs.ValidPath(f.Name) {
			return nil, fmt.Errorf("bad file name %q", f.Name)
		}
		p.files[f.Name] = f.Data
	}
	return p, nil
}

// site makes the probe's site: the base with the deletions and files.
func (p *probe) site(base fstest.MapFS, edited bool) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range base {
		m[k] = v
	}
	if !edited {
		return m
	}
	for _, d := range p.deletes {
		for k := range m {
			if k == d || strings.HasPrefix(k, strings.TrimSuffix(d, "/")+"/") {
				delete(m, k)
			}
		}
	}
	for name, data := range p.files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

func verdicts(m *coverage.Matrix) map[string]coverage.Status {
	out := map[string]coverage.Status{}
	for _, a := range m.Articles {
		out[fmt.Sprint(a.Article.Number)] = a.Status
		for _, r := range a.Requirements {
			out[r.Requirement.ID] = r.Status
		}
	}
	return out
}

func runProbe(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseProbe(string(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	all, err := bases()
	if err != nil {
		t.Fatal(err)
	}
	base, ok := all[p.base]
	if !ok {
		t.Fatalf("unknown base %q", p.base)
	}
	assessFS := func(fsys fs.FS) (map[string]coverage.Status, diag.List) {
		site, diags, err := build.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		diags.Append(site.Check(p.asOf))
		m, ad := site.Assess(p.asOf)
		diags.Append(ad)
		if m == nil {
			t.Fatalf("no assessment: %v", diags)
		}
		return verdicts(m), diags
	}
	if len(p.before) > 0 {
		v, _ := assessFS(p.site(base, false))
		for _, w := range p.before {
			if got := string(v[w.id]); got != w.status {
				t.Errorf("before the edit, %s is %q, the probe says %q", w.id, got, w.status)
			}
		}
	}
	v, diags := assessFS(p.site(base, true))
	for _, w := range p.expect {
		if got := string(v[w.id]); got != w.status {
			t.Errorf("%s: got %q, want %q", w.id, got, w.status)
		}
	}
	has := func(code, file string) bool {
		for _, d := range diags {
			if d.Code == code && (file == "" || d.Pos.File == file || path.Clean(d.Pos.File) == file) {
				return true
			}
		}
		return false
	}
	for _, d := range p.diags {
		if !has(d[0], d[1]) {
			var got []string
			for _, d := range diags {
				got = append(got, d.Pos.File+": "+d.Code)
			}
			sort.Strings(got)
			t.Errorf("check does not report %s at %s; it reports:\n  %s", d[0], d[1], strings.Join(got, "\n  "))
		}
	}
	for _, code := range p.nodiags {
		if has(code, "") {
			t.Errorf("check reports %s", code)
		}
	}
}
