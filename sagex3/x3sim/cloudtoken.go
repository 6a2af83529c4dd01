package x3sim

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Cloud token API paths (root API of https://api.<region>-sagex3.com).
const (
	pathAuthorise = "/v1/token/authorise"
	pathToken     = "/v1/token"
)

// tokenError is an answer of the token API: a status and a message, as in
// the documented error table (400 "Missing required request parameters",
// 400 "Invalid grant type", 403 "Pairing request not found", …).
type tokenError struct {
	status  int
	message string
}

func writeTokenError(w http.ResponseWriter, e *tokenError) {
	writeJSON(w, e.status, map[string]string{"message": e.message})
}

// serveAuthorise answers GET /v1/token/authorise: the pairing request. A
// real X3 user would review it and pick folders; the simulator approves at
// once and notifies the application as Sage does: an HTTP POST to the
// redirect URL carrying authorizationCode, state and, when the client's
// region differs, endpoint (developer.sage.com/x3/authorization-token-
// endpoints/make-api-calls). The browser gets a page saying so. The body
// is a form (its encoding is unconfirmed: see sagex3.ReadCallback).
func (s *Server) serveAuthorise(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeMethodNotAllowed(w, http.MethodGet)
		return
	}
	q := r.URL.Query()
	clientID, redirect, state := q.Get("client_id"), q.Get("redirect_uri"), q.Get("state")
	if clientID == "" || redirect == "" || q.Get("scope") == "" {
		writeTokenError(w, &tokenError{http.StatusBadRequest, "Missing required request parameters"})
		return
	}
	s.tokens.mu.Lock()
	s.tokens.lockedInit()
	client, ok := s.tokens.clients[clientID]
	var code string
	if ok && client.RedirectURL == redirect {
		code = s.tokens.lockedIssue(s.tokens.codes, "x3sim-code-", grant{client: clientID, user: client.User,
			expires: s.cfg.Now().Add(codeLifetime)})
	}
	s.tokens.mu.Unlock()
	switch {
	case !ok:
		writeTokenError(w, &tokenError{http.StatusNotFound, "Could not associate the client_id with an application"})
	case code == "":
		writeTokenError(w, &tokenError{http.StatusNotFound, "Could not associate the redirect_uri with the application"})
	default:
		s.notifyApproval(w, r, client, code, state)
	}
}

// notifyApproval posts the callback and tells the browser how it went.
func (s *Server) notifyApproval(w http.ResponseWriter, r *http.Request, c OAuthClient, code, state string) {
	form := url.Values{"authorizationCode": {code}, "state": {state}}
	if c.Endpoint != "" {
		form.Set("endpoint", c.Endpoint)
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, c.RedirectURL, strings.NewReader(form.Encode()))
	if err == nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		var resp *http.Response
		if resp, err = hc.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				err = errors.New(resp.Status)
			}
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "Approved, but the application could not be notified at its callback: %v\n", err)
		return
	}
	fmt.Fprintln(w, "Approved. The application was notified; you can close this page.")
}

// serveToken answers POST /v1/token: the authorization_code and
// refresh_token grants Sage documents, with a JSON body carrying the
// client's id and secret. A form is refused as Sage's JSON API would see
// it: without its parameters.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeMethodNotAllowed(w, http.MethodPost)
		return
	}
	params, ok := tokenParams(r)
	if !ok {
		s.refuseToken(w, &tokenError{http.StatusBadRequest, "Missing required request parameters"})
		return
	}
	client, terr := s.tokenClient(params)
	if terr != nil {
		s.refuseToken(w, terr)
		return
	}
	var answer map[string]any
	switch params["grant_type"] {
	case "authorization_code":
		answer, terr = s.exchangeCode(client, params["code"], params["redirect_uri"])
	case "refresh_token":
		answer, terr = s.spendRefresh(client, params["refresh_token"])
	case "":
		terr = &tokenError{http.StatusBadRequest, "Missing required request parameters"}
	default:
		terr = &tokenError{http.StatusBadRequest, "Invalid grant type"}
	}
	if terr != nil {
		s.refuseToken(w, terr)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, answer)
}

