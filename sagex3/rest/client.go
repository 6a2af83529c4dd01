// Package rest is the connector's client for the Sage X3 api1 web API
// (Syracuse REST, SData-style JSON, HTTP Basic auth). It reads changed
// purchase orders and supplier invoices, writes acknowledgements and
// shipments back, discovers what a site has by its prototypes, and
// returns *core.Error for every remote failure. Every X3 name it uses
// comes from one table (names.go) that the configuration overrides.
package rest

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

var (
	_ core.ERP   = (*Client)(nil)
	_ sagex3.API = (*Client)(nil)
)

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
	base, err := x3wire.ParseBaseURL(cfg.BaseURL)
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
		pageSize:  cmp.Or(cfg.PageSize, x3wire.DefaultPageSize),
		http:      cmp.Or(cfg.HTTPClient, &http.Client{Timeout: x3wire.DefaultTimeout}),
		names:     cfg.Names,
		asnTarget: cmp.Or(cfg.ASNTarget, core.ASNShipment),
		log:       cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler)),
	}
	return c, nil
}

// String identifies the client without its password.
func (c *Client) String() string {
	return fmt.Sprintf("rest.Client{BaseURL: %q, Folder: %q, User: %q}", c.base.String(), c.folder, c.user)
}

// GoString keeps %#v from printing the password.
func (c *Client) GoString() string { return c.String() }

// Check authenticates with the api1 user and reads one purchase order:
// the first row of the poller's own listing, then that PO with its lines.
// The error is the classified *core.Error of the step that failed
// (Unauthorized for credentials).
func (c *Client) Check(ctx context.Context) (string, error) {
	how := fmt.Sprintf("api1 at %s, folder %s, user %s (HTTP Basic)", c.base.Host, c.folder, c.user)
	return sagex3.CheckFirstPO(ctx, how, c)
}
