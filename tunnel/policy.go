package tunnel

import (
	"encoding/json"
	"fmt"
	"regexp"
)

// safePath is what a webhook path may hold: it is written into a CEL
// string literal of the traffic policy, so quotes and backslashes are out.
var safePath = regexp.MustCompile(`^/[A-Za-z0-9/_.~-]*$`)

// trafficPolicy builds the ngrok traffic policy that lets only POST to the
// webhook path reach us: anything else is answered at ngrok's edge (404
// for another path, 405 for another method) and never crosses the tunnel.
// It is JSON, which ngrok accepts as well as YAML, so encoding/json does
// the quoting.
//
// UNCONFIRMED against the live service (no test may reach ngrok, and
// ../shared/docs do not cover it): the custom-response fields status_code,
// body and headers, and the variables req.url.path and req.method, are as
// ngrok's traffic-policy documentation gives them. If ngrok rejects the
// policy, Open fails with ngrok's error code and this is the place to fix.
func trafficPolicy(path string) (string, error) {
	if !safePath.MatchString(path) {
		return "", fmt.Errorf("tunnel: webhook path %q must start with / and hold only letters, digits and / _ . ~ -", path)
	}
	type action struct {
		Type   string         `json:"type"`
		Config map[string]any `json:"config"`
	}
	type rule struct {
		Name        string   `json:"name"`
		Expressions []string `json:"expressions"`
		Actions     []action `json:"actions"`
	}
	respond := func(status int, body string, headers map[string]string) action {
		h := map[string]string{"content-type": "text/plain"}
		for k, v := range headers {
			h[k] = v
		}
		return action{Type: "custom-response", Config: map[string]any{"status_code": status, "body": body, "headers": h}}
	}
	policy := map[string][]rule{"on_http_request": {
		{Name: "only the webhook path", Expressions: []string{fmt.Sprintf("req.url.path != '%s'", path)},
			Actions: []action{respond(404, "not found\n", nil)}},
		{Name: "only POST", Expressions: []string{"req.method != 'POST'"},
			Actions: []action{respond(405, "method not allowed\n", map[string]string{"allow": "POST"})}},
	}}
	b, err := json.Marshal(policy)
	return string(b), err
}
