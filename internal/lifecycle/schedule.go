package lifecycle

import (
	"context"
	"time"
)

// Every runs fn at once, then interval after each run ends, and as soon as
// possible after a signal on kick, until ctx ends. Timing from the end of
// a run, not its start, keeps a slow run from queueing the next.
func Every(ctx context.Context, interval time.Duration, kick <-chan struct{}, fn func(context.Context)) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-kick:
		}
		fn(ctx)
		t.Reset(interval)
	}
}

// Signal makes a non-blocking request on a one-slot channel: a request
// already pending covers this one.
func Signal(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
