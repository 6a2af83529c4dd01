package stedi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// defaultConflictDelay is used for a 409 without a usable Retry-After: the
// first request with that idempotency key is still running, so waiting a
// little is always right.
const defaultConflictDelay = 5 * time.Second

// maxRetryAfter caps a server-requested delay, so an absurd header can
// neither overflow a Duration nor park a document for days.
const maxRetryAfter = 24 * time.Hour

// codeIdempotencyConflict names a 422 whose body carried no code of its own.
const codeIdempotencyConflict = "idempotency_conflict"

// classOf maps an HTTP status to what the engine should do about it.
func classOf(status int) core.ErrorClass {
	switch {
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return core.Unauthorized
	case status == http.StatusRequestTimeout, status == http.StatusConflict,
		status == http.StatusTooManyRequests:
		return core.Transient
	case status >= 400 && status <= 499:
		// 400 validation, 404 unknown partnership, 422 key reused with
		// another body, 413 too large: the same request cannot succeed.
		return core.Permanent
	default:
		// 5xx and anything unexpected: giving up on a document by mistake
		// costs more than one more attempt.
		return core.Transient
	}
}

// statusError turns a non-2xx answer into a classified error. The remote
// message is kept verbatim except for 401/403, where the operator needs to be
// told what to fix.
func statusError(op string, status int, h http.Header, body []byte, now time.Time) *core.Error {
	msg, code := errorBody(body)
	if msg == "" {
		msg = http.StatusText(status)
	}
	e := &core.Error{Class: classOf(status), Op: op, Status: status, Code: code, Message: msg}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		e.Message = "Stedi refused the request; check the configured API key (" + msg + ")"
	case http.StatusConflict:
		e.RetryAfter = retryAfter(h.Get("Retry-After"), now)
		if e.RetryAfter == 0 {
			e.RetryAfter = defaultConflictDelay
		}
	case http.StatusUnprocessableEntity:
		if e.Code == "" {
			e.Code = codeIdempotencyConflict
		}
	}
	if e.Class == core.Transient && e.RetryAfter == 0 {
		e.RetryAfter = retryAfter(h.Get("Retry-After"), now)
	}
	return e
}

// errorBody reads Stedi's {"message", "code"} error body. Anything else
// (an HTML page from a proxy, an empty body) yields empty strings.
func errorBody(body []byte) (message, code string) {
	var b struct {
		Message string `json:"message"`
		Code    string `json:"code"`
	}
	if json.Unmarshal(body, &b) != nil {
		return "", ""
	}
	return b.Message, b.Code
}

// retryAfter reads a Retry-After value: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3). Zero means none or unusable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// transportError classifies a call that got no complete answer: timeouts,
// refused or reset connections, EOF, cancelled contexts. All are worth
// another attempt; the idempotency key makes that safe.
func transportError(op string, err error) *core.Error {
	return &core.Error{Class: core.Transient, Op: op, Err: err}
}
