package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

func TestOverview_ShowsQueuesHoursAndLatestFailures(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	v := m.View()
	for _, want := range []string{
		"X3 REST · Basic SEED x3.example:8124", "Stedi ok", "Webhook — · last event 59m", "Poller next poll in 40s",
		"Queues  retrying 1  applied 1  sent 2  failed 3", "[1 Overview]", "4 Failed (3)", "Latest failures",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("overview lacks %q:\n%s", want, v)
		}
	}
	// One row per kind, one column per state that occurs, in queue order.
	if !regexp.MustCompile(`Queues\s+retrying\s+applied\s+sent\s+failed`).MatchString(v) {
		t.Errorf("state columns not in queue order:\n%s", v)
	}
	if !regexp.MustCompile(`850 out\s+1\s+0\s+1\s+3`).MatchString(v) {
		t.Errorf("850 row wrong:\n%s", v)
	}
	if !regexp.MustCompile(`855 in\s+0\s+1\s+0\s+0`).MatchString(v) {
		t.Errorf("855 row wrong (a state this UI has no hint for must still show):\n%s", v)
	}
	// The newest failure is selected; the list is newest first.
	if !regexp.MustCompile(`▸ 5\s+850\s+PO-1005`).MatchString(v) || strings.Index(v, "PO-1005") > strings.Index(v, "PO-1002") {
		t.Errorf("latest failures not newest first with the cursor on the newest:\n%s", v)
	}
	// 7 documents were created in the hour before fixedNow (13h).
	if !regexp.MustCompile(`out(\s+·)+\s+6\s+·`).MatchString(v) {
		t.Errorf("documents per hour wrong:\n%s", v)
	}
}

func TestOverview_MoveAndOpenAFailure(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "j", "j", "j") // past the end stays on the last
	if d, _ := m.over.selected(m.snap); d.ID != 2 {
		t.Fatalf("selected #%d, want #2 (the oldest failure)", d.ID)
	}
	keys(t, m, "k", "enter")
	if m.detail == nil || m.detail.docID != 3 {
		t.Fatalf("enter did not open #3")
	}
	if v := m.View(); !strings.Contains(v, "PO PO-1003") || !strings.Contains(v, "partnership p-globex not found") {
		t.Errorf("record view:\n%s", v)
	}
}

func TestHeader_FollowsPausesAndEngine(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	ctx := context.Background()
	must(t, db.SetControl(ctx, core.ControlStediPaused, "Stedi refused the API key: check ML_STEDI_API_KEY", "sender"))
	must(t, db.SetControl(ctx, "x3.paused", "re-authorise: the refresh token expired", "x3"))
	send(t, m, engineEventMsg{Action: "paused"}) // an engine event re-reads the header
	v := m.View()
	for _, want := range []string{"Stedi PAUSED", "Stedi PAUSED: Stedi refused the API key", "Sage X3 PAUSED: re-authorise",
		"X3 REST · Basic SEED x3.example:8124 PAUSED"} {
		if !strings.Contains(v, want) {
			t.Errorf("header lacks %q:\n%s", want, v)
		}
	}
	if got := strings.Count(v, "\n") + 1; got != 40 {
		t.Errorf("view is %d lines with pause lines in the header, want 40", got)
	}
}

func TestHeader_TokenTimeLeftAndNoSecrets(t *testing.T) {
	db := openDB(t)
	o := testOptions(db)
	o.Engine = func() core.EngineStatus {
		s := engineStatus()
		s.X3, s.X3URL = "GraphQL · OAuth2", "https://edi:hunter2@x3.example/api?key=topsecret"
		s.X3TokenExpires = fixedNow.Add(4*time.Minute + 12*time.Second)
		s.Endpoint = "https://hook:pw-abc@abc.ngrok.app/webhooks/stedi?token=s3cret"
		return s
	}
	m := New(o)
	drive(t, m, m.Init())
	send(t, m, windowSize(120, 40))
	v := m.View()
	for _, want := range []string{"X3 GraphQL · OAuth2 SEED token 4m12s", "Webhook https://abc.ngrok.app/webhooks/stedi"} {
		if !strings.Contains(v, want) {
			t.Errorf("header lacks %q:\n%s", want, v)
		}
	}
	for _, secret := range []string{"hunter2", "topsecret", "pw-abc", "s3cret"} {
		if strings.Contains(v, secret) {
			t.Errorf("a secret of a URL reached the screen: %q", secret)
		}
	}
}

func TestHeader_AttachedToADaemon(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	beat := fixedNow.Add(-3 * time.Second)
	daemon := engineStatus()
	daemon.PID, daemon.Host, daemon.Started, daemon.Beat = 4242, "edi-server", beat, beat
	must(t, db.ClaimPresence(ctx, daemon, beat.Add(-time.Minute)))
	o := testOptions(db)
	o.Engine, o.Attached = nil, true
	m := New(o)
	drive(t, m, m.Init())
	send(t, m, windowSize(120, 40))
	v := m.View()
	if !strings.Contains(v, "attached to daemon pid 4242 on edi-server") || !strings.Contains(v, "Poller next poll in 40s") {
		t.Errorf("attached header:\n%s", v)
	}
	o.Now = func() time.Time { return fixedNow.Add(time.Minute) }
	m = New(o)
	drive(t, m, m.Init())
	if v := m.View(); !strings.Contains(v, "daemon silent since 14:29:57") {
		t.Errorf("a stale heartbeat must show:\n%s", v)
	}
	must(t, db.ReleasePresence(ctx, 4242, "edi-server"))
	send(t, m, tickMsg(fixedNow))
	if v := m.View(); !strings.Contains(v, "no engine runs on this database") {
		t.Errorf("no heartbeat must show:\n%s", v)
	}
}

// When the catch-up finds that Stedi stopped delivering webhooks, the
// header says so on a line of its own, and the line goes once it clears.
func TestHeader_ShowsWebhookSilence(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	ctx := context.Background()
	msg := core.WebhookNotDelivering + ": 3 inbound transaction(s) processed since 2026-03-01T09:00:00Z came only by the catch-up"
	must(t, db.SetControl(ctx, core.ControlWebhookSilent, msg, "catchup"))
	send(t, m, engineEventMsg{Action: "webhook_silent"})
	if v := m.View(); !strings.Contains(v, core.WebhookNotDelivering+": 3 inbound") {
		t.Errorf("header lacks the warning:\n%s", v)
	}
	must(t, db.SetControl(ctx, core.ControlWebhookSilent, "", "catchup"))
	send(t, m, engineEventMsg{Action: "webhook_delivering"})
	if v := m.View(); strings.Contains(v, core.WebhookNotDelivering) {
		t.Errorf("the warning stays after it cleared:\n%s", v)
	}
}
