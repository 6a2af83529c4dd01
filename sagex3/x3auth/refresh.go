package x3auth

import (
	"context"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

const opRefresh = "x3 token refresh"

// refreshSource turns the refresh token of a cloud pairing into access
// tokens through Sage's Token API (tokenapi.go). Every refresh returns a
// new refresh token and retires the old one, so the new one is saved to
// the token file before the access token is handed out. Before each
// refresh the file is read again: when an operator paired again
// (ml-connector x3 authorize), its token (and endpoint) wins.
type refreshSource struct {
	api  *tokenAPI
	conf string // the configured token URL
	file TokenFile
	now  func() time.Time

	mu        sync.Mutex
	current   Saved         // the refresh token to spend next, and the endpoint
	fileToken string        // what the file held when last read or written
	pending   *oauth2.Token // refreshed, but its refresh token is not saved yet
}

func newTokenAPI(cfg Config, url string) *tokenAPI {
	return &tokenAPI{url: url, clientID: cfg.ClientID, clientSecret: cfg.ClientSecret, redirectURL: cfg.RedirectURL,
		hc: cfg.HTTPClient, now: cfg.Now, redact: x3wire.NewRedactor(cfg.ClientSecret)}
}

func newRefreshSource(cfg Config) *refreshSource {
	return &refreshSource{api: newTokenAPI(cfg, cfg.TokenURL), conf: cfg.TokenURL, file: TokenFile{Path: cfg.TokenFile}, now: cfg.Now}
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
	s.api.url = tokenURL(s.conf, s.current.Endpoint)
	// The HTTP client's timeout bounds the request: a token source has no
	// per-call context (oauth2.TokenSource).
	tok, err := s.api.refresh(context.Background(), opRefresh, s.current.RefreshToken, ExpiredMessage)
	if err != nil {
		return nil, err
	}
	if tok.RefreshToken != "" {
		s.current.RefreshToken = tok.RefreshToken
	}
	s.pending = tok
	return s.savePending()
}

// Endpoint is the regional API root Sage named at pairing, or "".
func (s *refreshSource) Endpoint() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current.RefreshToken == "" {
		_ = s.adoptFile()
	}
	return s.current.Endpoint
}

// adoptFile reads the token file and takes its refresh token when the file
// changed since this process last read or wrote it. Without a file, a
// token already held in memory is kept (and saved again after the next
// refresh).
func (s *refreshSource) adoptFile() error {
	saved, err := s.file.LoadSaved()
	switch {
	case err != nil && s.current.RefreshToken == "":
		return &core.Error{Class: core.Unauthorized, Op: opRefresh, Message: s.api.redact.Text(err.Error())}
	case err == nil && saved.RefreshToken != s.fileToken:
		s.current, s.fileToken = saved, saved.RefreshToken
		s.api.redact.Add(saved.RefreshToken)
	}
	return nil
}

// savePending saves a rotated refresh token, then hands out the access
// token that came with it. When saving fails, the tokens stay in memory
// and the next call tries again instead of refreshing (which would rotate
// the token once more).
func (s *refreshSource) savePending() (*oauth2.Token, error) {
	if s.current.RefreshToken != s.fileToken {
		if err := s.file.SaveSaved(s.current, s.now()); err != nil {
			return nil, &core.Error{Class: core.Transient, Op: opRefresh,
				Message: "the Sage X3 token was refreshed but the new refresh token could not be saved; retrying",
				Err:     s.api.redact.Wrap(err)}
		}
		s.fileToken = s.current.RefreshToken
	}
	tok := s.pending
	s.pending = nil
	return tok, nil
}
