package x3auth_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

// A server or proxy may echo what it received; none of it may reach an
// error: not the access token, not the refresh token, not the secret.
func TestEchoedSecretsAreRedactedFromErrors(t *testing.T) {
	f := x3test.NewSite(t)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)

	f.SetIntercept(func(w http.ResponseWriter, r *http.Request) bool {
		if !x3test.IsGraphQL(r) {
			return false
		}
		http.Error(w, "upstream refused request with "+r.Header.Get("Authorization"), http.StatusBadGateway)
		return true
	})
	_, err := c.PurchaseOrder(context.Background(), "X")
	if ce := f.Classified(t, err, core.Transient); !strings.Contains(ce.Message, "upstream refused request with Bearer [REDACTED]") {
		t.Errorf("echoed Authorization: %q", ce.Message)
	}

	f.Sim.ExpireAccessTokens()
	f.SetIntercept(func(w http.ResponseWriter, r *http.Request) bool {
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
	if ce := f.Classified(t, err, core.Unauthorized); !strings.Contains(ce.Message, "refresh_token [REDACTED] of client "+x3test.CloudID+"/[REDACTED] is unknown") {
		t.Errorf("echoed refresh token: %q", ce.Message)
	}
}

func TestTokenEndpointDownIsTransientAndClean(t *testing.T) {
	f := x3test.NewSite(t)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)
	f.Clock.Advance(6 * time.Minute) // the access token of the discovery expired
	f.SetIntercept(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/v1/token" {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	_, err := c.PurchaseOrder(context.Background(), "X")
	if ce := f.Classified(t, err, core.Transient); ce.Status != 503 {
		t.Errorf("token endpoint 503: %+v", ce)
	}
	f.SetIntercept(nil)
	if _, err := c.PurchaseOrder(context.Background(), "X"); !x3test.IsNotFound(err) {
		t.Errorf("after the token endpoint is back: %v", err)
	}
}

func TestConfigurationsPrintWithoutSecrets(t *testing.T) {
	f := x3test.NewSite(t)
	cfg := f.AuthConfig(x3auth.AuthorizationCode)
	client := f.GraphQL(t, x3auth.ConnectedApp)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg),
		fmt.Sprint(client), fmt.Sprintf("%#v", client)} {
		f.AssertClean(t, s)
		if strings.Contains(s, x3test.Password) || strings.Contains(s, x3test.CloudSecret) {
			t.Errorf("printed a secret: %s", s)
		}
	}
}

func TestParseCallback(t *testing.T) {
	for in, want := range map[string]x3auth.Callback{
		"  abc123\n": {Code: "abc123"},
		"authorizationCode=abc&state=s1&endpoint=https%3A%2F%2Fapi.eu-sagex3.com%2Fv1": {Code: "abc", State: "s1",
			Endpoint: "https://api.eu-sagex3.com/v1"},
		"https://connector.example/cb?code=xyz&state=s2": {Code: "xyz", State: "s2"},
	} {
		if got := x3auth.ParseCallback(in); got != want {
			t.Errorf("ParseCallback(%q) = %+v, want %+v", in, got, want)
		}
	}
}
