package sagex3

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// AuthMode is how ml-connector proves who it is to Sage X3.
type AuthMode string

const (
	// AuthBasic is HTTP Basic with a web-service user and password (api1).
	AuthBasic AuthMode = "basic"
	// AuthConnectedApp is the on-premise GraphQL way: a JWT the connector
	// signs itself with a connected application's secret.
	AuthConnectedApp AuthMode = "connected_app"
	// AuthAuthorizationCode is Sage's cloud pairing: an authorization code
	// obtained once by an operator, then rotating refresh tokens.
	AuthAuthorizationCode AuthMode = "authorization_code"
)

// AuthConfig holds what every mode may need; each mode reads its part.
type AuthConfig struct {
	Mode AuthMode

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
func (c AuthConfig) String() string {
	return fmt.Sprintf("sagex3.AuthConfig{Mode: %q, User: %q, Password: %q, ClientID: %q, ClientSecret: %q, TokenURL: %q, TokenFile: %q}",
		c.Mode, c.User, mark(c.Password), c.ClientID, mark(c.ClientSecret), c.TokenURL, c.TokenFile)
}

// GoString keeps %#v from printing the secrets too.
func (c AuthConfig) GoString() string { return c.String() }

func mark(secret string) string {
	if secret == "" {
		return ""
	}
	return redactedMark
}

// NewCredentials returns the cached token source of cfg.Mode. It makes no
// request: the first token is fetched by the first call to X3.
func NewCredentials(cfg AuthConfig) (*TokenCache, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: defaultTimeout}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	var src oauth2.TokenSource
	switch cfg.Mode {
	case AuthBasic:
		return NewTokenCache(basicSource(cfg.User, cfg.Password), cfg.Now), nil
	case AuthConnectedApp:
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

func (c AuthConfig) validate() error {
	need := func(v, what string) error {
		if v == "" {
			return fmt.Errorf("sagex3: %s is required for %s authentication", what, c.Mode)
		}
		return nil
	}
	switch c.Mode {
	case AuthBasic:
		return errors.Join(need(c.User, "User"), need(c.Password, "Password"))
	case AuthConnectedApp:
		return errors.Join(need(c.ClientID, "ClientID"), need(c.ClientSecret, "ClientSecret"), need(c.User, "User"))
	case AuthAuthorizationCode:
		return errors.Join(need(c.ClientID, "ClientID"), need(c.ClientSecret, "ClientSecret"),
			need(c.TokenURL, "TokenURL"), need(c.TokenFile, "TokenFile"))
	}
	return fmt.Errorf("sagex3: unknown authentication mode %q", c.Mode)
}
