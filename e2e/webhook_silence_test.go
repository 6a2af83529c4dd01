package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/alert"
	"github.com/mlconnector/ml-connector/alert/alerttest"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

// Stedi deauthorizes a webhook that answered 401 (the webhook secret was
// rotated on one side only) and delivers nothing more. The catch-up
// brings the ship notices in, notices that no webhook delivered them for
// longer than inbound.webhook_silence, and says so: in the log, in
// /readyz, and once by alert; a failed transaction comes in as a failed
// file. Once the webhook is re-authorized and delivers again, the warning
// clears, and the alert says so once.
func TestWebhookSilence_DeauthorizedWebhookIsNoticed(t *testing.T) {
	l := newLoop(t, 3)
	l.silence = 30 * time.Minute
	for _, s := range l.x3.Suppliers() {
		l.stedi.SetPartnerProfile(s.PartnershipID, stedisim.PartnerProfile{Ship: stedisim.ShipPartial})
	}
	l.start()
	l.waitFor("3 POs sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == 3 })
	wave1, err := l.stedi.ProcessDue()
	if err != nil {
		t.Fatal(err)
	}
	l.settled("wave 1 applied, delivered by webhook", wave1, nil)
	if v := l.catchUpAfter(31*time.Minute, "catchup"); v != "" {
		t.Fatalf("webhooks deliver, yet: %q", v)
	}

	// The secret changes on our side only: the next delivery gets 401.
	l.setWebhookSecret("Bearer a-rotated-secret-nobody-told-stedi")
	l.clock.Advance(time.Hour)
	wave2, err := l.stedi.ProcessDue()
	if err != nil || len(wave2) == 0 {
		t.Fatalf("wave 2: %v, %v", wave2, err)
	}
	bad := l.invalidShipNotice()
	l.deliveriesEnded(stedisim.ErrorQueued, len(wave2)+1) // the 401, and what followed it
	if !l.stedi.WebhookDeauthorized() {
		t.Fatal("the 401 did not deauthorize the webhook")
	}

	silent := l.catchUpAfter(31*time.Minute, "webhook_silent")
	l.settled("wave 2 applied from the catch-up", wave2, nil)
	if !strings.HasPrefix(silent, core.WebhookNotDelivering) || !strings.Contains(silent, "came only by the catch-up") {
		t.Errorf("control %s = %q", core.ControlWebhookSilent, silent)
	}
	if !strings.Contains(l.logs.String(), core.WebhookNotDelivering) {
		t.Error("the log does not say Stedi is not delivering webhooks")
	}
	l.assertFailedFile(bad)
	if code, detail := l.readyz(); code != http.StatusOK || !strings.Contains(detail, core.WebhookNotDelivering) {
		t.Errorf("/readyz %d %q: want 200 with the warning", code, detail)
	}
	rec := &alerttest.Recorder{}
	alerts := &alert.Manager{Sources: []alert.Source{alert.WebhookSilent(l.db)}, Notifiers: []alert.Notifier{rec}}
	alerts.Evaluate(context.Background())
	alerts.Evaluate(context.Background())
	if got := rec.Subjects(); len(got) != 1 || !strings.Contains(got[0], "PROBLEM: "+core.WebhookNotDelivering) {
		t.Errorf("alerts %q, want the problem once", got)
	}

	// Re-authorized in Stedi, with the secret we now expect.
	l.setWebhookSecret(webhookSecret)
	l.stedi.ReauthorizeWebhook()
	l.clock.Advance(time.Minute)
	late := l.ghostShipNotice()
	l.settled("a new transaction delivered by webhook", []string{late}, map[string]bool{late: true})
	l.catchUpAfter(time.Minute, "webhook_delivering")
	if v, _, _ := l.db.Control(context.Background(), core.ControlWebhookSilent); v != "" {
		t.Errorf("still silent: %q", v)
	}
	alerts.Evaluate(context.Background())
	if got := rec.Subjects(); len(got) != 2 || !strings.Contains(got[1], "CLEARED: "+core.WebhookNotDelivering) {
		t.Errorf("alerts %q, want the problem, then its clearing", got)
	}
}

// setWebhookSecret changes what our receiver expects, as a restart with
// another ML_WEBHOOK_SECRET would; Stedi keeps sending the old one.
func (l *loop) setWebhookSecret(secret string) {
	l.t.Helper()
	h, err := webhook.New(webhook.Config{Secret: secret}, l.db, webhook.Options{Stored: l.inbox.Wake, Bus: l.bus})
	if err != nil {
		l.t.Fatal(err)
	}
	l.receiver.set(h)
}

// catchUpAfter moves the clock, runs a catch-up pass and waits for the
// bus event it must end with; it returns the silence control.
func (l *loop) catchUpAfter(d time.Duration, action string) string {
	l.t.Helper()
	events, stop := l.bus.Subscribe(1024)
	defer stop()
	l.clock.Advance(d)
	l.catchup.RunNow()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Action == action {
				v, _, _ := l.db.Control(context.Background(), core.ControlWebhookSilent)
				return v
			}
		case <-deadline:
			l.t.Fatalf("no %s event; log:\n%s", action, l.logs.String())
		}
	}
}

