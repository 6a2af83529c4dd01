package sagex3

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// API is what the connector uses of Sage X3, whichever transport carries
// it: the engine's reads, the inbound write-back, and the check command.
type API interface {
	core.ERP
	core.ERPWriter
	// Check authenticates and reads one purchase order. It returns a short
	// account of what worked, or a classified error saying what did not.
	Check(ctx context.Context) (string, error)
}

var (
	_ API = (*Client)(nil)
	_ API = (*GraphQLClient)(nil)
)

// DefaultGraphQLRoot is the root field of the purchasing package in
// current X3 releases; 2021–2022 releases named it xtremX3Purchasing.
const DefaultGraphQLRoot = "x3Purchasing"

// GraphQLConfig says how to reach one X3 folder through the GraphQL API.
type GraphQLConfig struct {
	// URL is the GraphQL endpoint: http(s)://host:port/xtrem/api on
	// premise, https://api.<region>-sagex3.com/v1/service/{endPoint}/api
	// in Sage's cloud.
	URL string
	// Folder is sent as x-xtrem-endpoint (the X3 endpoint/folder), which
	// on premise is required. UNCONFIRMED: whether Sage's cloud gateway,
	// whose URL names the folder, wants it too; we send it there as well,
	// since a gateway ignores a header it does not use.
	Folder      string
	Root        string // purchasing root field; default DefaultGraphQLRoot
	PageSize    int    // nodes per page (first); default 100
	Credentials Credentials
	HTTPClient  *http.Client // default: a client with a 30 s timeout
	// Names override the default GraphQL names (DefaultGraphQLNames): a
	// non-empty field, and each property given. Root above wins over
	// Names.Root.
	Names GraphQLNames
	// ASNTarget is where 856s go (inbound.asn_target), for discovery of
	// what CapRecord856 needs; default core.ASNFields, the PO's columns.
	ASNTarget core.ASNTarget
	// Logger reports optional properties a site lacks, once each.
	Logger *slog.Logger
	Now    func() time.Time // discovery time stamps; default time.Now
}

// GraphQLClient reads purchase orders (and supplier invoices) from X3's
// GraphQL API and writes acknowledgments and ship notices through the
// operations the site has. Every name it uses comes from GraphQLNames;
// before its first request of a kind it learns by introspection which of
// them the site has (graphql_discover.go). It is safe for concurrent use.
type GraphQLClient struct {
	url       string
	folder    string
	root      string
	names     GraphQLNames
	asnTarget core.ASNTarget
	pageSize  int
	creds     Credentials
	http      *http.Client
	log       *slog.Logger
	clock     func() time.Time

	discoverMu sync.Mutex // one discovery at a time
	viewMu     sync.Mutex
	views      map[core.X3Capability]*gqlView // what discovery found, per capability
	reported   map[string]bool                // optional missing objects already logged
}

var graphQLName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// NewGraphQL checks cfg and returns a client. It makes no request.
func NewGraphQL(cfg GraphQLConfig) (*GraphQLClient, error) {
	u, err := parseBaseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	c := &GraphQLClient{url: u.String(), folder: cfg.Folder, pageSize: cfg.PageSize, asnTarget: cfg.ASNTarget,
		creds: cfg.Credentials, http: cfg.HTTPClient, log: cfg.Logger, clock: cfg.Now,
		views: map[core.X3Capability]*gqlView{}, reported: map[string]bool{}}
	if cfg.Root != "" {
		cfg.Names.Root = cfg.Root
	}
	if c.names, err = DefaultGraphQLNames().WithOverrides(cfg.Names); err != nil {
		return nil, fmt.Errorf("sagex3: %w", err)
	}
	c.root = c.names.Root
	switch {
	case c.creds == nil:
		return nil, errors.New("sagex3: Credentials are required")
	case c.pageSize < 0:
		return nil, errors.New("sagex3: PageSize must not be negative")
	}
	if c.asnTarget == "" {
		c.asnTarget = core.ASNFields
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

// String identifies the client; it holds no secret.
func (c *GraphQLClient) String() string {
	return fmt.Sprintf("sagex3.GraphQLClient{URL: %q, Folder: %q, Root: %q}", c.url, c.folder, c.root)
}

// GoString is String, for %#v.
func (c *GraphQLClient) GoString() string { return c.String() }

// TokenExpiry is when the access token in use expires; zero before the
// first call, and for credentials that do not expire (Basic). Status
// displays show it.
func (c *GraphQLClient) TokenExpiry() time.Time {
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
func (c *GraphQLClient) ready(ctx context.Context, op string, cap core.X3Capability) (*gqlView, error) {
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
func (c *GraphQLClient) fresh(v *gqlView) bool {
	return v != nil && (len(v.blocked) == 0 || c.now().Sub(v.at) < rediscoverBlocked)
}

func (c *GraphQLClient) view(cap core.X3Capability) *gqlView {
	c.viewMu.Lock()
	defer c.viewMu.Unlock()
	return c.views[cap]
}

// setViews keeps what a discovery found and logs, once per process, each
// optional object the site lacks (it is left out of requests).
func (c *GraphQLClient) setViews(views map[core.X3Capability]*gqlView) {
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
