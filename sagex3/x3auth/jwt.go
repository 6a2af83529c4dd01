package x3auth

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
)

// basicSource serves HTTP Basic credentials as a token that never expires;
// oauth2.Token.SetAuthHeader writes "Basic <base64(user:password)>".
func basicSource(user, password string) oauth2.TokenSource {
	return oauth2.StaticTokenSource(&oauth2.Token{
		AccessToken: base64.StdEncoding.EncodeToString([]byte(user + ":" + password)),
		TokenType:   "Basic",
	})
}

const (
	defaultJWTLifetime = 5 * time.Minute
	// maxJWTBackdate puts iat up to this far in the past (a quarter of the
	// lifetime at most): X3 refuses a token issued in the future
	// ("error 21"), and its clock may run a little behind ours.
	maxJWTBackdate = 30 * time.Second
)

// connectedAppSource signs the JWT that on-premise X3 GraphQL expects from
// a connected application: HS256 with the application's secret, iss = the
// client id, sub = the allowed user, aud = the registered API URL.
type connectedAppSource struct {
	clientID, secret, user, audience string
	lifetime                         time.Duration
	now                              func() time.Time
}

func newConnectedAppSource(cfg Config) *connectedAppSource {
	lifetime := cfg.TokenLifetime
	if lifetime <= 0 {
		lifetime = defaultJWTLifetime
	}
	return &connectedAppSource{clientID: cfg.ClientID, secret: cfg.ClientSecret, user: cfg.User,
		audience: cfg.Audience, lifetime: lifetime, now: cfg.Now}
}

// Token signs a new JWT. exp − iat is the configured lifetime, so a
// lifetime within the application's "Tokens validity" is always accepted;
// the token is usable for the lifetime less the backdating.
func (s *connectedAppSource) Token() (*oauth2.Token, error) {
	iat := s.now().Add(-min(maxJWTBackdate, s.lifetime/4)).Truncate(time.Second)
	exp := iat.Add(s.lifetime)
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"iss": s.clientID, "sub": s.user, "aud": s.audience,
		"iat": iat.Unix(), "exp": exp.Unix(),
	}).SignedString([]byte(s.secret))
	if err != nil {
		// Only an empty key fails here, and validate refuses it: never
		// quote the error, it could describe the key.
		return nil, &core.Error{Class: core.Permanent, Op: "x3 sign connected-app token",
			Err: fmt.Errorf("signing failed (%T)", err)}
	}
	return &oauth2.Token{AccessToken: signed, TokenType: "Bearer", Expiry: exp}, nil
}
