package x3gql_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const readQuery = `{ x3Purchasing { purchaseOrder { read(_id: "X") { _id } } } }`

func TestConnectedAppJWTChecks(t *testing.T) {
	f := newGQLFixture(t)
	now := f.clock.Now()
	cases := []struct {
		name   string
		mutate func(jwt.MapClaims)
		secret string
		want   string // "" = accepted
	}{
		{"valid", nil, f.app.Secret, ""},
		{"iat two seconds in the future", func(c jwt.MapClaims) { c["iat"] = now.Add(2 * time.Second).Unix() }, f.app.Secret, "Error 21: Invalid token"},
		{"unknown issuer", func(c jwt.MapClaims) { c["iss"] = "someone" }, f.app.Secret, "Error 41: Invalid token"},
		{"other user", func(c jwt.MapClaims) { c["sub"] = "ADMIN" }, f.app.Secret, "Error 42: Invalid token"},
		{"aud with a trailing slash", func(c jwt.MapClaims) { c["aud"] = f.app.URL + "/" }, f.app.Secret, "Error 45: Invalid token"},
		{"wrong secret", nil, "not-the-secret", "Error 50: Invalid token"},
		{"expired", func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Second).Unix() }, f.app.Secret, "Error 50: Invalid token"},
		{"longer than the validity", func(c jwt.MapClaims) { c["exp"] = now.Add(11 * time.Minute).Unix() }, f.app.Secret, "Error 50: Invalid token"},
	}
	for _, tc := range cases {
		a := f.post(t, "/xtrem/api", "Bearer "+f.jwtFor(tc.mutate, tc.secret), "SEED", readQuery, nil)
		switch {
		case tc.want == "" && a.status != http.StatusOK:
			t.Errorf("%s: refused %d %s", tc.name, a.status, a.body)
		case tc.want != "" && (a.status != http.StatusUnauthorized || strings.TrimSpace(string(a.body)) != tc.want):
			t.Errorf("%s: %d %q, want 401 %q", tc.name, a.status, a.body, tc.want)
		}
	}
	// The token's clock is the simulator's: five minutes later it expired.
	tok := f.jwtFor(nil, f.app.Secret)
	f.clock.Advance(5 * time.Minute)
	if a := f.post(t, "/xtrem/api", "Bearer "+tok, "SEED", readQuery, nil); a.status != http.StatusUnauthorized {
		t.Errorf("a JWT past exp on the simulator clock: %d", a.status)
	}
}

