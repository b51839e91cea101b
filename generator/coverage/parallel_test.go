package coverage_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"guifan/generator/config"
	"guifan/generator/content"
	"guifan/generator/coverage"
	"guifan/generator/fsutil"
	"guifan/generator/sections"
)

// TestAssessSameOnEveryCore: the demo hospital's assessment (every
// article of its framework) is the same matrix whether its articles are
// evaluated on one goroutine or on several.
func TestAssessSameOnEveryCore(t *testing.T) {
	t.Parallel()
	s := set(t)
	fsys, err := fsutil.SiteFS(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	docs, _, _ := content.Load(fsys, s)
	if len(docs) < 20 {
		t.Fatalf("the demo has %d documents", len(docs))
	}
	in := coverage.Input{
		Framework: s.Frameworks["beijing-2008"], Schemas: s, Hospital: config.Default(), Docs: docs,
		AsOf: date("2026-11-25"), Found: sections.NewMemo(),
	}
	one := coverage.AssessOn(in, 1)
	for _, workers := range []int{2, 3, 8} {
		if got := coverage.AssessOn(in, workers); !reflect.DeepEqual(got, one) {
			t.Errorf("%d workers: the matrix differs from one worker's", workers)
		}
	}
	if one.Summary.Counts[coverage.Met] == 0 {
		t.Error("the demo meets nothing: the comparison proves little")
	}
}
