package rollup

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// benchN is the number of hospitals BenchmarkRollup rolls up; set
// GUIFAN_ROLLUP_N=6000 for the figure in the README.
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("GUIFAN_ROLLUP_N")); err == nil && n > 0 {
		return n
	}
	return 300
}

// BenchmarkRollup rolls up synthesized submissions (written once, before
// the timer) into a fresh folder each time.
func BenchmarkRollup(b *testing.B) {
	fw := framework(b)
	in := b.TempDir()
	files := synthTo(b, fw, in, benchN(), 1)
	b.ReportMetric(float64(files), "reports")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "out")
		sum, err := Run([]string{in}, options(b, fw, out))
		if err != nil {
			b.Fatal(err)
		}
		if sum.Accepted != files {
			b.Fatalf("%d of %d accepted", sum.Accepted, files)
		}
	}
}