func TestCloudPairingRefreshRotatesAndRefusesReuse(t *testing.T) {
	f := newGQLFixture(t)
	first := f.pair(t)
	access, refresh := first["access_token"].(string), first["refresh_token"].(string)
	if first["expires_in"] != 300.0 || first["token_type"] != "Bearer" || access == "" || refresh == "" {
		t.Fatalf("pair answer %v", first)
	}
	cloudPath := "/v1/service/X3CLOUDV2_SEED/api"
	if a := f.post(t, cloudPath, "Bearer "+access, "", readQuery, nil); a.status != http.StatusOK {
		t.Fatalf("fresh access token refused: %d %s", a.status, a.body)
	}

	f.clock.Advance(5 * time.Minute)
	if a := f.post(t, cloudPath, "Bearer "+access, "", readQuery, nil); a.status != http.StatusUnauthorized ||
		strings.TrimSpace(string(a.body)) != `{"message":"Unauthorised"}` {
		t.Errorf("access token after 5 minutes: %d %s", a.status, a.body)
	}
	status, second := f.refresh(t, refresh)
	if status != http.StatusOK || second["refresh_token"] == refresh || second["refresh_token"] == nil {
		t.Fatalf("refresh: %d %v", status, second)
	}
	if status, body := f.refresh(t, refresh); status != http.StatusForbidden || body["message"] != "The refresh token was already used" {
		t.Errorf("reusing a spent refresh token: %d %v", status, body)
	}
	if a := f.post(t, cloudPath, "Bearer "+second["access_token"].(string), "", readQuery, nil); a.status != http.StatusOK {
		t.Errorf("rotated access token: %d", a.status)
	}
	st := f.sim.TokenStats()
	if st.AuthorizationCode != 1 || st.Refresh != 1 || st.Refused != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestCloudRefreshTokenExpiresAfter30DaysAndCanBeRevoked(t *testing.T) {
	f := newGQLFixture(t)
	tok := f.pair(t)
	f.clock.Advance(30 * 24 * time.Hour)
	if status, body := f.refresh(t, tok["refresh_token"].(string)); status != http.StatusForbidden || body["message"] != "The refresh token has expired" {
		t.Errorf("after 30 days: %d %v", status, body)
	}

	f.sim.SetTokenLifetimes(time.Minute, time.Hour)
	tok = f.pair(t)
	if tok["expires_in"] != 60.0 || tok["refresh_token_expires_in"] != 3600.0 {
		t.Errorf("configured lifetimes not used: %v", tok)
	}
	if n := f.sim.RevokeGrant(f.oauth.ID); n != 2 {
		t.Errorf("revoked %d tokens, want the pair", n)
	}
	if status, body := f.refresh(t, tok["refresh_token"].(string)); status != http.StatusForbidden || body["message"] != "The refresh token was revoked" {
		t.Errorf("revoked: %d %v", status, body)
	}
	if a := f.post(t, "/xtrem/api", "Bearer "+tok["access_token"].(string), "SEED", readQuery, nil); a.status != http.StatusUnauthorized {
		t.Errorf("revoked access token: %d", a.status)
	}
}

func TestCloudNewPairingRetiresThePreviousPair(t *testing.T) {
	f := newGQLFixture(t)
	old := f.pair(t)
	f.pair(t)
	if status, _ := f.refresh(t, old["refresh_token"].(string)); status != http.StatusForbidden {
		t.Errorf("the earlier pair's refresh token still works: %d", status)
	}
}

func TestCloudTokenEndpointErrors(t *testing.T) {
	f := newGQLFixture(t)
	code := f.authorise(t)
	client := url.Values{"client_id": {f.oauth.ID}, "client_secret": {f.oauth.Secret}}
	with := func(extra url.Values) url.Values {
		v := url.Values{}
		for k, x := range client {
			v[k] = x
		}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	cases := []struct {
		name   string
		form   url.Values
		status int
		msg    string
	}{
		{"no grant type", with(nil), 400, "Missing required request parameters"},
		{"unknown grant", with(url.Values{"grant_type": {"password"}}), 400, "Invalid grant type"},
		{"client credentials (not documented for X3)", with(url.Values{"grant_type": {"client_credentials"}}), 400, "Invalid grant type"},
		{"no code", with(url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {f.oauth.RedirectURL}}), 400, "Missing required request parameters"},
		{"no redirect_uri", with(url.Values{"grant_type": {"authorization_code"}, "code": {code}}), 400, "Missing required request parameters"},
		{"unknown code", with(url.Values{"grant_type": {"authorization_code"}, "code": {"x"}, "redirect_uri": {f.oauth.RedirectURL}}), 403, "Pairing request not found"},
		{"bad secret", url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {f.oauth.RedirectURL},
			"client_id": {f.oauth.ID}, "client_secret": {"x"}}, 401, "Invalid client credentials"},
	}
	for _, tc := range cases {
		if status, body := f.tokenRequest(t, tc.form); status != tc.status || body["message"] != tc.msg {
			t.Errorf("%s: %d %v, want %d %q", tc.name, status, body, tc.status, tc.msg)
		}
	}
	f.clock.Advance(11 * time.Minute)
	if status, body := f.tokenRequest(t, with(url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {f.oauth.RedirectURL}})); status != 403 || body["message"] != "The request has expired." {
		t.Errorf("stale code: %d %v", status, body)
	}
}

// Sage's Token API takes JSON: the same exchange sent as a form (what
// golang.org/x/oauth2 sends) finds none of its parameters.
func TestCloudTokenAPIRefusesAForm(t *testing.T) {
	f := newGQLFixture(t)
	code := f.authorise(t)
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {f.oauth.RedirectURL},
		"client_id": {f.oauth.ID}, "client_secret": {f.oauth.Secret}}
	status, body := f.tokenPost(t, "application/x-www-form-urlencoded", form.Encode())
	if status != http.StatusBadRequest || body["message"] != "Missing required request parameters" {
		t.Errorf("form: %d %v", status, body)
	}
	if status, tok := f.tokenRequest(t, form); status != http.StatusOK || tok["refresh_token"] == nil {
		t.Errorf("the same as JSON: %d %v", status, tok)
	}
}

// The approval is posted to the application with the regional endpoint
// when the client's region differs.
func TestCloudApprovalPostsTheEndpoint(t *testing.T) {
	f := newGQLFixture(t)
	f.oauth.Endpoint = "https://api.eu-sagex3.example/v1"
	f.sim.AddOAuthClient(f.oauth)
	f.authorise(t)
	q := url.Values{"client_id": {f.oauth.ID}, "scope": {"api.graphQL"}, "redirect_uri": {f.oauth.RedirectURL}, "state": {"s2"}}
	resp, err := f.srv.Client().Get(f.srv.URL + "/v1/token/authorise?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cb := <-f.callbacks; cb.PostForm.Get("endpoint") != f.oauth.Endpoint || cb.PostForm.Get("state") != "s2" {
		t.Errorf("callback %v", cb.PostForm)
	}
}
