package x3sim

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// Default lifetimes of Sage's cloud tokens (docs: 5 minutes, 30 days).
const (
	DefaultAccessLifetime  = 5 * time.Minute
	DefaultRefreshLifetime = 30 * 24 * time.Hour
	codeLifetime           = 10 * time.Minute // an unused authorization code
)

// ConnectedApp is an X3 "connected application" (on-premise GraphQL): the
// client signs its own HS256 JWT with Secret.
type ConnectedApp struct {
	ClientID string
	Secret   string
	User     string        // the allowed user: the JWT's sub must name it
	URL      string        // the registered API URL: aud must equal it ("" accepts any aud)
	Validity time.Duration // "Tokens validity": the longest exp − iat; default 600 s
}

// OAuthClient is an application registered for Sage's cloud token API.
type OAuthClient struct {
	ID          string
	Secret      string
	RedirectURL string // where pairing approvals are posted
	// Endpoint, when set, is the regional API root the approval callback
	// names, as Sage does when the customer's region differs.
	Endpoint string
	User     string // the X3 user calls run as; default Config.User
}

// TokenStats counts requests to the token endpoint by outcome.
type TokenStats struct {
	AuthorizationCode int // codes exchanged
	Refresh           int // refresh tokens spent
	Refused           int // requests answered with an error
}

// grant is one issued token.
type grant struct {
	client  string
	user    string
	expires time.Time
	revoked bool
	used    bool // refresh tokens are single-use
}

// tokenState is the simulator's memory of applications and tokens.
type tokenState struct {
	mu              sync.Mutex
	apps            map[string]ConnectedApp
	clients         map[string]OAuthClient
	accessLifetime  time.Duration
	refreshLifetime time.Duration
	codes           map[string]*grant
	access          map[string]*grant
	refresh         map[string]*grant
	stats           TokenStats
	issued          []string
}

// lockedInit prepares the maps; the caller holds mu.
func (t *tokenState) lockedInit() {
	if t.apps != nil {
		return
	}
	t.apps, t.clients = map[string]ConnectedApp{}, map[string]OAuthClient{}
	t.codes, t.access, t.refresh = map[string]*grant{}, map[string]*grant{}, map[string]*grant{}
	t.accessLifetime, t.refreshLifetime = DefaultAccessLifetime, DefaultRefreshLifetime
}

// AddConnectedApp registers a connected application.
func (s *Server) AddConnectedApp(app ConnectedApp) {
	if app.Validity == 0 {
		app.Validity = 600 * time.Second
	}
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	s.tokens.lockedInit()
	s.tokens.apps[app.ClientID] = app
}

// AddOAuthClient registers an application with the cloud token API.
func (s *Server) AddOAuthClient(c OAuthClient) {
	if c.User == "" {
		c.User = s.cfg.User
	}
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	s.tokens.lockedInit()
	s.tokens.clients[c.ID] = c
}

// SetTokenLifetimes changes the lifetimes of tokens issued from now on;
// zero keeps a lifetime unchanged.
func (s *Server) SetTokenLifetimes(access, refresh time.Duration) {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	s.tokens.lockedInit()
	if access > 0 {
		s.tokens.accessLifetime = access
	}
	if refresh > 0 {
		s.tokens.refreshLifetime = refresh
	}
}

// RevokeGrant does what a customer deleting the pairing does: every
// access and refresh token of the client stops working. It returns how
// many tokens were revoked.
func (s *Server) RevokeGrant(clientID string) int {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	s.tokens.lockedInit()
	return s.tokens.lockedRevoke(clientID)
}

// ExpireAccessTokens ends every access token now, as if their 5 minutes
// were over: the next call with one is answered 401.
func (s *Server) ExpireAccessTokens() {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	for _, g := range s.tokens.access {
		g.revoked = true
	}
}

// TokenStats returns the token endpoint's counters.
func (s *Server) TokenStats() TokenStats {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	return s.tokens.stats
}

// IssuedTokens returns every access token, refresh token and authorization
// code handed out so far, for tests that scan output for leaked secrets.
func (s *Server) IssuedTokens() []string {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	return append([]string(nil), s.tokens.issued...)
}

func (t *tokenState) lockedRevoke(clientID string) int {
	n := 0
	for _, m := range []map[string]*grant{t.access, t.refresh} {
		for _, g := range m {
			if g.client == clientID && !g.revoked {
				g.revoked = true
				n++
			}
		}
	}
	return n
}

// lockedIssue stores a new token of the given kind and returns it.
func (t *tokenState) lockedIssue(into map[string]*grant, prefix string, g grant) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	tok := prefix + hex.EncodeToString(b)
	into[tok] = &g
	t.issued = append(t.issued, tok)
	return tok
}
