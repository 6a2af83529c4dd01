package sagex3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
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
}

// GraphQLClient reads purchase orders from X3's GraphQL API and writes
// acknowledgements back with the update mutation. It is safe for
// concurrent use.
type GraphQLClient struct {
	url      string
	folder   string
	root     string
	pageSize int
	creds    Credentials
	http     *http.Client
}

var graphQLName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// NewGraphQL checks cfg and returns a client. It makes no request.
func NewGraphQL(cfg GraphQLConfig) (*GraphQLClient, error) {
	u, err := parseBaseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	c := &GraphQLClient{url: u.String(), folder: cfg.Folder, root: cfg.Root, pageSize: cfg.PageSize,
		creds: cfg.Credentials, http: cfg.HTTPClient}
	if c.root == "" {
		c.root = DefaultGraphQLRoot
	}
	switch {
	case c.creds == nil:
		return nil, errors.New("sagex3: Credentials are required")
	case !graphQLName.MatchString(c.root):
		return nil, fmt.Errorf("sagex3: Root %q is not a GraphQL name", c.root)
	case c.pageSize < 0:
		return nil, errors.New("sagex3: PageSize must not be negative")
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