func (s *Server) refuseToken(w http.ResponseWriter, e *tokenError) {
	s.tokens.mu.Lock()
	s.tokens.stats.Refused++
	s.tokens.mu.Unlock()
	writeTokenError(w, e)
}

// tokenParams reads the JSON body; anything else has no parameters.
func tokenParams(r *http.Request) (map[string]string, bool) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		return nil, false
	}
	var m map[string]string
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&m); err != nil {
		return nil, false
	}
	return m, true
}

// tokenClient authenticates the application by the id and secret in the body.
func (s *Server) tokenClient(params map[string]string) (OAuthClient, *tokenError) {
	id, secret := params["client_id"], params["client_secret"]
	if id == "" || secret == "" {
		return OAuthClient{}, &tokenError{http.StatusBadRequest, "Missing required request parameters"}
	}
	s.tokens.mu.Lock()
	s.tokens.lockedInit()
	c, ok := s.tokens.clients[id]
	s.tokens.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(secret), []byte(c.Secret)) != 1 {
		return OAuthClient{}, &tokenError{http.StatusUnauthorized, "Invalid client credentials"}
	}
	return c, nil
}

// exchangeCode spends an authorization code. Sage keeps one token pair per
// customer, so a new pairing revokes the client's earlier tokens.
func (s *Server) exchangeCode(c OAuthClient, code, redirect string) (map[string]any, *tokenError) {
	if code == "" || redirect == "" {
		return nil, &tokenError{http.StatusBadRequest, "Missing required request parameters"}
	}
	t := &s.tokens
	t.mu.Lock()
	defer t.mu.Unlock()
	now := s.cfg.Now()
	g := t.codes[code]
	switch {
	case g == nil || g.used || g.client != c.ID:
		return nil, &tokenError{http.StatusForbidden, "Pairing request not found"}
	case !now.Before(g.expires):
		return nil, &tokenError{http.StatusForbidden, "The request has expired."}
	case redirect != c.RedirectURL:
		return nil, &tokenError{http.StatusNotFound, "Could not associate the redirect_uri with the application"}
	}
	g.used = true
	t.lockedRevoke(c.ID)
	t.stats.AuthorizationCode++
	return t.lockedPair(c, now), nil
}

// spendRefresh rotates a refresh token: the old one is spent for good.
func (s *Server) spendRefresh(c OAuthClient, token string) (map[string]any, *tokenError) {
	if token == "" {
		return nil, &tokenError{http.StatusBadRequest, "Missing required request parameters"}
	}
	t := &s.tokens
	t.mu.Lock()
	defer t.mu.Unlock()
	now := s.cfg.Now()
	g := t.refresh[token]
	switch {
	case g == nil || g.client != c.ID:
		return nil, &tokenError{http.StatusForbidden, "Refresh token not found"}
	case g.revoked:
		return nil, &tokenError{http.StatusForbidden, "The refresh token was revoked"}
	case g.used:
		return nil, &tokenError{http.StatusForbidden, "The refresh token was already used"}
	case !now.Before(g.expires):
		return nil, &tokenError{http.StatusForbidden, "The refresh token has expired"}
	}
	g.used = true
	t.stats.Refresh++
	return t.lockedPair(c, now), nil
}

// lockedPair issues an access token and a refresh token.
func (t *tokenState) lockedPair(c OAuthClient, now time.Time) map[string]any {
	access := t.lockedIssue(t.access, "x3sim-at-", grant{client: c.ID, user: c.User, expires: now.Add(t.accessLifetime)})
	refresh := t.lockedIssue(t.refresh, "x3sim-rt-", grant{client: c.ID, user: c.User, expires: now.Add(t.refreshLifetime)})
	return map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": seconds(t.accessLifetime),
		"refresh_token": refresh, "refresh_token_expires_in": seconds(t.refreshLifetime)}
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

// bearerUser checks a cloud access token; ok is false for a token the
// token API never issued (it may be a connected-app JWT).
func (s *Server) bearerUser(token string) (user string, known bool, valid bool) {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	g := s.tokens.access[token]
	if g == nil {
		return "", false, false
	}
	return g.user, true, !g.revoked && s.cfg.Now().Before(g.expires)
}
