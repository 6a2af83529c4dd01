package sagex3

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Pairing is the one-time authorisation of ml-connector in Sage's cloud:
// an operator opens AuthorizeURL, an X3 user approves, Sage calls the
// redirect URL back with an authorization code, and Exchange turns the
// code into the first refresh token, saved to the token file.
type Pairing struct {
	conf     *oauth2.Config
	file     TokenFile
	customer string
	hc       *http.Client
	now      func() time.Time
	redact   *redactor
}

// NewPairing checks cfg (mode authorization_code) and returns a pairing.
func NewPairing(cfg AuthConfig) (*Pairing, error) {
	cfg.Mode = AuthAuthorizationCode
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.AuthorizeURL == "" || cfg.RedirectURL == "" {
		return nil, errors.New("sagex3: AuthorizeURL and RedirectURL are required to pair")
	}
	p := &Pairing{conf: newOAuthConfig(cfg), file: TokenFile{Path: cfg.TokenFile}, customer: cfg.Customer,
		hc: cfg.HTTPClient, now: cfg.Now, redact: newRedactor(cfg.ClientSecret)}
	if p.now == nil {
		p.now = time.Now
	}
	return p, nil
}

// AuthorizeURL is the page the operator opens. state comes back with the
// code and proves the callback answers this request.
func (p *Pairing) AuthorizeURL(state string) string {
	var opts []oauth2.AuthCodeOption
	if p.customer != "" {
		opts = append(opts, oauth2.SetAuthURLParam("customer", p.customer))
	}
	return p.conf.AuthCodeURL(state, opts...)
}

// Exchange trades the authorization code for tokens and saves the refresh
// token. The access token is not kept: the first call to X3 refreshes.
func (p *Pairing) Exchange(ctx context.Context, code string) error {
	const op = "x3 authorization code exchange"
	if p.hc != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, p.hc)
	}
	p.redact.add(code)
	tok, err := p.conf.Exchange(ctx, code)
	if err != nil {
		return tokenEndpointError(op, err, "Sage X3 did not accept the authorization code", p.redact)
	}
	p.redact.add(tok.AccessToken)
	p.redact.add(tok.RefreshToken)
	if tok.RefreshToken == "" {
		return errors.New("Sage X3 answered without a refresh token: the connector could not renew its access")
	}
	if err := p.file.Save(tok.RefreshToken, p.now()); err != nil {
		return p.redact.wrap(err)
	}
	return nil
}

// Callback is what Sage sends to the redirect URL after approval.
type Callback struct {
	Code     string // authorizationCode (or code)
	State    string
	Endpoint string // set when the customer's region differs: use it from then on
}

// ParseCallback reads what an operator pastes: the bare code, the query
// string of the callback, or the whole callback URL.
func ParseCallback(input string) Callback {
	s := strings.TrimSpace(input)
	if !strings.Contains(s, "=") {
		return Callback{Code: s}
	}
	if _, query, ok := strings.Cut(s, "?"); ok {
		s = query
	}
	v, err := url.ParseQuery(s)
	if err != nil {
		return Callback{}
	}
	return Callback{Code: firstNonEmpty(v.Get("authorizationCode"), v.Get("code")),
		State: v.Get("state"), Endpoint: v.Get("endpoint")}
}
