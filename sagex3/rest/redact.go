package rest

import (
	"strings"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// redact removes the password, and the Basic token that encodes it, from
// text bound for an error. Our requests carry them only in the
// Authorization header, but a server or proxy may echo request details
// back, and error text ends up in logs and on operators' screens.
func (c *Client) redact(s string) string {
	for _, secret := range []string{c.authToken, c.password} {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, x3wire.RedactedMark)
		}
	}
	return s
}

// redactError redacts every text of e; its cause stays reachable through
// errors.Is and errors.As.
func (c *Client) redactError(e *core.Error) *core.Error {
	e.Op = c.redact(e.Op)
	e.Code = c.redact(e.Code)
	e.Message = c.redact(e.Message)
	if e.Err != nil {
		e.Err = x3wire.Redacted(c.redact(e.Err.Error()), e.Err)
	}
	return e
}
