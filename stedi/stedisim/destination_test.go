package stedisim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

var (
	testEventSecret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("sim-event-destination-secret-1"))
	testOldSecret   = "whsec_" + base64.StdEncoding.EncodeToString([]byte("sim-event-destination-secret-0"))
)

// An event destination receives the thin v1.event, signed per Standard
// Webhooks with every secret in use, with Stedi's delivery headers; a 401
// is retried (no deauthorized state is documented for event destinations)
// under the same webhook-id, with the next attempt-number.
func TestEventDestinationDelivery(t *testing.T) {
	rc := newReceiver(t, func(n int) int {
		if n == 1 {
			return http.StatusUnauthorized
		}
		return http.StatusOK
	})
	f, ds := hookFixture(t, rc, WebhookConfig{EventDestinationSecret: testEventSecret, PreviousEventSecret: testOldSecret,
		RetryInterval: time.Millisecond}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	tx, d := answerOne(t, f, ds, "PO-1")
	if d.Outcome != Retrying || d.Status != http.StatusUnauthorized {
		t.Fatalf("the 401: %+v, want a retry", d)
	}
	if d := next(t, ds); d.Outcome != Delivered || d.Attempt != 2 {
		t.Fatalf("the retry: %+v", d)
	}
	if f.sim.WebhookDeauthorized() {
		t.Error("a 401 deauthorized an event destination")
	}
	first, second := <-rc.seen, <-rc.seen
	var ev map[string]any
	if err := json.Unmarshal(second.body, &ev); err != nil {
		t.Fatal(err)
	}
	res, _ := ev["resource"].(map[string]any)
	if ev["object"] != "v1.event" || ev["type"] != "transaction.processed" || ev["environment"] != "PRODUCTION" ||
		!strings.HasPrefix(ev["id"].(string), "evt_") || res["id"] != tx || ev["detail"] != nil {
		t.Errorf("thin event %v", ev)
	}
	h := second.header
	if h.Get("webhook-id") != first.header.Get("webhook-id") || !strings.HasPrefix(h.Get("webhook-id"), "msg_") ||
		h.Get("attempt-number") != "2" || first.header.Get("attempt-number") != "1" || h.Get("attempt-type") != "AUTOMATIC" ||
		h.Get("event-id") != ev["id"] || !strings.HasPrefix(h.Get("destination-id"), "dst_") || h.Get("Authorization") != "" {
		t.Errorf("headers %v (first %v)", h, first.header)
	}
	created, _ := time.Parse(time.RFC3339, ev["created"].(string))
	if h.Get("webhook-timestamp") != jsonInt(created.Unix()) {
		t.Errorf("webhook-timestamp %s, created %s", h.Get("webhook-timestamp"), ev["created"])
	}
	sigs := strings.Split(h.Get("webhook-signature"), " ")
	if len(sigs) != 2 || sigs[0] != expectSig(testEventSecret, h, second.body) || sigs[1] != expectSig(testOldSecret, h, second.body) {
		t.Errorf("signatures %v", sigs)
	}
}

func expectSig(secret string, h http.Header, body []byte) string {
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(h.Get("webhook-id") + "." + h.Get("webhook-timestamp") + "." + string(body)))
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
