package alert_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/alert"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/tunnel"
)

func TestDown_OnlyAfterTheConfiguredTime(t *testing.T) {
	since := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	outs := []admin.Outcome{
		{Part: "x3", Result: admin.Fail, Detail: "connection refused", Advice: "check x3.url", Since: since},
		{Part: "stedi", Result: admin.OK, Since: since},
	}
	src := alert.Down(func() []admin.Outcome { return outs }, 10*time.Minute)
	ps, _ := src.Problems(context.Background(), since.Add(9*time.Minute))
	if len(ps) != 0 {
		t.Fatalf("raised before down_after: %+v", ps)
	}
	ps, _ = src.Problems(context.Background(), since.Add(10*time.Minute))
	if len(ps) != 1 || ps[0].Key != "x3" || !strings.Contains(ps[0].Detail, "check x3.url") {
		t.Fatalf("problems %+v", ps)
	}
}

func TestTunnelDown(t *testing.T) {
	tr := tunnel.NewTracker("ngrok")
	src := alert.TunnelDown(tr, time.Minute)
	later := time.Now().Add(2 * time.Minute)
	tr.Set(tunnel.StateOffline, "", "no tunnel within 20s")
	if ps, _ := src.Problems(context.Background(), later); len(ps) != 1 || !strings.Contains(ps[0].Detail, "no tunnel within 20s") {
		t.Fatalf("offline: %+v", ps)
	}
	tr.Set(tunnel.StateOnline, "https://a.ngrok.app/webhooks/stedi", "")
	if ps, _ := src.Problems(context.Background(), later); len(ps) != 0 {
		t.Fatalf("online: %+v", ps)
	}
	tr.Set(tunnel.StateStopped, "", "")
	if ps, _ := src.Problems(context.Background(), later); len(ps) != 0 {
		t.Fatalf("stopped: %+v", ps)
	}
}

func TestManager_EngineEventsTriggerAnEvaluation(t *testing.T) {
	addr, mails := smtpServer(t)
	bus := core.NewBus()
	src := &problems{}
	m := &alert.Manager{Name: "srv01", Bus: bus, Interval: time.Hour, Sources: []alert.Source{src.source("failed")},
		Notifiers: []alert.Notifier{&alert.Email{Server: addr, From: "a@example.com", To: []string{"b@example.com"}}}}
	m.Start(context.Background())
	defer m.Stop()

	src.set(nil, alert.Problem{Key: "7", Title: "document 7 is in the failed queue"})
	bus.Publish(core.Event{DocID: 7, Action: string(core.StateFailed), State: core.StateFailed})
	if got := <-mails; !strings.Contains(got.data, "PROBLEM: document 7") {
		t.Fatalf("mail:\n%s", got.data)
	}
	src.set(nil)
	bus.Publish(core.Event{DocID: 7, Action: string(core.StateSent), State: core.StateSent})
	if got := <-mails; !strings.Contains(got.data, "CLEARED: document 7") {
		t.Fatalf("mail:\n%s", got.data)
	}
}
