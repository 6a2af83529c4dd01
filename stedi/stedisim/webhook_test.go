package stedisim

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWebhookDelivery(t *testing.T) {
	rc := newReceiver(t, always(200))
	f, ds := hookFixture(t, rc, WebhookConfig{Credential: APIKey{Header: "X-Api-Key", Value: "hook-secret"}}, nil)
	f.sim.SetPublicURL(f.url)
	f.accept("PO-1", 2)
	ids := f.due() // the 855 and the 856, both due at once
	for i := range ids {
		d := next(t, ds)
		if d.Outcome != Delivered || d.Status != 200 || d.Attempt != 1 || d.TransactionID != ids[i] || d.EventType != EventTransactionProcessed {
			t.Errorf("delivery %d = %+v", i, d)
		}
	}
	got := <-rc.seen
	if h := got.header.Get("X-Api-Key"); h != "hook-secret" {
		t.Errorf("credential header %q", h)
	}
	ev := eventOf(t, got.body)
	if ev["version"] != "0" || ev["source"] != "stedi.core" || ev["detail-type"] != EventTransactionProcessed ||
		ev["time"] != "2026-03-01T09:30:00Z" || ev["region"] != "us-east-1" {
		t.Errorf("envelope %v", ev)
	}
	detail := ev["detail"].(map[string]any)
	if detail["transactionId"] != ids[0] || detail["direction"] != "INBOUND" || detail["status"] != nil {
		t.Errorf("detail %v", detail)
	}
	if got := dig(t, detail, "x12", "metadata", "transaction", "transactionSetIdentifier"); got != "855" {
		t.Errorf("set %v", got)
	}
	if url := dig(t, detail, "artifacts", "1", "url"); url != f.url+"/2023-08-01/transactions/"+ids[0]+"/output" {
		t.Errorf("output artifact URL %v", url)
	}
}

