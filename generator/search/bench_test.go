package search_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"guifan/generator/internal/synth"
	"guifan/generator/search"
)

// benchQueries are typical searches; the same set is timed in Chromium.
var benchQueries = []string{"数据备份", "UPS", "HIS 故障", "密码", "机房温湿度", "核心交换机 变更", "应急预案", "15分钟", "打印机", "数据库管理员 每日备份"}

func sizes(files map[string][]byte) int {
	n := 0
	for _, f := range files {
		n += len(f)
	}
	return n
}

// BenchmarkIndex10k builds the index of 10,000 synthetic documents and
// reports its size and the bytes a query loads (the target: at most
// 300 KB per query).
func BenchmarkIndex10k(b *testing.B) {
	entries := synth.Entries(10000, 1)
	var idx *search.Index
	b.ResetTimer()
	for range b.N {
		idx = search.Build(entries, nil)
	}
	b.StopTimer()
	files := idx.Files(map[string]string{"regulation": "规章制度"})
	worst, sum := 0, 0
	for _, q := range benchQueries {
		n := idx.LoadedBytes(files, q)
		worst = max(worst, n)
		sum += n
	}
	b.ReportMetric(float64(sizes(files))/1e6, "MB-index")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(sum)/float64(len(benchQueries))/1024, "KB/query-mean")
	b.ReportMetric(float64(worst)/1024, "KB/query-max")
}

// BenchmarkQuery10k times ranking in Go (the page's script does the same
// arithmetic; its time in Chromium is measured by the site package).
func BenchmarkQuery10k(b *testing.B) {
	idx := search.Build(synth.Entries(10000, 1), nil)
	b.ResetTimer()
	for i := range b.N {
		idx.Query(benchQueries[i%len(benchQueries)])
	}
}

// TestLoadedBytesAt10k keeps the per-query budget honest in plain go test:
// at 10,000 documents no benchmark query loads more than 300 KB.
func TestLoadedBytesAt10k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-document index")
	}
	idx := search.Build(synth.Entries(10000, 1), nil)
	files := idx.Files(map[string]string{"regulation": "规章制度"})
	var report []string
	for _, q := range benchQueries {
		n := idx.LoadedBytes(files, q)
		report = append(report, fmt.Sprintf("%s=%dKB", q, n/1024))
		if n > 300*1024 {
			t.Errorf("%q loads %d KB, over 300 KB", q, n/1024)
		}
	}
	sort.Strings(report)
	t.Logf("index %.1f MB in %d files, %d shards; per query: %s", float64(sizes(files))/1e6, len(files), idx.Shards, strings.Join(report, " "))
}

// BenchmarkBuild compares Build with the build before issue 14
// (reference_test.go) in one run, on 10,000 synthetic entries with the
// theme's synonyms: time, allocations and bytes allocated.
//
//	go test ./generator/search -run XXX -bench 'Build$' -benchmem -count 3
func BenchmarkBuild(b *testing.B) {
	entries := synth.Entries(10000, 1)
	syn, err := os.ReadFile("../../themes/default/search/synonyms.txt")
	if err != nil {
		b.Fatal(err)
	}
	groups := search.ParseSynonyms(string(syn))
	for _, impl := range []struct {
		name  string
		build func([]search.Entry, search.Synonyms) *search.Index
	}{{"reference", search.ReferenceBuild}, {"now", search.Build}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				impl.build(entries, groups)
			}
		})
	}
}
