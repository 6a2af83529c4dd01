package x3wire

import (
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for header, want := range map[string]time.Duration{
		"":                              0,
		"12":                            12 * time.Second,
		"-3":                            0,
		"Thu, 26 Nov 2026 10:01:00 GMT": time.Minute,
		"Thu, 26 Nov 2026 09:00:00 GMT": 0,
		"soon":                          0,
	} {
		if got := RetryAfter(header, now); got != want {
			t.Errorf("Retry-After %q: got %v, want %v", header, got, want)
		}
	}
}
