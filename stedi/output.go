package stedi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

const (
	opOutput   = "stedi transaction output"
	opInput    = "stedi transaction input"
	opDownload = "stedi document download"
)

// maxLinkAnswer bounds the 302 answer, which holds only a URL.
const maxLinkAnswer = 1 << 20

// TransactionOutput returns the Guide JSON Stedi made of one transaction:
// GET /transactions/{id}/output answers 302 to a pre-signed download URL
// (valid 60 minutes), which is fetched without the API key. An unknown id
// is a permanent error wrapping core.ErrNotFound.
func (c *Client) TransactionOutput(ctx context.Context, transactionID string) (json.RawMessage, error) {
	body, err := c.document(ctx, opOutput, transactionID, "output")
	if err != nil {
		return nil, err
	}
	if !json.Valid(body) {
		// Most likely cut short on the way; a new download may succeed.
		return nil, &core.Error{Class: core.Transient, Op: opDownload, Message: "the downloaded output is not JSON"}
	}
	return json.RawMessage(body), nil
}

// TransactionInput returns the X12 Stedi received for one transaction,
// the same way as TransactionOutput.
func (c *Client) TransactionInput(ctx context.Context, transactionID string) ([]byte, error) {
	return c.document(ctx, opInput, transactionID, "input")
}

func (c *Client) document(ctx context.Context, op, transactionID, usage string) ([]byte, error) {
	if transactionID == "" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: errors.New("transaction id is empty")}
	}
	link, cerr := c.downloadLink(ctx, call{op: op, method: http.MethodGet,
		path: "/transactions/" + url.PathEscape(transactionID) + "/" + usage})
	if cerr != nil {
		return nil, notFound(c.redact(cerr))
	}
	return c.download(ctx, link)
}

// downloadLink asks the Core API for a document and takes the redirect's
// Location, or the documentDownloadUrl of the body when there is none. The
// redirect is not followed: net/http would forward the Authorization
// header to a URL on the same host, and the key must never reach the
// storage host.
func (c *Client) downloadLink(ctx context.Context, cl call) (*url.URL, *core.Error) {
	req, err := c.newRequest(ctx, cl)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: cl.op, Err: err}
	}
	resp, err := c.noRedirect().Do(req)
	if err != nil {
		return nil, transportError(cl.op, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxLinkAnswer))
	if err != nil {
		return nil, transportError(cl.op, fmt.Errorf("read response: %w", err))
	}
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode <= 399, resp.StatusCode >= 200 && resp.StatusCode <= 299:
		return linkOf(cl.op, resp, body)
	default:
		return nil, statusError(cl.op, resp.StatusCode, resp.Header, body, time.Now())
	}
}

// linkOf reads the download URL of a 3xx (Location) or a 2xx (body, as
// /output-url answers), resolved against the request's URL.
func linkOf(op string, resp *http.Response, body []byte) (*url.URL, *core.Error) {
	raw := resp.Header.Get("Location")
	if raw == "" {
		var b struct {
			DocumentDownloadURL string `json:"documentDownloadUrl"`
		}
		_ = json.Unmarshal(body, &b) // a body without the URL is reported below
		raw = b.DocumentDownloadURL
	}
	u, err := url.Parse(raw)
	if raw == "" || err != nil {
		return nil, &core.Error{Class: core.Transient, Op: op, Status: resp.StatusCode,
			Message: "Stedi answered without a usable download URL"}
	}
	u = resp.Request.URL.ResolveReference(u)
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: resp.StatusCode,
			Message: "Stedi answered with a download URL that is not http(s)"}
	}
	return u, nil
}

// noRedirect is the client's HTTP client, minus redirect following.
func (c *Client) noRedirect() *http.Client {
	hc := *c.http
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// download fetches a pre-signed URL with no credentials of ours. Errors
// never show the URL's query, which is a credential for 60 minutes.
func (c *Client) download(ctx context.Context, link *url.URL) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link.String(), nil)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: opDownload, Err: withoutQuery(err)}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(opDownload, withoutQuery(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	switch {
	case err != nil:
		return nil, transportError(opDownload, fmt.Errorf("read download: %w", withoutQuery(err)))
	case len(body) > maxResponse:
		return nil, &core.Error{Class: core.Permanent, Op: opDownload, Status: resp.StatusCode,
			Message: fmt.Sprintf("document larger than %d bytes", maxResponse)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, downloadError(resp.StatusCode)
	}
	return body, nil
}

// downloadError classifies a refused download. The storage host's 403 means
// an expired or spoiled URL, not a bad API key, so it is transient: the next
// attempt asks for a fresh URL.
func downloadError(status int) *core.Error {
	e := &core.Error{Class: classOf(status), Op: opDownload, Status: status, Message: http.StatusText(status)}
	switch status {
	case http.StatusForbidden, http.StatusUnauthorized, http.StatusBadRequest:
		e.Class, e.Message = core.Transient, "the download URL was refused (expired?)"
	case http.StatusNotFound:
		e.Err = core.ErrNotFound
	}
	return e
}

// withoutQuery strips the query from the URL a *url.Error shows.
func withoutQuery(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery = ""
			ue.URL = u.String()
		}
	}
	return err
}
