package stedi

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

const redacted = "[REDACTED]"

// redact removes the API key from an error before it leaves the package. A
// server or proxy may echo the Authorization header back in its message, and
// errors end up in logs, the audit trail and the UI.
func (c *Client) redact(e *core.Error) *core.Error {
	e.Message = strings.ReplaceAll(e.Message, c.key, redacted)
	e.Code = strings.ReplaceAll(e.Code, c.key, redacted)
	if e.Err != nil && strings.Contains(e.Err.Error(), c.key) {
		e.Err = &redactedError{
			text: strings.ReplaceAll(e.Err.Error(), c.key, redacted),
			err:  e.Err,
		}
	}
	return e
}

// redactedError shows a cleaned text but still unwraps to its cause, so
// errors.Is(err, context.DeadlineExceeded) keeps working.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

// Format keeps the key out of fmt output of every verb (%v, %+v, %#v, %s),
// so logging a Config by mistake does not leak it.
func (c Config) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "stedi.Config{BaseURL:%q APIKey:%s HTTPClient:%p}", c.BaseURL, maskKey(c.APIKey), c.HTTPClient)
}

// LogValue does the same for log/slog, whose JSON handler would otherwise
// print exported fields.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.BaseURL), slog.String("api_key", maskKey(c.APIKey)))
}

// Format keeps the key out of fmt output of a Client.
func (c *Client) Format(f fmt.State, _ rune) {
	if c == nil {
		fmt.Fprint(f, "stedi.Client(nil)")
		return
	}
	fmt.Fprintf(f, "stedi.Client{base:%q key:%s}", c.base, maskKey(c.key))
}

// LogValue keeps the key out of slog output of a Client.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.base), slog.String("api_key", maskKey(c.key)))
}

func maskKey(key string) string {
	if key == "" {
		return "(none)"
	}
	return redacted
}
