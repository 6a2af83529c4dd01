package sagex3

import (
	"context"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
)

const opRefresh = "x3 token refresh"

// refreshSource turns the refresh token of a cloud pairing into access
// tokens. Every refresh returns a new refresh token and retires the old
// one, so the new one is saved to the token file before the access token
// is handed out. Before each refresh the file is read again: when an
// operator paired again (ml-connector x3 authorize), its token wins.
type refreshSource struct {
	conf   *oauth2.Config
	file   TokenFile
	ctx    context.Context
	now    func() time.Time
	redact *redactor

	mu        sync.Mutex
	current   string        // the refresh token to spend next
	fileToken string        // what the file held when last read or written
	pending   *oauth2.Token // refreshed, but its refresh token is not saved yet
}

func newOAuthConfig(cfg AuthConfig) *oauth2.Config {
	return &oauth2.Config{
		ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL, Scopes: cfg.Scopes,
		Endpoint: oauth2.Endpoint{AuthURL: cfg.AuthorizeURL, TokenURL: cfg.TokenURL, AuthStyle: authStyle(cfg.ClientAuthInHeader)},
	}
}

func newRefreshSource(cfg AuthConfig) *refreshSource {
	return &refreshSource{conf: newOAuthConfig(cfg), file: TokenFile{Path: cfg.TokenFile},
		ctx: oauthContext(cfg.HTTPClient), now: cfg.Now, redact: newRedactor(cfg.ClientSecret)}
}

// Token refreshes once and returns the new access token.
func (s *refreshSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending != nil {
		return s.savePending()
	}
	if err := s.adoptFile(); err != nil {
		return nil, err
	}
	start := s.now()
	tok, err := s.conf.TokenSource(s.ctx, &oauth2.Token{RefreshToken: s.current}).Token()
	if err != nil {
		return nil, tokenEndpointError(opRefresh, err, AuthExpiredMessage, s.redact)
	}
	s.redact.add(tok.AccessToken)
	s.redact.add(tok.RefreshToken)
	if tok.RefreshToken != "" {
		s.current = tok.RefreshToken
	}
	s.pending = withClockExpiry(tok, start)
	return s.savePending()
}

// adoptFile reads the token file and takes its refresh token when the file
// changed since this process last read or wrote it. Without a file, a
// token already held in memory is kept (and saved again after the next
// refresh).
func (s *refreshSource) adoptFile() error {
	saved, err := s.file.Load()
	switch {
	case err != nil && s.current == "":
		return &core.Error{Class: core.Unauthorized, Op: opRefresh, Message: s.redact.text(err.Error())}
	case err == nil && saved != s.fileToken:
		s.current, s.fileToken = saved, saved
		s.redact.add(saved)
	}
	return nil
}

// savePending saves a rotated refresh token, then hands out the access
// token that came with it. When saving fails, the tokens stay in memory
// and the next call tries again instead of refreshing (which would rotate
// the token once more).
func (s *refreshSource) savePending() (*oauth2.Token, error) {
	if s.current != s.fileToken {
		if err := s.file.Save(s.current, s.now()); err != nil {
			return nil, &core.Error{Class: core.Transient, Op: opRefresh,
				Message: "the Sage X3 token was refreshed but the new refresh token could not be saved; retrying",
				Err:     s.redact.wrap(err)}
		}
		s.fileToken = s.current
	}
	tok := s.pending
	s.pending = nil
	return tok, nil
}
