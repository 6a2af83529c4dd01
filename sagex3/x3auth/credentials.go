// Package x3auth holds the credentials the connector presents to Sage
// X3's GraphQL API: HTTP Basic, the JWT of an on-premise connected
// application, and Sage's cloud pairing (an authorization code approved
// once by an operator, then rotating refresh tokens kept in a 0600 file),
// all behind a cache that renews a token shortly before it expires.
package x3auth

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// Mode is how ml-connector proves who it is to Sage X3.
type Mode string

const (
	// Basic is HTTP Basic with a web-service user and password (api1).
	Basic Mode = "basic"
	// ConnectedApp is the on-premise GraphQL way: a JWT the connector
	// signs itself with a connected application's secret.
	ConnectedApp Mode = "connected_app"
	// AuthorizationCode is Sage's cloud pairing: an authorization code
	// obtained once by an operator, then rotating refresh tokens.
	AuthorizationCode Mode = "authorization_code"
)

// Config holds what every mode may need; each mode reads its part.
type Config struct {
	Mode Mode

	User     string // basic: the login; connected_app: the allowed user (sub)
	Password string // basic

	ClientID     string // connected_app (iss), authorization_code
	ClientSecret string // never printed: see String
	Audience     string // connected_app: the API URL registered with the app (aud)
	// TokenLifetime is how long a connected-app JWT lives; it must not
	// exceed the application's "Tokens validity". Default 5 minutes.
	TokenLifetime time.Duration

	TokenURL     string   // authorization_code: Sage's Token API, …/v1/token
	AuthorizeURL string   // authorization_code: where the operator approves
	RedirectURL  string   // authorization_code: registered callback
	Customer     string   // authorization_code: the customer's X3 URL
	Scopes       []string // authorization_code
	// TokenFile keeps the refresh token of authorization_code (mode 0600).
	TokenFile string

	HTTPClient *http.Client     // for token requests; default 30 s timeout
	Now        func() time.Time // default time.Now; token expiry follows it
	// OnRefresh, when set, is told of every token request the cache makes
	// (not of cached answers), with its error: a hook for metrics.
	OnRefresh func(err error)
}

// String prints the configuration without its secrets.
func (c Config) String() string {
	return fmt.Sprintf("x3auth.Config{Mode: %q, User: %q, Password: %q, ClientID: %q, ClientSecret: %q, TokenURL: %q, TokenFile: %q}",
		c.Mode, c.User, mark(c.Password), c.ClientID, mark(c.ClientSecret), c.TokenURL, c.TokenFile)
}

// GoString keeps %#v from printing the secrets too.
func (c Config) GoString() string { return c.String() }

func mark(secret string) string {
	if secret == "" {
		return ""
	}
	return x3wire.RedactedMark
}

// NewCredentials returns the cached token source of cfg.Mode. It makes no
// request: the first token is fetched by the first call to X3.
func NewCredentials(cfg Config) (*TokenCache, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: x3wire.DefaultTimeout}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	var src oauth2.TokenSource
	switch cfg.Mode {
	case Basic:
		return NewTokenCache(basicSource(cfg.User, cfg.Password), cfg.Now), nil
	case ConnectedApp:
		src = newConnectedAppSource(cfg)
	default:
		src = newRefreshSource(cfg)
	}
	if cfg.OnRefresh != nil {
		src = reportingSource{src: src, report: cfg.OnRefresh}
	}
	return NewTokenCache(src, cfg.Now), nil
}

// reportingSource tells a hook about every token it fetches.
type reportingSource struct {
	src    oauth2.TokenSource
	report func(error)
}

func (r reportingSource) Endpoint() string {
	if e, ok := r.src.(endpointer); ok {
		return e.Endpoint()
	}
	return ""
}

func (r reportingSource) Token() (*oauth2.Token, error) {
	tok, err := r.src.Token()
	r.report(err)
	return tok, err
}

func (c Config) validate() error {
	need := func(v, what string) error {
		if v == "" {
			return fmt.Errorf("sagex3: %s is required for %s authentication", what, c.Mode)
		}
		return nil
	}
	switch c.Mode {
	case Basic:
		return errors.Join(need(c.User, "User"), need(c.Password, "Password"))
	case ConnectedApp:
		return errors.Join(need(c.ClientID, "ClientID"), need(c.ClientSecret, "ClientSecret"), need(c.User, "User"))
	case AuthorizationCode:
		return errors.Join(need(c.ClientID, "ClientID"), need(c.ClientSecret, "ClientSecret"),
			need(c.TokenURL, "TokenURL"), need(c.TokenFile, "TokenFile"))
	}
	return fmt.Errorf("sagex3: unknown authentication mode %q", c.Mode)
}
