package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

// Two event destination secrets, as Stedi shows them: whsec_ and base64.
var (
	edSecret    = "whsec_" + base64.StdEncoding.EncodeToString([]byte("event-destination-key-0123456789"))
	edOldSecret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("the-previous-destination-key-0001"))
)

// edNow is the rig's clock.
var edNow = time.Date(2026, 9, 20, 12, 0, 0, 0, time.UTC)

type edRig struct {
	t   *testing.T
	db  *store.DB
	h   *webhook.Handler
	srv *httptest.Server
}

func newEDRig(t *testing.T, cfg webhook.Config) *edRig {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h, err := webhook.New(cfg, db, webhook.Options{Now: func() time.Time { return edNow }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &edRig{t: t, db: db, h: h, srv: srv}
}

// thin renders a v1.event as Stedi's event-destinations.json describes it.
func thin(id, typ, env, resource string) string {
	return fmt.Sprintf(`{"account":"1f0e","created":"2026-09-20T11:59:58Z","environment":%q,"id":%q,"object":"v1.event",`+
		`"resource":{"id":%q,"type":"transaction"},"type":%q}`, env, id, resource, typ)
}

// sign is the Standard Webhooks signature, computed here from the
// specification, apart from the handler's library.
func sign(secret, msgID string, at time.Time, body string) string {
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.%s", msgID, at.Unix(), body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func (r *edRig) deliver(body string, headers map[string]string) int {
	r.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+webhook.DefaultPath, strings.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// signed is the headers of a delivery created at "at", signed with secrets.
func signed(msgID string, at time.Time, body string, secrets ...string) map[string]string {
	var sigs []string
	for _, s := range secrets {
		sigs = append(sigs, sign(s, msgID, at, body))
	}
	return map[string]string{"webhook-id": msgID, "webhook-timestamp": strconv.FormatInt(at.Unix(), 10),
		"webhook-signature": strings.Join(sigs, " ")}
}

func (r *edRig) docs() []core.Document {
	docs, err := r.db.ListDocuments(context.Background(), store.Filter{Limit: 100})
	if err != nil {
		r.t.Fatal(err)
	}
	return docs
}

func TestEventDestination_Signatures(t *testing.T) {
	r := newEDRig(t, webhook.Config{Secret: secret, EventSecret: edSecret})
	body := thin("evt_1", "transaction.processed", "PRODUCTION", "tx-1")
	at := edNow.Add(-2 * time.Second)
	bad := sign(edSecret, "msg_1", at, body+" ")
	cases := []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"wrong secret", signed("msg_1", at, body, edOldSecret), 401},
		{"signature of another body", map[string]string{"webhook-id": "msg_1", "webhook-timestamp": strconv.FormatInt(at.Unix(), 10), "webhook-signature": bad}, 401},
		{"signature of another id", signed("msg_2", at, body, edSecret), 401}, // then sent as msg_1 below
		{"no signature", map[string]string{"webhook-id": "msg_1", "webhook-timestamp": strconv.FormatInt(at.Unix(), 10)}, 401},
		{"no id", map[string]string{"webhook-timestamp": strconv.FormatInt(at.Unix(), 10), "webhook-signature": sign(edSecret, "msg_1", at, body)}, 401},
		{"no timestamp", map[string]string{"webhook-id": "msg_1", "webhook-signature": sign(edSecret, "msg_1", at, body)}, 401},
		{"malformed timestamp", map[string]string{"webhook-id": "msg_1", "webhook-timestamp": "2026-09-20T11:59:58Z", "webhook-signature": sign(edSecret, "msg_1", at, body)}, 401},
		{"a wrong webhook credential", map[string]string{"webhook-id": "msg_1", "Authorization": secret + "x"}, 401},
	}
	for _, c := range cases {
		if c.name == "signature of another id" {
			c.headers["webhook-id"] = "msg_1"
		}
		if got := r.deliver(body, c.headers); got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
	if docs := r.docs(); len(docs) != 0 {
		t.Fatalf("refused deliveries stored %d documents", len(docs))
	}
	if n := r.h.Refusals().Deliveries; n != len(cases) {
		t.Errorf("refused deliveries counted %d, want %d", n, len(cases))
	}
	// A secret rotating: the old and the new signature, in either order.
	if got := r.deliver(body, signed("msg_1", at, body, edOldSecret, edSecret)); got != 200 {
		t.Fatalf("two signatures, the second valid: status %d", got)
	}
	body2 := thin("evt_2", "transaction.processed", "PRODUCTION", "tx-2")
	if got := r.deliver(body2, signed("msg_2", at, body2, edSecret, edOldSecret)); got != 200 {
		t.Fatalf("two signatures, the first valid: status %d", got)
	}
	if r.h.Refusals().Deliveries != 0 {
		t.Error("an accepted delivery did not reset the refusal count")
	}
	if docs := r.docs(); len(docs) != 2 || docs[0].Kind != core.KindTransaction || docs[0].State != core.StateReceived {
		t.Errorf("documents %+v, want two unresolved transactions", docs)
	}
}

func TestEventDestination_Timestamps(t *testing.T) {
	r := newEDRig(t, webhook.Config{Secret: secret, EventSecret: edSecret})
	for _, c := range []struct {
		name string
		at   time.Time
		want int
	}{
		{"a retry 47 hours after the event", edNow.Add(-47 * time.Hour), 200},
		{"a manual retry 29 days after", edNow.Add(-29 * 24 * time.Hour), 200},
		{"older than Stedi keeps events", edNow.Add(-40 * 24 * time.Hour), 401},
		{"a minute ahead (clock drift)", edNow.Add(time.Minute), 200},
		{"an hour ahead", edNow.Add(time.Hour), 401},
	} {
		id := strings.ReplaceAll(c.name, " ", "-")
		body := thin("evt_"+id, "transaction.processed", "PRODUCTION", "tx-"+id)
		if got := r.deliver(body, signed("msg_"+id, c.at, body, edSecret)); got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
}

func TestEventDestination_RefusedWithoutSecret(t *testing.T) {
	r := newEDRig(t, webhook.Config{Secret: secret})
	body := thin("evt_1", "transaction.processed", "PRODUCTION", "tx-1")
	if got := r.deliver(body, signed("msg_1", edNow, body, edSecret)); got != 401 {
		t.Errorf("no event destination secret configured: status %d, want 401", got)
	}
	if r.h.Refusals().Deliveries != 1 {
		t.Error("the refusal was not counted as a Stedi delivery")
	}
}

func TestEventDestination_OnlySecretRefusesOtherDeliveries(t *testing.T) {
	r := newEDRig(t, webhook.Config{EventSecret: edSecret})
	if got := r.deliver(wrapped(event("ev-1", "tx-1", "855", "INBOUND")), map[string]string{"Authorization": ""}); got != 401 {
		t.Errorf("a webhook envelope without an event destination signature: status %d, want 401", got)
	}
	body := thin("evt_1", "transaction.processed", "PRODUCTION", "tx-1")
	if got := r.deliver(body, signed("msg_1", edNow, body, edSecret)); got != 200 {
		t.Errorf("signed delivery: status %d", got)
	}
}

func TestEventDestination_EventsAndDuplicates(t *testing.T) {
	r := newEDRig(t, webhook.Config{Secret: secret, EventSecret: edSecret})
	send := func(msg, body string) {
		t.Helper()
		if got := r.deliver(body, signed(msg, edNow, body, edSecret)); got != 200 {
			t.Fatalf("%s: status %d", msg, got)
		}
	}
	tx := thin("evt_1", "transaction.processed", "TEST", "tx-1")
	send("msg_1", tx)
	send("msg_1", tx)                                                     // Stedi's retry: the same message
	send("msg_9", thin("evt_9", "transaction.processed", "TEST", "tx-1")) // another event, same transaction
	send("msg_2", thin("evt_2", "file.failed", "PRODUCTION", "exec-1"))
	send("msg_3", `{"account":"1","created":"2026-09-20T11:59:58Z","environment":"PRODUCTION","id":"evt_3","object":"v1.event","resource":{"id":"dst_1","type":"destination"},"type":"event.ping"}`)
	send("msg_4", thin("evt_4", "enrollment.activated", "PRODUCTION", "enr-1"))
	docs := r.docs()
	if len(docs) != 2 {
		t.Fatalf("%d documents, want the transaction and the failed file: %+v", len(docs), docs)
	}
	file, txDoc := docs[0], docs[1]
	if txDoc.Kind != core.KindTransaction || txDoc.SourceKey != "tx-1" || !txDoc.Test || txDoc.State != core.StateReceived {
		t.Errorf("transaction document %+v: want an unresolved test transaction", txDoc)
	}
	if file.Kind != core.KindStediFile || file.SourceKey != "exec-1" || file.State != core.StateFailed || !strings.Contains(file.LastError, "exec-1") {
		t.Errorf("failed file %+v", file)
	}
	audit, err := r.db.RecentAudit(context.Background(), 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	var system []string
	for _, e := range audit {
		if e.DocumentID == 0 {
			system = append(system, e.Action)
		}
	}
	if strings.Join(system, ",") != "event_ignored,ping" { // newest first
		t.Errorf("system audit %v, want the ping and the unknown type once each", system)
	}
}

func TestEventDestination_SecretForm(t *testing.T) {
	for _, s := range []string{"whsec_short", "sk_" + strings.Repeat("A", 40), "whsec_" + strings.Repeat("*", 40), "whsec_" + strings.Repeat("A", 41)} {
		if webhook.ValidEventSecret(s) == nil {
			t.Errorf("%q accepted", s)
		}
		if _, err := webhook.New(webhook.Config{EventSecret: s}, nil, webhook.Options{}); err == nil {
			t.Errorf("New accepted %q", s)
		}
	}
	if err := webhook.ValidEventSecret(edSecret); err != nil {
		t.Errorf("%q refused: %v", edSecret, err)
	}
}

// A webhook delivery with its credential is taken as one even when it also
// carries a Standard Webhooks header (a proxy's, or a later Stedi's): it is
// never refused for want of an event destination signature.
func TestEventDestination_CredentialedWebhookWithAWebhookIDHeaderIsAWebhook(t *testing.T) {
	for _, cfg := range []webhook.Config{{Secret: secret}, {Secret: secret, EventSecret: edSecret}} {
		r := newEDRig(t, cfg)
		body := wrapped(event("ev-1", "tx-1", "855", "INBOUND"))
		if got := r.deliver(body, map[string]string{"Authorization": secret, "webhook-id": "msg_1"}); got != 200 {
			t.Fatalf("event secret set %v: credentialed delivery with webhook-id: status %d, want 200", cfg.EventSecret != "", got)
		}
		if docs := r.docs(); len(docs) != 1 || docs[0].Kind != "855" {
			t.Errorf("stored %+v", docs)
		}
		if got := r.deliver(body, map[string]string{"Authorization": "wrong", "webhook-id": "msg_2"}); got != 401 {
			t.Errorf("wrong credential with webhook-id: status %d, want 401", got)
		}
	}
}
