package core

import (
	"context"
	"log/slog"
	"time"
)

// lapseSweep returns to the queue, at most every half lease, the claims
// whose lease ran out while the process runs: outcomes that could not be
// recorded. The sender and the inbox each run one on their idle ticks.
type lapseSweep struct {
	lease   time.Duration
	requeue func(ctx context.Context, now time.Time) (int, error)
	found   func() // wakes the worker: requeued documents are due now
	logger  *slog.Logger
	what    string // "outbound" or "inbound", for the log
	last    time.Time
}

func (l *lapseSweep) tick(ctx context.Context, now time.Time) {
	if now.Sub(l.last) < l.lease/2 {
		return
	}
	l.last = now
	n, err := l.requeue(ctx, now)
	switch {
	case err != nil && ctx.Err() == nil:
		l.logger.Error("requeue lapsed claims", "documents", l.what, "err", err)
	case n > 0:
		l.logger.Warn("retrying documents whose outcome was never recorded", "documents", l.what, "count", n)
		l.found()
	}
}
