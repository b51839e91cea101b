package validate_test

// BenchmarkColdCheckAssess is check and the assessment of a synthetic
// site of 1,000 documents as one build does them: each round loads the
// site afresh (outside the timer), so nothing is remembered from the
// round before (build's StageCheck and StageAssess reuse one loaded site,
// and with it what the sections memo found in the first round).
//
//	go test ./generator/validate -run XXX -bench ColdCheckAssess -benchtime 5x -benchmem

import (
	"testing"

	"guifan/generator/build"
	"guifan/generator/model"
	"guifan/generator/synth"
)

func BenchmarkColdCheckAssess(b *testing.B) {
	files, err := synth.Builtin(1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := build.CreateFiles(dir, files); err != nil {
		b.Fatal(err)
	}
	asOf := model.Date{Year: 2026, Month: 6, Day: 30}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, diags, err := build.LoadDir(dir)
		if err != nil || diags.Errors() > 0 {
			b.Fatalf("loading: %v, %d errors", err, diags.Errors())
		}
		b.StartTimer()
		if d := s.Check(asOf); d.Errors() > 0 {
			b.Fatalf("%d errors", d.Errors())
		}
		if m, _ := s.Assess(asOf); m == nil {
			b.Fatal("no assessment")
		}
	}
}
