package sagex3_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const (
	appID        = "mlc-connected-app"
	appSecret    = "app-s3cret-9f8e7d6c5b4a"
	cloudID      = "mlc-cloud-client"
	cloudSecret  = "cloud-s3cret-1a2b3c4d5e6f"
	customerURL  = "https://x3.customer.example"
	cloudService = "/v1/service/X3CLOUDV2_SEED/api"
)

// gqlFixture is the simulator on a fake clock with a connected app and a
// cloud client registered, a request log, and an optional interceptor
// that can answer a request instead of the simulator.
type gqlFixture struct {
	sim       *x3sim.Server
	srv       *httptest.Server
	clock     *x3sim.Clock
	faults    *faultinject.Injector
	tokenFile string
	callback  string               // the application's callback: Sage posts approvals there
	approvals chan sagex3.Callback // what was posted to it

	mu        sync.Mutex
	requests  []*http.Request
	intercept func(w http.ResponseWriter, r *http.Request) bool
}

// newGQLFixture starts a simulator; site, when given, changes its
// configuration (the site it models, its GraphQL names).
func newGQLFixture(t *testing.T, site ...func(*x3sim.Config)) *gqlFixture {
	t.Helper()
	f := &gqlFixture{clock: x3sim.NewClock(t0), faults: faultinject.New(1),
		tokenFile: filepath.Join(t.TempDir(), "x3-token.json")}
	cfg := x3sim.Config{Folder: "SEED", User: testUser, Password: testPassword, Seed: 42, Now: f.clock.Now, Faults: f.faults}
	for _, fn := range site {
		fn(&cfg)
	}
	f.sim = x3sim.New(cfg)
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Clone(r.Context()))
		intercept := f.intercept
		f.mu.Unlock()
		if intercept != nil && intercept(w, r) {
			return
		}
		f.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	f.sim.AddConnectedApp(x3sim.ConnectedApp{ClientID: appID, Secret: appSecret, User: testUser,
		URL: f.srv.URL + "/xtrem/api", Validity: 10 * time.Minute})
	f.approvals = make(chan sagex3.Callback, 8)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb, err := sagex3.ReadCallback(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.approvals <- cb
	}))
	t.Cleanup(app.Close)
	f.callback = app.URL + "/x3/callback"
	f.sim.AddOAuthClient(x3sim.OAuthClient{ID: cloudID, Secret: cloudSecret, RedirectURL: f.callback})
	return f
}

// count returns how many logged requests match.
func (f *gqlFixture) count(match func(*http.Request) bool) int {
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

func isGraphQL(r *http.Request) bool {
	return r.URL.Path == "/xtrem/api" || strings.HasPrefix(r.URL.Path, "/v1/service/")
}

func (f *gqlFixture) setIntercept(fn func(w http.ResponseWriter, r *http.Request) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.intercept = fn
}

// authConfig is the configuration of one mode against this fixture.
func (f *gqlFixture) authConfig(mode sagex3.AuthMode) sagex3.AuthConfig {
	cfg := sagex3.AuthConfig{
		Mode: mode, User: testUser, Password: testPassword,
		Audience:     f.srv.URL + "/xtrem/api",
		TokenURL:     f.srv.URL + "/v1/token",
		AuthorizeURL: f.srv.URL + "/v1/token/authorise",
		RedirectURL:  f.callback, Customer: customerURL,
		Scopes:    []string{"api.graphQL", "businessDomain.ALL"},
		TokenFile: f.tokenFile, HTTPClient: f.srv.Client(), Now: f.clock.Now,
	}
	switch mode {
	case sagex3.AuthConnectedApp:
		cfg.ClientID, cfg.ClientSecret = appID, appSecret
	case sagex3.AuthAuthorizationCode:
		cfg.ClientID, cfg.ClientSecret = cloudID, cloudSecret
	}
	return cfg
}

// graphQL builds a client in mode; authorization_code talks to the cloud
// path, the others to /xtrem/api with the folder header.
func (f *gqlFixture) graphQL(t *testing.T, mode sagex3.AuthMode, mutate ...func(*sagex3.AuthConfig)) *sagex3.GraphQLClient {
	t.Helper()
	return f.graphQLWith(t, mode, func(*sagex3.GraphQLConfig) {}, mutate...)
}

// graphQLWith is graphQL with the client's configuration changed by setup.
func (f *gqlFixture) graphQLWith(t *testing.T, mode sagex3.AuthMode, setup func(*sagex3.GraphQLConfig),
	mutate ...func(*sagex3.AuthConfig)) *sagex3.GraphQLClient {
	t.Helper()
	cfg := f.authConfig(mode)
	for _, m := range mutate {
		m(&cfg)
	}
	creds, err := sagex3.NewCredentials(cfg)
	if err != nil {
		t.Fatal(err)
	}
	gc := sagex3.GraphQLConfig{URL: f.srv.URL + "/xtrem/api", Folder: "SEED", PageSize: 5,
		Credentials: creds, HTTPClient: f.srv.Client()}
	setup(&gc)
	if mode == sagex3.AuthAuthorizationCode {
		gc.URL, gc.Folder = f.srv.URL+cloudService, ""
	}
	c, err := sagex3.NewGraphQL(gc)
	if err != nil {
		t.Fatal(err)
	}
	f.discover(t, c)
	return c
}

// discover runs the discovery a daemon runs at start, then forgets its
// GraphQL requests, so tests count only what their operations send.
func (f *gqlFixture) discover(t *testing.T, c *sagex3.GraphQLClient) {
	t.Helper()
	f.mu.Lock()
	before := len(f.requests)
	f.mu.Unlock()
	// A test of refused credentials sees the refusal on its own call.
	_, _ = c.Discover(context.Background(), allCapabilities)
	f.mu.Lock()
	defer f.mu.Unlock()
	kept := f.requests[:before]
	for _, r := range f.requests[before:] {
		if !isGraphQL(r) {
			kept = append(kept, r)
		}
	}
	f.requests = kept
}

var allCapabilities = []core.X3Capability{core.CapPollPOs, core.CapReadLines, core.CapWrite855, core.CapRecord856, core.CapPollInvoices}

func (f *gqlFixture) rest(t *testing.T) *sagex3.Client {
	t.Helper()
	c, err := sagex3.New(sagex3.Config{BaseURL: f.srv.URL, Folder: "SEED", User: testUser, Password: testPassword,
		PageSize: 5, HTTPClient: f.srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pair does what `ml-connector x3 authorize` does: open the authorise URL
// (the simulator approves at once and posts the code to the callback),
// then exchange the code, which saves the refresh token to f.tokenFile.
func (f *gqlFixture) pair(t *testing.T) {
	t.Helper()
	p, err := sagex3.NewPairing(f.authConfig(sagex3.AuthAuthorizationCode))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.srv.Client().Get(p.AuthorizeURL("state-42"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb := <-f.approvals
	if cb.State != "state-42" || cb.Code == "" {
		t.Fatalf("callback %+v", cb)
	}
	if err := p.Exchange(context.Background(), cb); err != nil {
		t.Fatal(err)
	}
}

// secrets lists every secret the connector holds or was handed.
func (f *gqlFixture) secrets() []string {
	return append([]string{testPassword, basicToken, appSecret, cloudSecret}, f.sim.IssuedTokens()...)
}

// gqlClassified asserts err is a *core.Error of class want whose text holds
// none of the fixture's secrets (tokens included).
func (f *gqlFixture) classified(t *testing.T, err error, want core.ErrorClass) *core.Error {
	t.Helper()
	ce := classified(t, err, want)
	f.assertClean(t, errorTexts(err)...)
	return ce
}

func (f *gqlFixture) assertClean(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		for _, secret := range f.secrets() {
			if strings.Contains(s, secret) {
				t.Errorf("text leaks a secret: %q", s)
			}
		}
	}
}

func errorTexts(err error) []string {
	var texts []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		texts = append(texts, ce.Op, ce.Code, ce.Message)
	}
	return texts
}
