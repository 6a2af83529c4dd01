package x3wire

import (
	"context"
	"errors"
	"strings"
	"sync"
)

// RedactedMark replaces a secret in text bound for an error or a log.
const RedactedMark = "[REDACTED]"

// maxRecentSecrets bounds the tokens a Redactor remembers: a token only
// matters while it may still be echoed back, and a process that runs for
// months must not grow a list of every token it ever held.
const maxRecentSecrets = 16

// Redactor removes secrets from text bound for errors: the fixed ones
// (client secret, password) and the most recent tokens. A server or proxy
// may echo request details back, and error text ends up in logs and on
// operators' screens.
type Redactor struct {
	fixed []string

	mu     sync.Mutex
	recent []string
}

// NewRedactor redacts the fixed secrets given (empty ones are ignored).
func NewRedactor(fixed ...string) *Redactor {
	r := &Redactor{}
	for _, s := range fixed {
		if s != "" {
			r.fixed = append(r.fixed, s)
		}
	}
	return r
}

// Add remembers a token to redact, forgetting the oldest beyond the bound.
func (r *Redactor) Add(secret string) {
	if secret == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recent = append(r.recent, secret)
	if len(r.recent) > maxRecentSecrets {
		r.recent = append([]string(nil), r.recent[len(r.recent)-maxRecentSecrets:]...)
	}
}

// Text returns s with every secret replaced by RedactedMark.
func (r *Redactor) Text(s string) string {
	r.mu.Lock()
	secrets := append(append([]string(nil), r.fixed...), r.recent...)
	r.mu.Unlock()
	for _, secret := range secrets {
		s = strings.ReplaceAll(s, secret, RedactedMark)
	}
	return s
}

// Wrap hides secrets in err's text. A cause whose own text holds a secret
// is dropped, since every error in a chain is printable; only the context
// errors, which carry no text of ours, stay reachable through errors.Is.
func (r *Redactor) Wrap(err error) error {
	if err == nil {
		return nil
	}
	text := r.Text(err.Error())
	if text == err.Error() {
		return err
	}
	var cause error
	switch {
	case errors.Is(err, context.Canceled):
		cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		cause = context.DeadlineExceeded
	}
	return Redacted(text, cause)
}

// Redacted is an error that shows text (already redacted) and unwraps to
// cause, so errors.Is(err, context.DeadlineExceeded) and friends keep
// working.
func Redacted(text string, cause error) error { return &redactedError{text: text, err: cause} }

type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }
