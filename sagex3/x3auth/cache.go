package x3auth

import (
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Credentials authenticate requests to Sage X3: a token source that can be
// told a token was refused, so the next request gets a fresh one.
type Credentials interface {
	oauth2.TokenSource
	// Invalidate drops tok from the cache after X3 answered 401 to it.
	Invalidate(tok *oauth2.Token)
}

// maxEarlyRefresh bounds how long before its expiry a token is replaced:
// long enough that a token never expires during a request (the default
// request timeout is 30 s), short enough not to waste much of a 5-minute
// token.
const maxEarlyRefresh = 30 * time.Second

// TokenCache hands out one token until shortly before it expires, then
// fetches the next one from its source. Fetches happen one at a time:
// with rotating refresh tokens, two concurrent refreshes would spend the
// same refresh token twice and the second would be refused as a reuse.
// Expiry is judged by the cache's clock, so tests can run on a fake one.
type TokenCache struct {
	src oauth2.TokenSource
	now func() time.Time

	mu       sync.Mutex
	tok      *oauth2.Token
	obtained time.Time
}

// NewTokenCache caches tokens from src; now defaults to time.Now. Sources
// must set Expiry by the same clock (the ones in this package do).
func NewTokenCache(src oauth2.TokenSource, now func() time.Time) *TokenCache {
	if now == nil {
		now = time.Now
	}
	return &TokenCache{src: src, now: now}
}

// Token returns the cached token while it is fresh, or a new one.
func (c *TokenCache) Token() (*oauth2.Token, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok != nil && c.fresh() {
		return c.tok, nil
	}
	obtained := c.now()
	tok, err := c.src.Token()
	if err != nil {
		return nil, err
	}
	c.tok, c.obtained = tok, obtained
	return tok, nil
}

// Invalidate forgets tok if it is still the cached one; a token another
// request already replaced stays replaced.
func (c *TokenCache) Invalidate(tok *oauth2.Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if tok != nil && c.tok != nil && c.tok.AccessToken == tok.AccessToken {
		c.tok = nil
	}
}

// Expiry returns when the cached token expires; zero when none is cached
// or it never expires. It is for status displays.
func (c *TokenCache) Expiry() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok == nil {
		return time.Time{}
	}
	return c.tok.Expiry
}

// fresh reports whether the cached token may still be used: a tenth of its
// lifetime before expiry, at most maxEarlyRefresh, it is replaced.
func (c *TokenCache) fresh() bool {
	if c.tok.Expiry.IsZero() {
		return true
	}
	lifetime := c.tok.Expiry.Sub(c.obtained)
	if lifetime <= 0 {
		return false // expired on arrival (e.g. handed out after a failed save)
	}
	return c.now().Before(c.tok.Expiry.Add(-min(lifetime/10, maxEarlyRefresh)))
}

// endpointer is a token source that knows the regional API root Sage
// named when the connector was paired.
type endpointer interface{ Endpoint() string }

// Endpoint is the regional API root of a cloud pairing, or "".
func (c *TokenCache) Endpoint() string {
	if e, ok := c.src.(endpointer); ok {
		return e.Endpoint()
	}
	return ""
}
