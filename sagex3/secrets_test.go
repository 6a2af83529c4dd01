package sagex3_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
)

// A server or proxy may echo what it received; none of it may reach an
// error: not the access token, not the refresh token, not the secret.
func TestEchoedSecretsAreRedactedFromErrors(t *testing.T) {
	f := newGQLFixture(t)
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)

	f.setIntercept(func(w http.ResponseWriter, r *http.Request) bool {
		if !isGraphQL(r) {
			return false
		}
		http.Error(w, "upstream refused request with "+r.Header.Get("Authorization"), http.StatusBadGateway)
		return true
	})
	_, err := c.PurchaseOrder(context.Background(), "X")
	if ce := f.classified(t, err, core.Transient); !strings.Contains(ce.Message, "upstream refused request with Bearer [REDACTED]") {
		t.Errorf("echoed Authorization: %q", ce.Message)
	}

	f.sim.ExpireAccessTokens()
	f.setIntercept(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/v1/token" {
			http.Error(w, `{"message":"Unauthorised"}`, http.StatusUnauthorized)
			return true
		}
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		msg := fmt.Sprintf("refresh_token %s of client %s/%s is unknown", body["refresh_token"], body["client_id"], body["client_secret"])
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":"invalid_grant","error_description":%q}`, msg)
		return true
	})
	_, err = c.PurchaseOrder(context.Background(), "X")
	if ce := f.classified(t, err, core.Unauthorized); !strings.Contains(ce.Message, "refresh_token [REDACTED] of client "+cloudID+"/[REDACTED] is unknown") {
		t.Errorf("echoed refresh token: %q", ce.Message)
	}
}

func TestTokenEndpointDownIsTransientAndClean(t *testing.T) {
	f := newGQLFixture(t)
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)
	f.clock.Advance(6 * time.Minute) // the access token of the discovery expired
	f.setIntercept(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/v1/token" {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	_, err := c.PurchaseOrder(context.Background(), "X")
	if ce := f.classified(t, err, core.Transient); ce.Status != 503 {
		t.Errorf("token endpoint 503: %+v", ce)
	}
	f.setIntercept(nil)
	if _, err := c.PurchaseOrder(context.Background(), "X"); !isNotFound(err) {
		t.Errorf("after the token endpoint is back: %v", err)
	}
}

func TestConfigurationsPrintWithoutSecrets(t *testing.T) {
	f := newGQLFixture(t)
	cfg := f.authConfig(sagex3.AuthAuthorizationCode)
	client := f.graphQL(t, sagex3.AuthConnectedApp)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg),
		fmt.Sprint(client), fmt.Sprintf("%#v", client)} {
		f.assertClean(t, s)
		if strings.Contains(s, testPassword) || strings.Contains(s, cloudSecret) {
			t.Errorf("printed a secret: %s", s)
		}
	}
}

func TestParseCallback(t *testing.T) {
	for in, want := range map[string]sagex3.Callback{
		"  abc123\n": {Code: "abc123"},
		"authorizationCode=abc&state=s1&endpoint=https%3A%2F%2Fapi.eu-sagex3.com%2Fv1": {Code: "abc", State: "s1",
			Endpoint: "https://api.eu-sagex3.com/v1"},
		"https://connector.example/cb?code=xyz&state=s2": {Code: "xyz", State: "s2"},
	} {
		if got := sagex3.ParseCallback(in); got != want {
			t.Errorf("ParseCallback(%q) = %+v, want %+v", in, got, want)
		}
	}
}
