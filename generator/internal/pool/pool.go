// Package pool runs independent pieces of work on every core: a fixed
// number of workers (runtime.GOMAXPROCS) take the indexes 0..n-1 in turn.
// Callers write each result into slot i of their own slice and read the
// slice in order afterwards, so the output does not depend on which worker
// finished first.
package pool

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines For uses: one per core the Go runtime
// may use.
func Workers() int { return max(1, runtime.GOMAXPROCS(0)) }

// For calls f(i) for every i in [0, n), on up to Workers() goroutines, and
// returns when all calls have returned. With one worker, or n < 2, the
// calls are made in order on the calling goroutine.
func For(n int, f func(i int)) {
	workers := min(Workers(), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
