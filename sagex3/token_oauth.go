package sagex3

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// oauthContext carries the HTTP client golang.org/x/oauth2 uses for token
// requests. Token sources have no per-call context (oauth2.TokenSource has
// none); the client's timeout bounds every token request.
func oauthContext(hc *http.Client) context.Context {
	return context.WithValue(context.Background(), oauth2.HTTPClient, hc)
}

func authStyle(inHeader bool) oauth2.AuthStyle {
	if inHeader {
		return oauth2.AuthStyleInHeader
	}
	// Never auto-detect: a failed probe would cost a second token request,
	// and with a rotating refresh token the second one is refused.
	return oauth2.AuthStyleInParams
}

// clientCredentialsSource fetches access tokens with the OAuth2
// client-credentials grant.
type clientCredentialsSource struct {
	conf   *clientcredentials.Config
	ctx    context.Context
	now    func() time.Time
	redact *redactor
}

func newClientCredentialsSource(cfg AuthConfig) *clientCredentialsSource {
	return &clientCredentialsSource{
		conf: &clientcredentials.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
			TokenURL: cfg.TokenURL, Scopes: cfg.Scopes, AuthStyle: authStyle(cfg.ClientAuthInHeader)},
		ctx:    oauthContext(cfg.HTTPClient),
		now:    cfg.Now,
		redact: newRedactor(cfg.ClientSecret),
	}
}

func (s *clientCredentialsSource) Token() (*oauth2.Token, error) {
	start := s.now()
	tok, err := s.conf.Token(s.ctx)
	if err != nil {
		return nil, tokenEndpointError("x3 client-credentials token", err, adviceClientCredentials, s.redact)
	}
	s.redact.add(tok.AccessToken)
	return withClockExpiry(tok, start), nil
}

// withClockExpiry recomputes Expiry from expires_in on the caller's clock:
// golang.org/x/oauth2 computes it with the wall clock, which a test on a
// fake clock (or a host whose clock jumps) cannot rely on. Counting from
// before the request errs on the early side.
func withClockExpiry(tok *oauth2.Token, start time.Time) *oauth2.Token {
	secs := tok.ExpiresIn
	if secs <= 0 {
		// The client-credentials package keeps expires_in only in Extra.
		secs = extraSeconds(tok.Extra("expires_in"))
	}
	if secs <= 0 {
		return tok
	}
	t := *tok
	t.Expiry = start.Add(time.Duration(secs) * time.Second)
	return &t
}

func extraSeconds(v any) int64 {
	switch n := v.(type) {
	case float64:
		return int64(n)
	case string:
		i, _ := strconv.ParseInt(n, 10, 64)
		return i
	}
	return 0
}
