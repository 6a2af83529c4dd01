package core

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// ErrorClass tells the engine what to do with a failed call.
type ErrorClass string

const (
	// Transient failures (timeouts, resets, 429, 5xx, 409 in flight) are
	// retried with backoff.
	Transient ErrorClass = "transient"
	// Permanent failures (validation, unknown record, key conflict) go to the
	// failed queue at once: retrying the same request cannot succeed.
	Permanent ErrorClass = "permanent"
	// Unauthorized failures (401/403, bad credentials) are configuration
	// problems: the side that raised them is paused and no attempt is spent.
	Unauthorized ErrorClass = "unauthorized"
)

// Error is the classified error every adapter returns for a failed remote
// call. Message is safe to show operators: it never holds a secret.
type Error struct {
	Class      ErrorClass
	Op         string        // what was tried, e.g. "stedi generate-edi"
	Status     int           // HTTP status, 0 when none came back
	Code       string        // the remote system's own code, if any
	Message    string        // the remote system's message, kept verbatim
	RetryAfter time.Duration // a server-requested delay, 0 when none
	Err        error         // the underlying cause, if any
}

func (e *Error) Error() string {
	s := e.Op
	if e.Status != 0 {
		s += fmt.Sprintf(": HTTP %d", e.Status)
	}
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil && e.Message == "" {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// ClassOf classifies any error. Unclassified network and context errors are
// transient; anything else unknown is treated as transient too, because
// giving up on a document by mistake is worse than one more attempt.
func ClassOf(err error) ErrorClass {
	if err == nil {
		return ""
	}
	var ce *Error
	if errors.As(err, &ce) {
		return ce.Class
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return Transient
	}
	return Transient
}

// RetryAfterOf returns the server-requested delay carried by err, if any.
func RetryAfterOf(err error) time.Duration {
	var ce *Error
	if errors.As(err, &ce) {
		return ce.RetryAfter
	}
	return 0
}

// ErrNotFound is returned by stores and clients when a record does not exist.
var ErrNotFound = errors.New("not found")

func asError(err error, target **Error) bool { return errors.As(err, target) }
