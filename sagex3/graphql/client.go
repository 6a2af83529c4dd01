// Package graphql is the connector's client for Sage X3's GraphQL API
// (on premise at /xtrem/api, or Sage's cloud). It reads changed purchase
// orders and supplier invoices, writes acknowledgments and ship notices
// through the operations the site has, and learns by introspection which
// of the names it uses (names.go, overridden by the configuration) the
// site's schema has. Its credentials come from sagex3/x3auth; it returns
// *core.Error for every remote failure.
package graphql

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

var _ sagex3.API = (*Client)(nil)

// DefaultRoot is the root field of the purchasing package in
// current X3 releases; 2021–2022 releases named it xtremX3Purchasing.
const DefaultRoot = "x3Purchasing"

// Config says how to reach one X3 folder through the GraphQL API.
type Config struct {
	// URL is the GraphQL endpoint: http(s)://host:port/xtrem/api on
	// premise, https://api.<region>-sagex3.com/v1/service/{endPoint}/api
	// in Sage's cloud.
	URL string
	// Folder is sent as x-xtrem-endpoint (the X3 endpoint/folder), which
	// on premise is required. UNCONFIRMED: whether Sage's cloud gateway,
	// whose URL names the folder, wants it too; we send it there as well,
	// since a gateway ignores a header it does not use.
	Folder      string
	Root        string // purchasing root field; default DefaultRoot
	PageSize    int    // nodes per page (first); default 100
	Credentials x3auth.Credentials
	HTTPClient  *http.Client // default: a client with a 30 s timeout
	// Names override the default GraphQL names (DefaultNames): a
	// non-empty field, and each property given. Root above wins over
	// Names.Root.
	Names Names
	// ASNTarget is where 856s go (inbound.asn_target), for discovery of
	// what CapRecord856 needs; default core.ASNFields, the PO's columns.
	ASNTarget core.ASNTarget
	// Logger reports optional properties a site lacks, once each.
	Logger *slog.Logger
	Now    func() time.Time // discovery time stamps; default time.Now
}

// Client reads purchase orders (and supplier invoices) from X3's
// GraphQL API and writes acknowledgments and ship notices through the
// operations the site has. Every name it uses comes from Names;
// before its first request of a kind it learns by introspection which of
// them the site has (discover.go). It is safe for concurrent use.
type Client struct {
	url       string
	folder    string
	root      string
	names     Names
	asnTarget core.ASNTarget
	pageSize  int
	creds     x3auth.Credentials
	http      *http.Client
	log       *slog.Logger
	clock     func() time.Time

	discoverMu sync.Mutex // one discovery at a time
	viewMu     sync.Mutex
	views      map[core.X3Capability]*gqlView // what discovery found, per capability
	reported   map[string]bool                // optional missing objects already logged
}

var graphQLName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// New checks cfg and returns a client. It makes no request.
func New(cfg Config) (*Client, error) {
	u, err := x3wire.ParseBaseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	c := &Client{url: u.String(), folder: cfg.Folder, pageSize: cmp.Or(cfg.PageSize, x3wire.DefaultPageSize),
		asnTarget: cmp.Or(cfg.ASNTarget, core.ASNFields), creds: cfg.Credentials,
		http: cmp.Or(cfg.HTTPClient, &http.Client{Timeout: x3wire.DefaultTimeout}),
		log:  cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler)), clock: cfg.Now,
		views: map[core.X3Capability]*gqlView{}, reported: map[string]bool{}}
	if cfg.Root != "" {
		cfg.Names.Root = cfg.Root
	}
	if c.names, err = DefaultNames().WithOverrides(cfg.Names); err != nil {
		return nil, fmt.Errorf("sagex3: %w", err)
	}
	c.root = c.names.Root
	switch {
	case c.creds == nil:
		return nil, errors.New("sagex3: Credentials are required")
	case c.pageSize < 0:
		return nil, errors.New("sagex3: PageSize must not be negative")
	}
	return c, nil
}

// String identifies the client; it holds no secret.
func (c *Client) String() string {
	return fmt.Sprintf("graphql.Client{URL: %q, Folder: %q, Root: %q}", c.url, c.folder, c.root)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// TokenExpiry is when the access token in use expires; zero before the
// first call, and for credentials that do not expire (Basic). Status
// displays show it.
func (c *Client) TokenExpiry() time.Time {
	if e, ok := c.creds.(interface{ Expiry() time.Time }); ok {
		return e.Expiry()
	}
	return time.Time{}
}

// SetupMissingCode is the core.Error code of a refusal caused by missing
// X3 setup (a required GraphQL object the site lacks); such errors wrap
// ErrSetupMissing.
const SetupMissingCode = "x3.setup"

// ErrSetupMissing marks an operation the site cannot take until its X3
// administrator sets something up (or the configuration names it).
var ErrSetupMissing = errors.New("Sage X3 setup missing")

// rediscoverBlocked is how long a capability found blocked stays so
// before the client looks again on its own: the X3 administrator may have
// done the setup step since (Discover also refreshes it at once).
const rediscoverBlocked = time.Minute

// ready returns what discovery knows of one capability, discovering it
// first if nothing is known yet (or it was blocked a while ago), and the
// error naming what is missing when a required object is.
func (c *Client) ready(ctx context.Context, op string, cap core.X3Capability) (*gqlView, error) {
	if v := c.view(cap); c.fresh(v) {
		return v, v.blockedError(op, cap)
	}
	c.discoverMu.Lock()
	defer c.discoverMu.Unlock()
	if v := c.view(cap); c.fresh(v) { // discovered while we waited
		return v, v.blockedError(op, cap)
	}
	views, err := c.discover(ctx, []core.X3Capability{cap})
	if err != nil {
		return nil, err
	}
	c.setViews(views)
	return views[cap], views[cap].blockedError(op, cap)
}

// fresh tells whether a view can serve: known, and not a blocked one
// found longer ago than rediscoverBlocked.
func (c *Client) fresh(v *gqlView) bool {
	return v != nil && (len(v.blocked) == 0 || c.now().Sub(v.at) < rediscoverBlocked)
}

func (c *Client) view(cap core.X3Capability) *gqlView {
	c.viewMu.Lock()
	defer c.viewMu.Unlock()
	return c.views[cap]
}

// setViews keeps what a discovery found and logs, once per process, each
// optional object the site lacks (it is left out of requests).
func (c *Client) setViews(views map[core.X3Capability]*gqlView) {
	c.viewMu.Lock()
	defer c.viewMu.Unlock()
	for cap, v := range views {
		c.views[cap] = v
		for _, it := range v.items {
			if it.Status == core.SetupMissing && it.Optional && !c.reported[it.Name] {
				c.reported[it.Name] = true
				c.log.Warn("Sage X3 lacks an optional GraphQL property: left out", "capability", string(cap), "name", it.Name, "fix", it.Fix)
			}
		}
	}
}

// Check authenticates (fetching a token when the mode needs one) and
// reads one purchase order: the first of the change list, then the whole
// record. A mapping problem on a real schema (a property name we guessed
// wrong) shows up here as a 400 naming the field.
func (c *Client) Check(ctx context.Context) (string, error) {
	how := fmt.Sprintf("GraphQL at %s, folder %s, root %s", c.url, c.folder, c.root)
	return sagex3.CheckFirstPO(ctx, how, c)
}
