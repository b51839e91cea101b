package build_test

import (
	"path/filepath"
	"slices"
	"testing"

	"guifan/generator/build"
)

// TestProgress: a run tells each stage as it starts, in order.
func TestProgress(t *testing.T) {
	t.Parallel()
	site := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	var stages []string
	res, err := build.Run(site, build.Options{Goal: build.GoalBuild, AsOf: asOf, Out: filepath.Join(t.TempDir(), "out"),
		Only: []string{"site", "excel", "forms", "report"}, Progress: func(s string) { stages = append(stages, s) }})
	if err != nil || res.Invalid() {
		t.Fatal(err, res)
	}
	want := []string{build.StageLoad, build.StageCheck, build.StageAssess, "excel", "report", "pdf", "site", build.StagePublish}
	if !slices.Equal(stages, want) {
		t.Errorf("stages %v, want %v", stages, want)
	}
}
