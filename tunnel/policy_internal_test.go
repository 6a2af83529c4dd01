package tunnel

import (
	"encoding/json"
	"testing"
)

func TestTrafficPolicy_OnlyPOSTToTheWebhookPath(t *testing.T) {
	p, err := trafficPolicy("/webhooks/stedi")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OnHTTPRequest []struct {
			Expressions []string `json:"expressions"`
			Actions     []struct {
				Type   string         `json:"type"`
				Config map[string]any `json:"config"`
			} `json:"actions"`
		} `json:"on_http_request"`
	}
	if err := json.Unmarshal([]byte(p), &doc); err != nil {
		t.Fatal(err)
	}
	rules := doc.OnHTTPRequest
	if len(rules) != 2 {
		t.Fatalf("rules = %d", len(rules))
	}
	want := []struct {
		expr   string
		status float64
	}{{"req.url.path != '/webhooks/stedi'", 404}, {"req.method != 'POST'", 405}}
	for i, w := range want {
		r := rules[i]
		if len(r.Expressions) != 1 || r.Expressions[0] != w.expr {
			t.Errorf("rule %d expressions %v, want %q", i, r.Expressions, w.expr)
		}
		if len(r.Actions) != 1 || r.Actions[0].Type != "custom-response" || r.Actions[0].Config["status_code"] != w.status {
			t.Errorf("rule %d actions %+v, want custom-response %v", i, r.Actions, w.status)
		}
	}
	for _, bad := range []string{"webhooks", "/a'b", `/a\b`, "/a b"} {
		if _, err := trafficPolicy(bad); err == nil {
			t.Errorf("path %q accepted", bad)
		}
	}
}
