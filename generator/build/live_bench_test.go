package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"guifan/generator/build"
	"guifan/generator/diag"
)

// BenchmarkServeSave measures the preview's save of one document
// (build.Live.Update), on the demo hospital and on the synthetic site of
// 1,000 documents:
//
//	go test ./generator/build -run XXX -bench ServeSave -benchtime 5x
//
// GUIFAN_SERVE_SITE=folder benchmarks that site as well (site=folder).
//
// page-ms is from the save to the saved document's page being ready to
// serve (the quick look: what the preview publishes and reloads first);
// full-ms is to the whole site checked and rebuilt (published after,
// only the files whose bytes changed).
func BenchmarkServeSave(b *testing.B) {
	root := filepath.Join("..", "..")
	sites := []struct {
		name string
		dir  func(b *testing.B) string
		only []string // what to copy; nil: everything
	}{
		// The demo's site files at the repository's root (its schemas/
		// and themes/ are the built-in ones).
		{"demo", func(b *testing.B) string { return root }, []string{"content", "audit", "hospital.toml"}},
		{"docs=1000", func(b *testing.B) string { return benchSite(b, 1000) }, nil},
	}
	if dir := os.Getenv("GUIFAN_SERVE_SITE"); dir != "" {
		sites = append(sites, struct {
			name string
			dir  func(b *testing.B) string
			only []string
		}{"site=" + filepath.Base(dir), func(b *testing.B) string { return dir }, nil})
	}
	for _, site := range sites {
		b.Run(site.name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "site")
			src := site.dir(b)
			if site.only == nil {
				if err := copyPath(src, dir); err != nil {
					b.Fatal(err)
				}
			}
			for _, name := range site.only {
				if err := copyPath(filepath.Join(src, name), filepath.Join(dir, name)); err != nil {
					b.Fatal(err)
				}
			}
			opt := build.Options{Goal: build.GoalBuild, AsOf: benchAsOf, Only: []string{"site"},
				Defer: []string{"pdf", "excel", "forms"}, InMemory: true}
			l, res, err := build.NewLive(dir, opt)
			if err != nil {
				b.Fatal(err)
			}
			if res.Invalid() {
				// The preview shows a saved page only over a good site, and
				// the synthesiser's sites pass check.
				b.Fatalf("the site has %d errors (first: %v)", res.Diags.Errors(), firstError(res.Diags))
			}
			rel, orig := publicDoc(b, l, dir)
			var page, full time.Duration
			b.ResetTimer()
			for i := range b.N {
				mark := "\n\n保存测试" + strings.Repeat("甲", i%7) + string(rune('0'+i%10)) + "\n"
				if err := os.WriteFile(filepath.Join(dir, rel), append(slices.Clone(orig), mark...), 0o644); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				got := false
				res, err := l.Update([]string{rel}, func(q build.Quick) {
					page += time.Since(start)
					got = len(q.Files) == 1
				})
				full += time.Since(start)
				if err != nil || res.Invalid() || !got {
					b.Fatalf("%v, invalid %v, quick page %v", err, res.Invalid(), got)
				}
			}
			b.ReportMetric(float64(page.Microseconds())/1000/float64(b.N), "page-ms/op")
			b.ReportMetric(float64(full.Microseconds())/1000/float64(b.N), "full-ms/op")
		})
	}
}

// publicDoc returns a document of the live site whose save gives a quick
// page (a public Markdown document), and its text.
func publicDoc(b *testing.B, l *build.Live, dir string) (string, []byte) {
	b.Helper()
	for _, d := range l.Site().Project.Docs {
		if d.Format != "markdown" || !l.Site().Public(d) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(d.Path)))
		if err != nil {
			b.Fatal(err)
		}
		return d.Path, data
	}
	b.Fatal("no public Markdown document")
	return "", nil
}

// copyPath copies a file or a folder.
func copyPath(src, dst string) error {
	st, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	}
	return os.CopyFS(dst, os.DirFS(src))
}

// firstError is the first error of l.
func firstError(l diag.List) diag.Diagnostic {
	for _, d := range l {
		if d.Severity == diag.Error {
			return d
		}
	}
	return diag.Diagnostic{}
}
