// Package stedi is the client of Stedi's EDI Core API. It turns Guide JSON
// into X12 through generate-edi, lists inbound transactions and downloads
// their Guide JSON, reads webhook events, and reports every failure as a
// classified *core.Error, so the engine knows whether to retry, park or
// pause.
package stedi

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// DefaultBaseURL is the production Core API, version 2023-08-01.
const DefaultBaseURL = "https://core.us.stedi.com/2023-08-01"

// Defaults of the HTTP client used when the caller brings none.
const (
	defaultTimeout = 30 * time.Second
	maxIdleConns   = 16
)

// Config says where the Core API is and how to authenticate to it.
type Config struct {
	BaseURL    string       // default DefaultBaseURL
	APIKey     string       // sent as the bare Authorization header; never logged
	HTTPClient *http.Client // default: a client with a 30 s timeout
}

// Client calls the Core API. It is safe for concurrent use.
type Client struct {
	base string // BaseURL without a trailing slash
	key  string
	http *http.Client
}

var _ core.EDI = (*Client)(nil)

// New checks cfg and returns a Client. The API key is checked here so that a
// key unusable as a header value fails at start-up, not on the first call.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("stedi: API key is empty")
	}
	if !validHeaderValue(cfg.APIKey) {
		// The key itself stays out of the message.
		return nil, errors.New("stedi: API key contains spaces or control characters")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("stedi: base URL %q must be an absolute http(s) URL", base)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient()
	}
	return &Client{
		base: strings.TrimRight(base, "/"),
		key:  cfg.APIKey,
		http: hc,
	}, nil
}

// defaultHTTPClient bounds each call and keeps more than net/http's default
// two idle connections, so concurrent workers reuse connections instead of
// opening one per call.
func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = maxIdleConns
	return &http.Client{Timeout: defaultTimeout, Transport: t}
}

// validHeaderValue rejects what net/http would refuse to send, plus
// spaces: a key with a space would be read as "Key <key>" by Stedi.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f {
			return false
		}
	}
	return true
}
