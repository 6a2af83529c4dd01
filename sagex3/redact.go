package sagex3

import (
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

const redactedMark = "[REDACTED]"

// redact removes the password, and the Basic token that encodes it, from
// text bound for an error. Our requests carry them only in the
// Authorization header, but a server or proxy may echo request details
// back, and error text ends up in logs and on operators' screens.
func (c *Client) redact(s string) string {
	for _, secret := range []string{c.authToken, c.password} {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redactedMark)
		}
	}
	return s
}

func (c *Client) redactError(e *core.Error) *core.Error {
	e.Op = c.redact(e.Op)
	e.Code = c.redact(e.Code)
	e.Message = c.redact(e.Message)
	if e.Err != nil {
		e.Err = &redactedError{text: c.redact(e.Err.Error()), err: e.Err}
	}
	return e
}

// redactedError shows redacted text but still unwraps to the cause, so
// errors.Is(err, context.DeadlineExceeded) and friends keep working.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }
