package tui

import "time"

// throttle spaces out the live re-reads of a view whose loads are slow (a
// free-text filter over a million audit rows, the scorecard of a large
// database), so one view does not keep a core busy once a second. It
// times loads on the UI's clock (Options.Now): with the fixed clock of a
// test no load ever looks slow, however loaded the machine, and no
// refresh is skipped.
type throttle struct {
	clock    func() time.Time // nil: time.Now
	cost     time.Duration    // how long the last load took
	loadedAt time.Time        // when it came
}

// slowPage is the load time from which live refreshes space out.
const slowPage = 50 * time.Millisecond

func (t *throttle) now() time.Time {
	if t.clock == nil {
		return time.Now()
	}
	return t.clock()
}

// skip reports whether a live refresh should wait: the last load was slow
// and came less than five times its cost ago.
func (t *throttle) skip() bool {
	return t.cost > slowPage && t.now().Sub(t.loadedAt) < 5*t.cost
}

// stopwatch starts timing a load; the function it returns, called when
// the load is done (in the load's goroutine), says how long it took.
func (t *throttle) stopwatch() func() time.Duration {
	clock := t.clock
	if clock == nil {
		clock = time.Now
	}
	start := clock()
	return func() time.Duration { return clock().Sub(start) }
}

// noteLoad records a load's cost when its result arrives.
func (t *throttle) noteLoad(cost time.Duration) { t.cost, t.loadedAt = cost, t.now() }