func TestWebhookCredentials(t *testing.T) {
	cases := []struct {
		cred         Credential
		header, want string
	}{
		{Basic{User: "stedi", Password: "pa55"}, "Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("stedi:pa55"))},
		{APIKey{Header: "Authorization", Value: "Bearer tok"}, "Authorization", "Bearer tok"},
		{nil, "X-Stedi-Noauth", "dummy"},
	}
	for _, c := range cases {
		rc := newReceiver(t, always(204))
		f, ds := hookFixture(t, rc, WebhookConfig{Credential: c.cred}, nil)
		f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
		f.accept("PO-1", 1)
		f.due()
		if d := next(t, ds); d.Outcome != Delivered {
			t.Errorf("%T: %+v", c.cred, d)
		}
		if got := (<-rc.seen).header.Get(c.header); got != c.want {
			t.Errorf("%T: %s = %q, want %q", c.cred, c.header, got, c.want)
		}
	}
}

func TestWebhookRetriesThenErrorQueue(t *testing.T) {
	rc := newReceiver(t, always(500))
	f, ds := hookFixture(t, rc, WebhookConfig{Retries: 2, RetryInterval: time.Millisecond}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	f.accept("PO-1", 1)
	id := f.due()[0]
	var outcomes []Outcome
	for i := 1; i <= 3; i++ {
		d := next(t, ds)
		if d.Attempt != i || d.Status != 500 || d.TransactionID != id {
			t.Errorf("attempt %d = %+v", i, d)
		}
		outcomes = append(outcomes, d.Outcome)
	}
	if want := []Outcome{Retrying, Retrying, ErrorQueued}; !slices.Equal(outcomes, want) {
		t.Errorf("outcomes %v, want %v", outcomes, want)
	}
	errs := f.sim.WebhookErrors()
	if len(errs) != 1 || errs[0].TransactionID != id || errs[0].Attempts != 3 || errs[0].LastStatus != 500 ||
		!strings.Contains(string(errs[0].Payload), id) {
		t.Errorf("error queue %+v", errs)
	}
	if n := len(f.sim.Deliveries()); n != 3 {
		t.Errorf("%d deliveries logged, want 3", n)
	}
}

// A receiver that answers too slowly has failed, even if it did the work.
func TestWebhookTimeout(t *testing.T) {
	release := make(chan struct{})
	rc := newReceiver(t, func(n int) int {
		if n == 1 {
			<-release
		}
		return 200
	})
	t.Cleanup(func() { close(release) }) // before the receiver closes, which waits for it
	f, ds := hookFixture(t, rc, WebhookConfig{Timeout: 300 * time.Millisecond, RetryInterval: time.Millisecond}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	f.accept("PO-1", 1)
	f.due()
	if d := next(t, ds); d.Outcome != Retrying || d.Err == "" {
		t.Errorf("slow answer: %+v", d)
	}
	if d := next(t, ds); d.Outcome != Delivered || d.Attempt != 2 {
		t.Errorf("retry: %+v", d)
	}
}

func TestPauseWebhooksDrops(t *testing.T) {
	rc := newReceiver(t, always(200))
	f, ds := hookFixture(t, rc, WebhookConfig{}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	f.sim.PauseWebhooks()
	if lost, d := answerOne(t, f, ds, "PO-1"); d.Outcome != Dropped || d.TransactionID != lost {
		t.Errorf("while paused: %+v", d)
	}
	f.sim.ResumeWebhooks()
	kept, d := answerOne(t, f, ds, "PO-2")
	if d.Outcome != Delivered || d.TransactionID != kept {
		t.Errorf("after resume: %+v", d)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.got) != 1 || !strings.Contains(string(rc.got[0].body), kept) {
		t.Errorf("receiver got %d events; want only %s", len(rc.got), kept)
	}
}

func TestWebhookDuplicates(t *testing.T) {
	rc := newReceiver(t, always(200))
	f, ds := hookFixture(t, rc, WebhookConfig{DuplicateRate: 1}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	f.accept("PO-1", 1)
	f.due()
	first, second := next(t, ds), next(t, ds)
	if first.Duplicate || !second.Duplicate || first.EventID != second.EventID || second.Outcome != Delivered {
		t.Errorf("deliveries %+v, %+v", first, second)
	}
	a, b := <-rc.seen, <-rc.seen
	if string(a.body) != string(b.body) {
		t.Error("a duplicate differs from the original")
	}
}

func TestWebhookReorder(t *testing.T) {
	rc := newReceiver(t, always(200))
	f, ds := hookFixture(t, rc, WebhookConfig{ReorderRate: 1}, nil)
	f.accept("PO-1", 1)
	ids := f.due() // 855 then 856, queued together
	a, b := next(t, ds), next(t, ds)
	if a.TransactionID != ids[1] || b.TransactionID != ids[0] {
		t.Errorf("delivered %s then %s; want the 856 (%s) first", a.TransactionID, b.TransactionID, ids[1])
	}
}

func TestFileFailedEvent(t *testing.T) {
	rc := newReceiver(t, always(200))
	f, ds := hookFixture(t, rc, WebhookConfig{}, nil)
	_, err := f.sim.InjectInbound(testPID, []byte("garbage"))
	if err == nil {
		t.Fatal("garbage was processed")
	}
	if d := next(t, ds); d.EventType != EventFileFailed || d.TransactionID != "" || d.FileExecutionID == "" {
		t.Errorf("delivery %+v", d)
	}
	ev := eventOf(t, (<-rc.seen).body)
	if ev["detail-type"] != EventFileFailed {
		t.Errorf("detail-type %v", ev["detail-type"])
	}
	if got := dig(t, ev, "detail", "errors", "0", "faultCode"); got != FaultParse {
		t.Errorf("faultCode %v", got)
	}
	if got := dig(t, ev, "detail", "partnership", "partnershipId"); got != testPID {
		t.Errorf("partnership %v", got)
	}
}

// Outbound transactions reach the webhook only when asked for.
func TestWebhookOutbound(t *testing.T) {
	rc := newReceiver(t, always(200))
	f, ds := hookFixture(t, rc, WebhookConfig{IncludeOutbound: true}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ack: AckNone, Ship: ShipNone})
	f.accept("PO-1", 1)
	ev := eventOf(t, (<-rc.seen).body)
	if got := dig(t, ev, "detail", "direction"); got != "OUTBOUND" {
		t.Errorf("direction %v", got)
	}
	next(t, ds)
}

// Stop during an attempt abandons it without counting it; the event is
// delivered after the next Start.
func TestWebhookStopMidDelivery(t *testing.T) {
	arrived := make(chan struct{}, 1)
	rc := &receiver{seen: make(chan received, 8)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the body first: the server notices a closed connection,
		// and cancels r.Context(), only once the body is consumed.
		_, _ = io.Copy(io.Discard, r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, received{})
		n := len(rc.got)
		rc.mu.Unlock()
		if n == 1 {
			arrived <- struct{}{}
			<-r.Context().Done() // until the simulator gives up on it
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	rc.url = srv.URL
	f, ds := hookFixture(t, rc, WebhookConfig{}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	f.accept("PO-1", 1)
	f.due()
	<-arrived
	f.sim.Stop()
	if n := len(f.sim.Deliveries()); n != 0 {
		t.Errorf("an abandoned attempt was logged: %+v", f.sim.Deliveries())
	}
	if err := f.sim.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := next(t, ds); d.Outcome != Delivered || d.Attempt != 1 {
		t.Errorf("after restart: %+v", d)
	}
}

// A 401 deauthorizes the webhook: that event and those after it go to the
// error queue without a request, until the webhook is re-authorized.
func TestWebhookDeauthorizedBy401UntilReauthorized(t *testing.T) {
	rc := newReceiver(t, func(n int) int {
		if n == 1 {
			return http.StatusUnauthorized
		}
		return http.StatusOK
	})
	f, ds := hookFixture(t, rc, WebhookConfig{RetryInterval: time.Millisecond}, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	first, d := answerOne(t, f, ds, "PO-1")
	if d.Outcome != ErrorQueued || d.Status != http.StatusUnauthorized || d.TransactionID != first {
		t.Fatalf("the 401: %+v, want the event error-queued at once", d)
	}
	if !f.sim.WebhookDeauthorized() {
		t.Fatal("a 401 did not deauthorize the webhook")
	}
	second, d := answerOne(t, f, ds, "PO-2")
	if d.Outcome != ErrorQueued || d.Status != 0 || d.TransactionID != second {
		t.Errorf("while deauthorized: %+v, want error-queued without a request", d)
	}
	posted := 0
	for _, d := range f.sim.Deliveries() {
		if d.Status != 0 {
			posted++
		}
	}
	if posted != 1 {
		t.Errorf("%d requests reached the receiver, want only the one it refused", posted)
	}
	f.sim.ReauthorizeWebhook()
	if third, d := answerOne(t, f, ds, "PO-3"); d.Outcome != Delivered || d.TransactionID != third {
		t.Errorf("after re-authorizing: %+v", d)
	}
	if errs := f.sim.WebhookErrors(); len(errs) != 2 || errs[0].TransactionID != first || errs[1].TransactionID != second {
		t.Errorf("error queue %+v, want the first two events", errs)
	}
}

// answerOne has the partner answer one PO with one document and returns
// its transaction id and the first delivery attempt that follows.
func answerOne(t *testing.T, f *fixture, ds chan Delivery, po string) (string, Delivery) {
	t.Helper()
	f.accept(po, 1)
	id := f.due()[0]
	return id, next(t, ds)
}
