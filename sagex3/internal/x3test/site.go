package x3test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
)

// The connected application and the cloud client a Site registers, and the path of its cloud GraphQL service.
const (
	AppID        = "mlc-connected-app"
	AppSecret    = "app-s3cret-9f8e7d6c5b4a"
	CloudID      = "mlc-cloud-client"
	CloudSecret  = "cloud-s3cret-1a2b3c4d5e6f"
	CustomerURL  = "https://x3.customer.example"
	CloudService = "/v1/service/X3CLOUDV2_SEED/api"
)

// Site is the simulator on a loopback server and a fake clock, with fault
// injection, a connected app and a cloud client registered, a request
// log, and an optional interceptor that can answer a request instead of
// the simulator. Tests of both clients and of the credentials run on it.
type Site struct {
	Sim       *x3sim.Server
	Srv       *httptest.Server
	Clock     *x3sim.Clock
	Faults    *faultinject.Injector
	TokenFile string
	Callback  string               // the application's callback: Sage posts approvals there
	Approvals chan x3auth.Callback // what was posted to it

	mu        sync.Mutex
	requests  []*http.Request
	intercept func(w http.ResponseWriter, r *http.Request) bool
}

// NewSite starts a simulator; site, when given, changes its configuration
// (the site it models, its GraphQL names).
func NewSite(t *testing.T, site ...func(*x3sim.Config)) *Site {
	t.Helper()
	f := &Site{Clock: x3sim.NewClock(T0), Faults: faultinject.New(1),
		TokenFile: filepath.Join(t.TempDir(), "x3-token.json")}
	cfg := x3sim.Config{Folder: "SEED", User: User, Password: Password, Seed: 42, Now: f.Clock.Now, Faults: f.Faults}
	for _, fn := range site {
		fn(&cfg)
	}
	cfg.GraphQLAPI = x3gql.New
	f.Sim = x3sim.New(cfg)
	f.Srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Clone(r.Context()))
		intercept := f.intercept
		f.mu.Unlock()
		if intercept != nil && intercept(w, r) {
			return
		}
		f.Sim.ServeHTTP(w, r)
	}))
	t.Cleanup(f.Srv.Close)
	f.Sim.AddConnectedApp(x3sim.ConnectedApp{ClientID: AppID, Secret: AppSecret, User: User,
		URL: f.Srv.URL + "/xtrem/api", Validity: 10 * time.Minute})
	f.Approvals = make(chan x3auth.Callback, 8)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb, err := x3auth.ReadCallback(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.Approvals <- cb
	}))
	t.Cleanup(app.Close)
	f.Callback = app.URL + "/x3/callback"
	f.Sim.AddOAuthClient(x3sim.OAuthClient{ID: CloudID, Secret: CloudSecret, RedirectURL: f.Callback})
	return f
}

// Count returns how many logged requests match.
func (f *Site) Count(match func(*http.Request) bool) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if match(r) {
			n++
		}
	}
	return n
}

// Requests returns the requests that reached the site, in order.
func (f *Site) Requests() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.requests...)
}

// IsGraphQL tells a GraphQL request, on premise or in the cloud.
func IsGraphQL(r *http.Request) bool {
	return r.URL.Path == "/xtrem/api" || strings.HasPrefix(r.URL.Path, "/v1/service/")
}

// SetIntercept lets fn answer requests first; it returns true for the
// ones it answered. nil removes it.
func (f *Site) SetIntercept(fn func(w http.ResponseWriter, r *http.Request) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.intercept = fn
}

// AuthConfig is the configuration of one mode against this fixture.
func (f *Site) AuthConfig(mode x3auth.Mode) x3auth.Config {
	cfg := x3auth.Config{
		Mode: mode, User: User, Password: Password,
		Audience:     f.Srv.URL + "/xtrem/api",
		TokenURL:     f.Srv.URL + "/v1/token",
		AuthorizeURL: f.Srv.URL + "/v1/token/authorise",
		RedirectURL:  f.Callback, Customer: CustomerURL,
		Scopes:    []string{"api.graphQL", "businessDomain.ALL"},
		TokenFile: f.TokenFile, HTTPClient: f.Srv.Client(), Now: f.Clock.Now,
	}
	switch mode {
	case x3auth.ConnectedApp:
		cfg.ClientID, cfg.ClientSecret = AppID, AppSecret
	case x3auth.AuthorizationCode:
		cfg.ClientID, cfg.ClientSecret = CloudID, CloudSecret
	}
	return cfg
}

