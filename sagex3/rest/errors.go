package rest

import (
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// statusError turns a non-2xx answer into a classified *core.Error, keeping
// the server's diagnosis message verbatim.
func (c *Client) statusError(op string, resp *http.Response, body []byte) *core.Error {
	d := x3wire.ParseDiagnoses(body)
	return c.redactError(&core.Error{
		Class:      x3wire.Classify(resp.StatusCode, d.Transient),
		Op:         op,
		Status:     resp.StatusCode,
		Code:       d.Code,
		Message:    d.Message,
		RetryAfter: x3wire.RetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	})
}

// diagnosisError turns a 2xx answer that carries an error $diagnoses (a
// behaviour reported for X3, real-systems.md §4) into a failure. A read or
// list page is transient (asking again is safe, and giving up would lose
// the record); a write X3 answered this way was refused by its rules, so
// it is permanent unless X3 marks it "Transient" (a record locked).
func (c *Client) diagnosisError(op, method string, status int, d x3wire.Diagnoses) *core.Error {
	class := core.Permanent
	if d.Transient || method == http.MethodGet {
		class = core.Transient
	}
	msg := d.Message
	if msg == "" {
		msg = "the answer carries an error diagnosis without a message"
	}
	return c.redactError(&core.Error{Class: class, Op: op, Status: status, Code: d.Code, Message: msg})
}

// fail builds a *core.Error for a failure that has no X3 diagnosis.
func (c *Client) fail(op string, class core.ErrorClass, status int, err error) *core.Error {
	return c.redactError(&core.Error{Class: class, Op: op, Status: status, Err: err})
}
