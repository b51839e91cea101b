package pool

import (
	"sync/atomic"
	"testing"
)

// TestForEveryIndexOnce: every index is handed out exactly once, for any
// n, including 0 and 1.
func TestForEveryIndexOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 3, 17, 1000} {
		seen := make([]atomic.Int32, n)
		For(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d run %d times", n, i, c)
			}
		}
	}
}
