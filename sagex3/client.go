// Package sagex3 is the connector's client for the Sage X3 api1 web API
// (Syracuse REST, SData-style JSON, HTTP Basic auth). It reads changed
// purchase orders and writes acknowledgement data back, and returns
// *core.Error for every remote failure.
package sagex3

import (
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.ERP = (*Client)(nil)

// Client talks to one X3 folder. It is safe for concurrent use.
type Client struct {
	base      *url.URL // scheme://host[/prefix] without a trailing slash
	root      string   // base + /api1/x3/erp/{folder}/
	folder    string
	user      string
	password  string
	authToken string // base64(user:password), redacted from errors as well
	pageSize  int
	http      *http.Client
	names     Names
	asnTarget core.ASNTarget
	log       *slog.Logger

	// dateOnly is set once the server refused a date-time literal in
	// where: listings then filter on the date (filter.go).
	dateOnly     atomic.Bool
	dateOnlySaid sync.Once
	// found holds what the last discovery found of each prototype, so a
	// write leaves out an optional property the site does not have.
	found atomic.Pointer[foundProperties]
}

// New checks cfg and returns a client. It makes no request.
func New(cfg Config) (*Client, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	c := &Client{
		base:      base,
		root:      base.String() + "/api1/x3/erp/" + url.PathEscape(cfg.Folder) + "/",
		folder:    cfg.Folder,
		user:      cfg.User,
		password:  cfg.Password,
		authToken: base64.StdEncoding.EncodeToString([]byte(cfg.User + ":" + cfg.Password)),
		pageSize:  cfg.PageSize,
		http:      cfg.HTTPClient,
		names:     cfg.Names,
		asnTarget: cfg.ASNTarget,
		log:       cfg.Logger,
	}
	if c.asnTarget == "" {
		c.asnTarget = core.ASNShipment
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.pageSize == 0 {
		c.pageSize = defaultPageSize
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: defaultTimeout}
	}
	return c, nil
}

// String identifies the client without its password.
func (c *Client) String() string {
	return fmt.Sprintf("sagex3.Client{BaseURL: %q, Folder: %q, User: %q}", c.base.String(), c.folder, c.user)
}

// GoString keeps %#v from printing the password.
func (c *Client) GoString() string { return c.String() }
