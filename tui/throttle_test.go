package tui

import (
	"testing"
	"time"
)

// A slow load spaces the next live refresh out by five times its cost,
// on the UI's clock; with a clock that does not move, nothing is slow.
func TestThrottle_SlowLoadsOnTheUIsClock(t *testing.T) {
	now := fixedNow
	th := throttle{clock: func() time.Time { return now }}
	took := th.stopwatch()
	now = now.Add(200 * time.Millisecond)
	th.noteLoad(took())
	if !th.skip() {
		t.Fatal("a 200 ms load did not space out the next refresh")
	}
	now = now.Add(time.Second)
	if th.skip() {
		t.Error("still skipped five costs later")
	}
	still := throttle{clock: func() time.Time { return fixedNow }}
	took = still.stopwatch()
	still.noteLoad(took())
	if still.skip() {
		t.Error("a fixed clock made a load look slow")
	}
}
