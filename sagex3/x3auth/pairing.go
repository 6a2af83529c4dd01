package x3auth

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// Pairing is the one-time authorisation of ml-connector in Sage's cloud:
// an operator opens AuthorizeURL, an X3 user approves, Sage posts the
// authorization code to the redirect URL (Callback), and Exchange turns
// the code into the first refresh token, saved to the token file.
type Pairing struct {
	cfg  Config
	file TokenFile
}

// NewPairing checks cfg (mode authorization_code) and returns a pairing.
func NewPairing(cfg Config) (*Pairing, error) {
	cfg.Mode = AuthorizationCode
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.AuthorizeURL == "" || cfg.RedirectURL == "" {
		return nil, errors.New("sagex3: AuthorizeURL and RedirectURL are required to pair")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: x3wire.DefaultTimeout}
	}
	return &Pairing{cfg: cfg, file: TokenFile{Path: cfg.TokenFile}}, nil
}

// AuthorizeURL is the pairing request the operator opens: GET
// …/v1/token/authorise with client_id, scope, customer, redirect_uri and
// state, as Sage documents it. state comes back with the code and proves
// the callback answers this request.
func (p *Pairing) AuthorizeURL(state string) string {
	q := url.Values{"client_id": {p.cfg.ClientID}, "redirect_uri": {p.cfg.RedirectURL}, "state": {state}}
	if len(p.cfg.Scopes) > 0 {
		q.Set("scope", strings.Join(p.cfg.Scopes, " "))
	}
	if p.cfg.Customer != "" {
		q.Set("customer", p.cfg.Customer)
	}
	sep := "?"
	if strings.Contains(p.cfg.AuthorizeURL, "?") {
		sep = "&"
	}
	return p.cfg.AuthorizeURL + sep + q.Encode()
}

// Exchange trades the authorization code for tokens at the Token API
// (JSON body) and saves the refresh token. When the callback named an
// endpoint, the exchange goes there and the endpoint is saved with the
// token: Sage says to use it for every later call. The access token is
// not kept: the first call to X3 refreshes.
func (p *Pairing) Exchange(ctx context.Context, cb Callback) error {
	const op = "x3 authorization code exchange"
	api := newTokenAPI(p.cfg, tokenURL(p.cfg.TokenURL, cb.Endpoint))
	api.redact.Add(cb.Code)
	tok, err := api.exchange(ctx, op, cb.Code, "Sage X3 did not accept the authorization code")
	if err != nil {
		return err
	}
	if tok.RefreshToken == "" {
		return errors.New("Sage X3 answered without a refresh token: the connector could not renew its access")
	}
	saved := Saved{RefreshToken: tok.RefreshToken, Endpoint: strings.TrimRight(cb.Endpoint, "/")}
	if err := p.file.SaveSaved(saved, p.cfg.Now()); err != nil {
		return api.redact.Wrap(err)
	}
	return nil
}

// Callback is what Sage sends to the redirect URL after approval.
type Callback struct {
	Code     string // authorizationCode (or code)
	State    string
	Endpoint string // set when the customer's region differs: use it from then on
}

// ParseCallback reads what an operator pastes: the bare code, the form or
// query string of the callback, or a whole address carrying it.
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
	return callbackOf(v)
}

func callbackOf(v url.Values) Callback {
	return Callback{Code: cmp.Or(v.Get("authorizationCode"), v.Get("code")),
		State: v.Get("state"), Endpoint: v.Get("endpoint")}
}

// ReadCallback reads Sage's callback request: an HTTP POST carrying
// authorizationCode, state and endpoint (developer.sage.com/x3/
// authorization-token-endpoints/make-api-calls).
//
// UNCONFIRMED: the page lists the three fields, not the body's encoding;
// a form (what a browser or a server posting fields sends) and JSON are
// both read.
func ReadCallback(r *http.Request) (Callback, error) {
	if r.Method != http.MethodPost {
		return Callback{}, errors.New("Sage posts the authorization to this address")
	}
	body := http.MaxBytesReader(nil, r.Body, 64<<10)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		var m map[string]string
		if err := json.NewDecoder(body).Decode(&m); err != nil {
			return Callback{}, errors.New("the callback body is not a JSON object of strings")
		}
		v := url.Values{}
		for k, x := range m {
			v.Set(k, x)
		}
		return callbackOf(v), nil
	}
	if err := r.ParseForm(); err != nil {
		return Callback{}, errors.New("the callback body is not a form")
	}
	return callbackOf(r.PostForm), nil
}
