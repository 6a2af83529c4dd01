package rest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// param is one query parameter; a slice keeps them in the order sent.
type param struct{ name, value string }

// collectionURL addresses a class: {root}{CLASS}?p1=v1&p2=v2.
func (c *Client) collectionURL(class string, params ...param) string {
	return c.root + class + "?" + encodeParams(params)
}

// recordURL addresses one record: {root}{CLASS}('KEY')?representation=REP.
// Quotes in the key are doubled, as in SData string literals.
func (c *Client) recordURL(class, key, representation string) string {
	quoted := url.PathEscape(strings.ReplaceAll(key, "'", "''"))
	return c.root + class + "('" + quoted + "')?" + encodeParams([]param{{"representation", representation}})
}

func encodeParams(params []param) string {
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p.name + "=" + escapeQueryValue(p.value)
	}
	return strings.Join(parts, "&")
}

// escapeQueryValue percent-encodes a value with spaces as %20 rather than
// "+", and keeps "$" literal as Sage's own URLs show it (RFC 3986 allows it
// in a query).
func escapeQueryValue(v string) string {
	s := strings.ReplaceAll(url.QueryEscape(v), "+", "%20")
	return strings.ReplaceAll(s, "%24", "$")
}

// call sends one request with Basic auth and returns the body of a 2xx
// answer. Every other outcome is a classified, redacted *core.Error.
func (c *Client) call(ctx context.Context, op, method, rawURL string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, rawURL, bytes.NewReader(body))
	if err != nil {
		return nil, c.fail(op, core.Permanent, 0, err)
	}
	req.SetBasicAuth(c.user, c.password)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// Timeouts, refused or reset connections, EOF, cancelled contexts.
		return nil, c.fail(op, core.Transient, 0, err)
	}
	defer resp.Body.Close()
	data, err := x3wire.ReadLimited(resp.Body)
	if errors.Is(err, x3wire.ErrBodyTooLarge) {
		return nil, c.fail(op, core.Permanent, resp.StatusCode, err)
	}
	if err != nil {
		return nil, c.fail(op, core.Transient, resp.StatusCode, fmt.Errorf("reading the response: %w", err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.statusError(op, resp, data)
	}
	if d, failed := x3wire.AnswerDiagnoses(data); failed {
		// One rule for every read, list page and write: an answer that
		// carries an error is a failure, never data or an empty result.
		return nil, c.diagnosisError(op, method, resp.StatusCode, d)
	}
	return data, nil
}
