package x3wire

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Classify maps an HTTP status to what the engine should do. A 4xx whose
// diagnosis has SData severity "Transient" (e.g. a record locked by a user)
// can succeed later, so it is retried.
func Classify(status int, transientDiagnosis bool) core.ErrorClass {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return core.Unauthorized
	case status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500:
		return core.Transient
	case transientDiagnosis:
		return core.Transient
	default:
		return core.Permanent
	}
}

// RetryAfter reads a Retry-After header in seconds or as an HTTP date.
func RetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}
