package graphql

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// gqlRequest is the body of a GraphQL POST.
type gqlRequest struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
}

// gqlAnswer is one HTTP answer, read in full.
type gqlAnswer struct {
	status int
	header http.Header
	body   []byte
}

// post sends one GraphQL operation and returns the body of a 2xx answer.
// A 401 means the token was refused before the operation ran, so the
// operation is sent once more with a fresh token: even a mutation cannot
// apply twice. Any other failure is returned as it is (a write that may
// have been applied is never repeated here).
func (c *Client) post(ctx context.Context, op string, req gqlRequest) ([]byte, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: fmt.Errorf("encoding the request: %w", err)}
	}
	tok, err := c.token(op)
	if err != nil {
		return nil, err
	}
	ans, err := c.roundTrip(ctx, op, tok, body)
	if err != nil || ans.status != http.StatusUnauthorized {
		return c.result(op, tok, ans, err)
	}
	c.creds.Invalidate(tok)
	fresh, err := c.token(op)
	if err != nil {
		return nil, err
	}
	if fresh.AccessToken == tok.AccessToken {
		// Static credentials (Basic): a second try would be refused too.
		return c.result(op, tok, ans, nil)
	}
	ans, err = c.roundTrip(ctx, op, fresh, body)
	return c.result(op, fresh, ans, err)
}

// token gets a token, naming the operation in a failure.
func (c *Client) token(op string) (*oauth2.Token, error) {
	tok, err := c.creds.Token()
	if err == nil {
		return tok, nil
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		e := *ce
		e.Op = op + ": " + ce.Op
		return nil, &e
	}
	return nil, &core.Error{Class: core.Transient, Op: op, Err: err}
}

func (c *Client) roundTrip(ctx context.Context, op string, tok *oauth2.Token, body []byte) (*gqlAnswer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.target(), bytes.NewReader(body))
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: err}
	}
	tok.SetAuthHeader(req)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.folder != "" {
		req.Header.Set("x-xtrem-endpoint", c.folder)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// Timeouts, refused or reset connections, cancelled contexts.
		return nil, &core.Error{Class: core.Transient, Op: op, Err: x3wire.NewRedactor(tok.AccessToken).Wrap(err)}
	}
	defer resp.Body.Close()
	data, err := x3wire.ReadLimited(resp.Body)
	switch {
	case errors.Is(err, x3wire.ErrBodyTooLarge):
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: resp.StatusCode, Err: err}
	case err != nil:
		return nil, &core.Error{Class: core.Transient, Op: op, Status: resp.StatusCode,
			Err: x3wire.NewRedactor(tok.AccessToken).Wrap(fmt.Errorf("reading the response: %w", err))}
	}
	return &gqlAnswer{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// result returns the body of a 2xx answer; any other status becomes a
// classified error carrying the server's message.
func (c *Client) result(op string, tok *oauth2.Token, ans *gqlAnswer, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	if ans.status >= 200 && ans.status <= 299 {
		return ans.body, nil
	}
	r := x3wire.NewRedactor(tok.AccessToken)
	message, transient := httpErrorMessage(ans.body)
	return nil, &core.Error{
		Class:      x3wire.Classify(ans.status, transient),
		Op:         op,
		Status:     ans.status,
		Message:    r.Text(message),
		RetryAfter: x3wire.RetryAfter(ans.header.Get("Retry-After"), time.Now()),
	}
}

// httpErrorMessage reads a non-2xx body: GraphQL's errors[] (400 for an
// unknown field), the cloud gateway's {"message": "Unauthorised"}, an
// SData-style diagnosis (the gateway's 500), or plain text (on-premise
// 401 "Error 50: Invalid token").
func httpErrorMessage(body []byte) (string, bool) {
	var env gqlEnvelope
	if json.Unmarshal(body, &env) == nil && len(env.Errors) > 0 {
		e := env.graphQLError("")
		return e.Message, e.Class == core.Transient
	}
	var gateway struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &gateway) == nil && gateway.Message != "" {
		return gateway.Message, false
	}
	d := x3wire.ParseDiagnoses(body)
	if d.Message != "" {
		return d.Message, d.Transient
	}
	return cmp.Or(d.Code, x3wire.PlainTextSnippet(body)), d.Transient
}

// endpointer is credentials that know the regional API root Sage named
// when the connector was paired (x3auth's cache of a cloud pairing).
type endpointer interface{ Endpoint() string }

// target is the GraphQL URL; for Sage's cloud form (…/v1/service/{endPoint}/api)
// it moves to the regional endpoint Sage named when the connector was
// paired, which "your App must use … for future calls".
func (c *Client) target() string {
	e, ok := c.creds.(endpointer)
	if !ok {
		return c.url
	}
	ep := e.Endpoint()
	_, rest, cloud := strings.Cut(c.url, "/v1/service/")
	if ep == "" || !cloud {
		return c.url
	}
	return strings.TrimRight(ep, "/") + "/service/" + rest
}
