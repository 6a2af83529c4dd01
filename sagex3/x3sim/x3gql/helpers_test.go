package x3gql_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
)

const (
	testUser     = "EDIUSER"
	testPassword = "S3cr3t-P@ss"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// gqlFixture is a simulator with GraphQL clients registered: a connected
// app and a cloud OAuth client, on a settable clock.
type gqlFixture struct {
	sim       *x3sim.Server
	srv       *httptest.Server
	clock     *x3sim.Clock
	app       x3sim.ConnectedApp
	oauth     x3sim.OAuthClient
	callbacks chan *http.Request // the approvals the simulator posted, body parsed
}

func newGQLFixture(t *testing.T) *gqlFixture {
	t.Helper()
	f := &gqlFixture{clock: x3sim.NewClock(t0)}
	f.sim = x3sim.New(x3sim.Config{Folder: "SEED", User: testUser, Password: testPassword, Seed: 42, Now: f.clock.Now,
		GraphQLAPI: x3gql.New})
	f.srv = httptest.NewServer(f.sim)
	t.Cleanup(f.srv.Close)
	f.app = x3sim.ConnectedApp{ClientID: "mlc-app", Secret: "app-secret-0123456789", User: testUser,
		URL: f.srv.URL + "/xtrem/api", Validity: 10 * time.Minute}
	f.sim.AddConnectedApp(f.app)
	f.callbacks = make(chan *http.Request, 8)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		f.callbacks <- r
	}))
	t.Cleanup(app.Close)
	f.oauth = x3sim.OAuthClient{ID: "mlc-cloud", Secret: "cloud-secret-0123456789", RedirectURL: app.URL + "/callback"}
	f.sim.AddOAuthClient(f.oauth)
	return f
}

// gqlAnswer is a decoded GraphQL answer.
type gqlAnswer struct {
	status int
	body   []byte
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends a GraphQL request to path with the given Authorization and
// x-xtrem-endpoint headers (empty: not sent).
func (f *gqlFixture) post(t *testing.T, path, auth, endpoint, query string, vars map[string]any) gqlAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if endpoint != "" {
		req.Header.Set("x-xtrem-endpoint", endpoint)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := gqlAnswer{status: resp.StatusCode}
	a.body, _ = io.ReadAll(resp.Body)
	_ = json.Unmarshal(a.body, &a)
	return a
}

// basic posts to /xtrem/api with the simulator's Basic credentials.
func (f *gqlFixture) basic(t *testing.T, query string, vars map[string]any) gqlAnswer {
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth(testUser, testPassword)
	return f.post(t, "/xtrem/api", req.Header.Get("Authorization"), "SEED", query, vars)
}

// jwtFor signs a connected-app token with claims changed by mutate.
func (f *gqlFixture) jwtFor(mutate func(jwt.MapClaims), secret string) string {
	now := f.clock.Now()
	claims := jwt.MapClaims{"iss": f.app.ClientID, "sub": f.app.User, "aud": f.app.URL,
		"iat": now.Add(-10 * time.Second).Unix(), "exp": now.Add(4 * time.Minute).Unix()}
	if mutate != nil {
		mutate(claims)
	}
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
	return s
}

// tokenRequest posts a JSON body to /v1/token, as Sage documents.
func (f *gqlFixture) tokenRequest(t *testing.T, params url.Values) (int, map[string]any) {
	t.Helper()
	body := map[string]string{}
	for k := range params {
		body[k] = params.Get(k)
	}
	raw, _ := json.Marshal(body)
	return f.tokenPost(t, "application/json", string(raw))
}

func (f *gqlFixture) tokenPost(t *testing.T, contentType, body string) (int, map[string]any) {
	t.Helper()
	resp, err := f.srv.Client().Post(f.srv.URL+"/v1/token", contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// pair runs the pairing: authorise (auto-approved, the code posted to the
// callback) and code exchange.
func (f *gqlFixture) pair(t *testing.T) map[string]any {
	t.Helper()
	code := f.authorise(t)
	status, tok := f.tokenRequest(t, url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"client_id": {f.oauth.ID}, "client_secret": {f.oauth.Secret}, "redirect_uri": {f.oauth.RedirectURL}})
	if status != http.StatusOK {
		t.Fatalf("code exchange: %d %v", status, tok)
	}
	return tok
}

// authorise opens the pairing request and returns the code Sage posted
// to the application's callback.
func (f *gqlFixture) authorise(t *testing.T) string {
	t.Helper()
	q := url.Values{"client_id": {f.oauth.ID}, "scope": {"api.graphQL businessDomain.ALL"},
		"customer": {"https://x3.customer.example"}, "redirect_uri": {f.oauth.RedirectURL}, "state": {"st-1"}}
	resp, err := f.srv.Client().Get(f.srv.URL + "/v1/token/authorise?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("authorise: %d", resp.StatusCode)
	}
	cb := <-f.callbacks
	if cb.Method != http.MethodPost || cb.PostForm.Get("state") != "st-1" || cb.PostForm.Get("authorizationCode") == "" {
		t.Fatalf("callback %s %v", cb.Method, cb.PostForm)
	}
	return cb.PostForm.Get("authorizationCode")
}

func (f *gqlFixture) refresh(t *testing.T, refreshToken string) (int, map[string]any) {
	return f.tokenRequest(t, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken},
		"client_id": {f.oauth.ID}, "client_secret": {f.oauth.Secret}})
}

// path walks an answer's data.
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}
