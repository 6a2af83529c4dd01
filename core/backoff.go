package core

import (
	"math/rand/v2"
	"time"
)

// Backoff computes the wait before the next attempt: exponential from Base,
// capped at Max, with ±25% jitter so documents that failed together do not
// retry together.
type Backoff struct {
	Base time.Duration
	Max  time.Duration
}

// Delay returns the wait after the given number of failed attempts (≥1).
func (b Backoff) Delay(attempts int) time.Duration {
	d := b.Base
	for i := 1; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	if d > b.Max {
		d = b.Max
	}
	jitter := time.Duration(rand.Int64N(int64(d)/2+1)) - d/4
	return d + jitter
}
