package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/synth"
)

// BenchmarkSiteOutput1k times the site stage (every page and the search
// index) of a synthetic site of 1,000 documents, loaded and assessed
// outside the timer, on one core and on every core, in one run:
//
//	go test ./generator/site -run XXX -bench SiteOutput1k -benchtime 3x
func BenchmarkSiteOutput1k(b *testing.B) {
	files, err := synth.Builtin(1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := build.CreateFiles(dir, files); err != nil {
		b.Fatal(err)
	}
	s, diags, err := build.Load(os.DirFS(dir))
	if err != nil || diags.Errors() > 0 {
		b.Fatalf("loading: %v, %d errors", err, diags.Errors())
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, s.Project.Hospital.Lang())
	if err != nil {
		b.Fatal(err)
	}
	for _, procs := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			b.ReportAllocs()
			for b.Loop() {
				out, od, err := s.Outputs(m, asOf, cat, []string{"site"})
				if err != nil || od.Errors() > 0 || len(out) < 1000 {
					b.Fatalf("%v, %d errors, %d files", err, od.Errors(), len(out))
				}
			}
		})
	}
}
