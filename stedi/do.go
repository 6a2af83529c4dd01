package stedi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// maxResponse caps what is read from one answer. Stedi takes transactions
// under 5 MB; the X12 it returns is of the same order.
const maxResponse = 64 << 20

// call is one HTTP exchange with the Core API. It is shared by every
// operation, so the inbound calls (transactions and their output) can reuse
// authentication, reading and error classification.
type call struct {
	op     string // for errors, e.g. "stedi generate-edi"
	method string
	path   string // below the base URL, already escaped
	body   []byte // nil when the request has none
	header http.Header
}

// reply is a 2xx answer.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// do sends cl and returns its 2xx answer, or a classified *core.Error from
// which the API key has been removed.
func (c *Client) do(ctx context.Context, cl call) (*reply, error) {
	rep, cerr := c.exchange(ctx, cl)
	if cerr != nil {
		return nil, c.redact(cerr)
	}
	return rep, nil
}

func (c *Client) exchange(ctx context.Context, cl call) (*reply, *core.Error) {
	req, err := c.newRequest(ctx, cl)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: cl.op, Err: err}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(cl.op, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		// The answer broke off half way: same as no answer.
		return nil, transportError(cl.op, fmt.Errorf("read response: %w", err))
	}
	if len(body) > maxResponse {
		return nil, &core.Error{Class: core.Permanent, Op: cl.op, Status: resp.StatusCode,
			Message: fmt.Sprintf("response larger than %d bytes", maxResponse)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, statusError(cl.op, resp.StatusCode, resp.Header, body, time.Now())
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

func (c *Client) newRequest(ctx context.Context, cl call) (*http.Request, error) {
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, c.base+cl.path, body)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	for k, vs := range cl.header {
		req.Header[k] = vs
	}
	// Current form: the bare key, no "Key " prefix (changelog 2024-02-21).
	req.Header.Set("Authorization", c.key)
	req.Header.Set("Accept", "application/json")
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}