// GraphQL builds a client in mode; authorization_code talks to the cloud
// path, the others to /xtrem/api with the folder header.
func (f *Site) GraphQL(t *testing.T, mode x3auth.Mode, mutate ...func(*x3auth.Config)) *graphql.Client {
	t.Helper()
	return f.GraphQLWith(t, mode, func(*graphql.Config) {}, mutate...)
}

// GraphQLWith is GraphQL with the client's configuration changed by setup.
func (f *Site) GraphQLWith(t *testing.T, mode x3auth.Mode, setup func(*graphql.Config),
	mutate ...func(*x3auth.Config)) *graphql.Client {
	t.Helper()
	cfg := f.AuthConfig(mode)
	for _, m := range mutate {
		m(&cfg)
	}
	creds, err := x3auth.NewCredentials(cfg)
	if err != nil {
		t.Fatal(err)
	}
	gc := graphql.Config{URL: f.Srv.URL + "/xtrem/api", Folder: "SEED", PageSize: 5,
		Credentials: creds, HTTPClient: f.Srv.Client()}
	setup(&gc)
	if mode == x3auth.AuthorizationCode {
		gc.URL, gc.Folder = f.Srv.URL+CloudService, ""
	}
	c, err := graphql.New(gc)
	if err != nil {
		t.Fatal(err)
	}
	f.Discover(t, c)
	return c
}

// Discover runs the discovery a daemon runs at start, then forgets its
// GraphQL requests, so tests count only what their operations send.
func (f *Site) Discover(t *testing.T, c *graphql.Client) {
	t.Helper()
	f.mu.Lock()
	before := len(f.requests)
	f.mu.Unlock()
	// A test of refused credentials sees the refusal on its own call.
	_, _ = c.Discover(context.Background(), AllCapabilities)
	f.mu.Lock()
	defer f.mu.Unlock()
	kept := f.requests[:before]
	for _, r := range f.requests[before:] {
		if !IsGraphQL(r) {
			kept = append(kept, r)
		}
	}
	f.requests = kept
}

// AllCapabilities is every capability discovery can be asked about.
var AllCapabilities = []core.X3Capability{core.CapPollPOs, core.CapReadLines, core.CapWrite855, core.CapRecord856, core.CapPollInvoices}

// Stock makes the simulator an X3 as installed (x3sim.SiteStock), for
// NewSite.
func Stock(c *x3sim.Config) { c.Site = x3sim.SiteStock }

// FindItem returns the item of a capability whose name holds part.
func FindItem(d core.X3Discovery, capability core.X3Capability, part string) (core.X3SetupItem, bool) {
	for _, it := range d.Items {
		if it.Capability == capability && strings.Contains(it.Name, part) {
			return it, true
		}
	}
	return core.X3SetupItem{}, false
}

// REST builds an api1 client (pages of 5) changed by mutate.
func (f *Site) REST(t *testing.T, mutate ...func(*rest.Config)) *rest.Client {
	t.Helper()
	cfg := rest.Config{BaseURL: f.Srv.URL, Folder: "SEED", User: User, Password: Password,
		PageSize: 5, HTTPClient: f.Srv.Client()}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := rest.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Pair does what `ml-connector x3 authorize` does: open the authorise URL
// (the simulator approves at once and posts the code to the callback),
// then exchange the code, which saves the refresh token to f.TokenFile.
func (f *Site) Pair(t *testing.T) {
	t.Helper()
	p, err := x3auth.NewPairing(f.AuthConfig(x3auth.AuthorizationCode))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.Srv.Client().Get(p.AuthorizeURL("state-42"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb := <-f.Approvals
	if cb.State != "state-42" || cb.Code == "" {
		t.Fatalf("callback %+v", cb)
	}
	if err := p.Exchange(context.Background(), cb); err != nil {
		t.Fatal(err)
	}
}

// Secrets lists every secret the connector holds or was handed.
func (f *Site) Secrets() []string {
	return append([]string{Password, BasicToken, AppSecret, CloudSecret}, f.Sim.IssuedTokens()...)
}

// Classified asserts err is a *core.Error of class want whose text holds
// none of the fixture's secrets (tokens included).
func (f *Site) Classified(t *testing.T, err error, want core.ErrorClass) *core.Error {
	t.Helper()
	ce := Classified(t, err, want)
	f.AssertClean(t, ErrorTexts(err)...)
	return ce
}

// AssertClean fails for each text that holds one of the fixture's secrets.
func (f *Site) AssertClean(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		for _, secret := range f.Secrets() {
			if strings.Contains(s, secret) {
				t.Errorf("text leaks a secret: %q", s)
			}
		}
	}
}