// invalidShipNotice sends an 856 without BSN: Stedi fails the file and
// lists its set as a failed transaction.
func (l *loop) invalidShipNotice() string {
	l.t.Helper()
	pid := l.partners[l.x3.Suppliers()[0].Code].PartnershipID
	tx := stedisim.ShipNotice{ShipmentID: "ASN-BROKEN", PONumber: "ANY", SCAC: "UPSN", Shipped: l.clock.Now(),
		Packs: []stedisim.Pack{{SSCC: "00012345600000000009", Items: []stedisim.ShipItem{{LineID: "1000", Quantity: 1, Unit: "EA"}}}}}.Transaction()
	tx.Body = tx.Body[1:]
	file, err := l.stedi.PartnerFile(pid, tx)
	if err != nil {
		l.t.Fatal(err)
	}
	_, err = l.stedi.InjectInbound(pid, file)
	ff, ok := err.(*stedisim.FileFailure)
	if !ok {
		l.t.Fatalf("the broken 856 was not failed: %v", err)
	}
	return ff.FileExecutionID
}

// ghostShipNotice sends an 856 for a PO X3 does not have: delivered, then failed by the inbox.
func (l *loop) ghostShipNotice() string {
	pid := l.partners[l.x3.Suppliers()[0].Code].PartnershipID
	return l.inject(pid, stedisim.ShipNotice{ShipmentID: "ASN-LATE", PONumber: "GHOST-9", SCAC: "UPSN", Shipped: l.clock.Now(),
		Packs: []stedisim.Pack{{SSCC: "00012345600000000010", Items: []stedisim.ShipItem{{LineID: "1000", Quantity: 1, Unit: "EA"}}}}})
}

// assertFailedFile checks the catch-up took the failed transaction of
// file execution exec in as a failed file.
func (l *loop) assertFailedFile(exec string) {
	l.t.Helper()
	docs, _ := l.db.ListDocuments(context.Background(), store.Filter{Kind: core.KindStediFile})
	if len(docs) != 1 || docs[0].SourceKey != exec || docs[0].State != core.StateFailed || !strings.Contains(docs[0].LastError, "BSN") {
		l.t.Errorf("failed files %+v, want execution %s failed with Stedi's reason", docs, exec)
	}
}

// readyz serves /readyz over a monitor with the webhook probe and
// returns its status and the probe's detail.
func (l *loop) readyz() (int, string) {
	l.t.Helper()
	mon := &admin.Monitor{Probes: []admin.Probe{admin.WebhookProbe(l.db)}}
	mon.RunOnce(context.Background())
	srv := &admin.Server{Addr: "127.0.0.1:0", Monitor: mon}
	if err := srv.Start(context.Background()); err != nil {
		l.t.Fatal(err)
	}
	defer srv.Stop()
	resp, err := http.Get("http://" + srv.ListenAddr() + "/readyz")
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r struct{ Checks []admin.Outcome }
	if err := json.Unmarshal(body, &r); err != nil || len(r.Checks) != 1 || r.Checks[0].Result != admin.Warn {
		l.t.Errorf("/readyz body %s", body)
		return resp.StatusCode, ""
	}
	return resp.StatusCode, r.Checks[0].Detail
}
