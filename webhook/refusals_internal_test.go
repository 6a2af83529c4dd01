package webhook

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// A burst that stops is still summed up: the timer set at its second
// refusal logs the count at the end of the interval.
func TestRefusalLog_BurstIsSummedUpAtTheEndOfTheInterval(t *testing.T) {
	var logs bytes.Buffer
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	l := newRefusalLog(slog.New(slog.NewTextHandler(&logs, nil)), time.Minute, func() time.Time { return now })
	var fire func()
	var wait time.Duration
	l.after = func(d time.Duration, f func()) { wait, fire = d, f }
	for range 40 {
		l.refused("missing or wrong credentials", "", "10.0.0.1:4000", false)
	}
	if fire == nil || wait != time.Minute || strings.Count(logs.String(), "\n") != 1 {
		t.Fatalf("timer %v after %s; log:\n%s", fire != nil, wait, logs.String())
	}
	now = now.Add(time.Minute)
	fire()
	if !strings.Contains(logs.String(), "count=39") || strings.Count(logs.String(), "\n") != 2 {
		t.Errorf("summary line missing:\n%s", logs.String())
	}
}
