package x3auth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// tokenAPI is Sage's cloud Token API (developer.sage.com/x3/authorization-
// token-endpoints): POST {root}/token with a JSON body, {code, client_id,
// client_secret, grant_type: "authorization_code", redirect_uri} to pair,
// and the same with grant_type "refresh_token" and refresh_token to renew.
// golang.org/x/oauth2 sends a form, which is not what Sage documents.
type tokenAPI struct {
	url          string // {root}/token
	clientID     string
	clientSecret string
	redirectURL  string
	hc           *http.Client
	now          func() time.Time
	redact       *x3wire.Redactor
}

// tokenAnswer is the Token API's answer.
//
// UNCONFIRMED: Sage's pages show the tokens' claims and lifetimes (access
// 5 minutes, refresh 30 days), not the answer's field names; we read the
// OAuth2 ones (access_token, refresh_token, expires_in).
type tokenAnswer struct {
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	TokenType    string          `json:"token_type"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
}

// exchange trades an authorization code for tokens.
func (a *tokenAPI) exchange(ctx context.Context, op, code, advice string) (*oauth2.Token, error) {
	return a.call(ctx, op, advice, map[string]string{"code": code, "client_id": a.clientID,
		"client_secret": a.clientSecret, "grant_type": "authorization_code", "redirect_uri": a.redirectURL})
}

// refresh spends a refresh token for a new pair.
func (a *tokenAPI) refresh(ctx context.Context, op, refreshToken, advice string) (*oauth2.Token, error) {
	return a.call(ctx, op, advice, map[string]string{"refresh_token": refreshToken, "client_id": a.clientID,
		"client_secret": a.clientSecret, "grant_type": "refresh_token"})
}

func (a *tokenAPI) call(ctx context.Context, op, advice string, body map[string]string) (*oauth2.Token, error) {
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.url, bytes.NewReader(payload))
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: a.redact.Wrap(err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	start := a.now()
	resp, err := a.hc.Do(req)
	if err != nil {
		return nil, &core.Error{Class: core.Transient, Op: op, Err: a.redact.Wrap(err)}
	}
	defer resp.Body.Close()
	data, err := x3wire.ReadLimited(resp.Body)
	if err != nil {
		return nil, &core.Error{Class: core.Transient, Op: op, Status: resp.StatusCode, Err: a.redact.Wrap(err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, tokenEndpointError(op, &oauth2.RetrieveError{Response: resp, Body: data}, advice, a.redact)
	}
	return a.token(op, data, start)
}

// token reads a 2xx answer; the expiry is counted on the caller's clock
// from before the request, erring on the early side.
func (a *tokenAPI) token(op string, data []byte, start time.Time) (*oauth2.Token, error) {
	var ans tokenAnswer
	if err := json.Unmarshal(data, &ans); err != nil || ans.AccessToken == "" {
		return nil, &core.Error{Class: core.Transient, Op: op, Status: 200, Message: "the token endpoint answered without an access token"}
	}
	a.redact.Add(ans.AccessToken)
	a.redact.Add(ans.RefreshToken)
	tok := &oauth2.Token{AccessToken: ans.AccessToken, RefreshToken: ans.RefreshToken, TokenType: ans.TokenType}
	if secs := seconds(ans.ExpiresIn); secs > 0 {
		tok.Expiry = start.Add(time.Duration(secs) * time.Second)
	}
	return tok, nil
}

// seconds reads expires_in, a number or a numeric string.
func seconds(raw json.RawMessage) int64 {
	s := strings.Trim(string(raw), `"`)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// tokenURL is {endpoint}/token when Sage named a regional endpoint in the
// pairing callback ("your App must use this endpoint for future calls"),
// else the configured token URL.
func tokenURL(configured, endpoint string) string {
	if endpoint != "" {
		return strings.TrimRight(endpoint, "/") + "/token"
	}
	return configured
}

func (a *tokenAPI) String() string { return fmt.Sprintf("tokenAPI{%s}", a.url) }
