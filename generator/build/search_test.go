package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/search"
	"guifan/generator/tomlfile"
)

type querySet struct {
	Queries []struct {
		Q    string   `toml:"q"`
		Want []string `toml:"want"`
	} `toml:"queries"`
}

func demoIndex(t testing.TB) *search.Index {
	t.Helper()
	site, diags, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	m, _ := site.Assess(asOf)
	cat, err := i18n.Load(site.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	return site.SearchIndex(m, cat)
}

// TestRecallAt3 measures recall@3 on the query set written against the
// demo hospital: for each query, the share of its wanted documents found
// among the first three results. The target is 0.95.
func TestRecallAt3(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "search", "testdata", "queries.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var qs querySet
	if probs := tomlfile.DecodeStrict(data, &qs); len(probs) > 0 {
		t.Fatal(probs)
	}
	if len(qs.Queries) < 40 {
		t.Fatalf("only %d queries", len(qs.Queries))
	}
	idx := demoIndex(t)
	total := 0.0
	for _, q := range qs.Queries {
		res := idx.Query(q.Q)
		top := map[string]bool{}
		for i := 0; i < len(res) && i < 3; i++ {
			top[idx.Entries[res[i].Entry].Doc] = true
		}
		found := 0
		for _, w := range q.Want {
			if top[w] {
				found++
			}
		}
		r := float64(found) / float64(len(q.Want))
		total += r
		if r < 1 {
			var got []string
			for i := 0; i < len(res) && i < 5; i++ {
				e := idx.Entries[res[i].Entry]
				got = append(got, e.Doc+"「"+e.Title+"」")
			}
			t.Logf("%q: want %v, top 5: %v", q.Q, q.Want, got)
		}
	}
	recall := total / float64(len(qs.Queries))
	files := idx.Files(map[string]string{})
	size, worst, sum := 0, 0, 0
	for _, f := range files {
		size += len(f)
	}
	for _, q := range qs.Queries {
		n := idx.LoadedBytes(files, q.Q)
		sum += n
		worst = max(worst, n)
	}
	t.Logf("demo index: %d entries, %.0f KB in %d files; loaded per query: mean %.0f KB, max %.0f KB",
		len(idx.Entries), float64(size)/1024, len(files), float64(sum)/float64(len(qs.Queries))/1024, float64(worst)/1024)
	t.Logf("recall@3 = %.3f over %d queries", recall, len(qs.Queries))
	if recall < 0.95 {
		t.Errorf("recall@3 = %.3f, want at least 0.95", recall)
	}
}
