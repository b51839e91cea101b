package build_test

// Benchmarks of the build's stages on synthetic sites (package synth) of
// 1,000 documents, and of 10,000 with GUIFAN_BENCH_10K=1 (slow: a full
// build at that size takes minutes and gigabytes):
//
//	go test ./generator/build -run XXX -bench Stage -benchtime 3x
//	GUIFAN_BENCH_10K=1 go test ./generator/build -run XXX -bench 'Stage.*/docs=10000' -benchtime 1x -timeout 2h
//
// Each size's site is written once into the system's temporary folder,
// under a name that holds the size, the seed and a hash of the files, and
// reused by later runs while the synthesiser makes the same files.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"guifan/generator/build"
	"guifan/generator/model"
	"guifan/generator/synth"
)

const benchSeed = 1

var benchAsOf = model.Date{Year: 2026, Month: 6, Day: 30}

var (
	benchMu    sync.Mutex
	benchSites = map[int]string{}
)

// benchSizes are the sizes benchmarked: 1,000 documents, and 10,000 when
// GUIFAN_BENCH_10K=1.
func benchSizes() []int {
	if os.Getenv("GUIFAN_BENCH_10K") == "1" {
		return []int{1000, 10000}
	}
	return []int{1000}
}

// benchSite returns the folder of the synthetic site of n documents,
// writing it the first time.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if dir, ok := benchSites[n]; ok {
		return dir
	}
	files, err := synth.Builtin(n, benchSeed)
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(files[p]))
		h.Write(files[p])
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("guifan-bench-synth-%d-%d-%s", n, benchSeed, hex.EncodeToString(h.Sum(nil))[:12]))
	done := dir + ".complete"
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		if err := build.CreateFiles(dir, files); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	benchSites[n] = dir
	return dir
}

// eachSize runs f as a sub-benchmark per size.
func eachSize(b *testing.B, f func(b *testing.B, dir string)) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := benchSite(b, n)
			b.ReportAllocs()
			f(b, dir)
		})
	}
}

// loaded loads the site in dir outside the timer, failing on errors.
func loaded(b *testing.B, dir string) *build.Site {
	b.Helper()
	s, diags, err := build.LoadDir(dir)
	if err != nil || diags.Errors() > 0 {
		b.Fatalf("loading %s: %v, %d errors", dir, err, diags.Errors())
	}
	return s
}

// BenchmarkStageLoad: reading hospital.toml, the schemas and every
// document.
func BenchmarkStageLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		for b.Loop() {
			if _, _, err := build.LoadDir(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStageCheck: validation of a loaded site.
func BenchmarkStageCheck(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		s := loaded(b, dir)
		for b.Loop() {
			if d := s.Check(benchAsOf); d.Errors() > 0 {
				b.Fatalf("%d errors", d.Errors())
			}
		}
	})
}

// BenchmarkStageAssess: the compliance assessment of a loaded site.
func BenchmarkStageAssess(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		s := loaded(b, dir)
		for b.Loop() {
			if m, _ := s.Assess(benchAsOf); m == nil {
				b.Fatal("no assessment")
			}
		}
	})
}

// BenchmarkStageBuildSite: guifan build --only site, from loading to the
// published output folder.
func BenchmarkStageBuildSite(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) { benchBuild(b, dir, []string{"site"}) })
}

// BenchmarkStageBuildFull: guifan build with every output (PDFs,
// workbooks, forms).
func BenchmarkStageBuildFull(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) { benchBuild(b, dir, build.OutputNames()) })
}

func benchBuild(b *testing.B, dir string, only []string) {
	out := filepath.Join(b.TempDir(), "output")
	for b.Loop() {
		res, err := build.Run(dir, build.Options{Goal: build.GoalBuild, AsOf: benchAsOf, Only: only, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		if res.Diags.Errors() > 0 || res.Out == "" {
			b.Fatalf("%d errors, output %q", res.Diags.Errors(), res.Out)
		}
	}
}

// BenchmarkStageRebuild: guifan build with every output into a folder
// that holds the previous build of the same site (no change): built once
// outside the timer, then rebuilt into the same folder.
func BenchmarkStageRebuild(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		out := filepath.Join(b.TempDir(), "output")
		opt := build.Options{Goal: build.GoalBuild, AsOf: benchAsOf, Only: build.OutputNames(), Out: out}
		if res, err := build.Run(dir, opt); err != nil || res.Diags.Errors() > 0 {
			b.Fatal(err)
		}
		for b.Loop() {
			res, err := build.Run(dir, opt)
			if err != nil {
				b.Fatal(err)
			}
			if res.Diags.Errors() > 0 || res.Out == "" {
				b.Fatalf("%d errors, output %q", res.Diags.Errors(), res.Out)
			}
		}
	})
}
