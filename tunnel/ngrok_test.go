package tunnel_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/tunnel"
)

// None of these tests may reach the real ngrok service: every Ngrok has a
// ConnectURL on a closed loopback port, or fails before dialling.

const fakeToken = "2abcSECRETtoken_0123456789"

func TestNgrok_RefusesToStartWithoutAuthtoken(t *testing.T) {
	n := &tunnel.Ngrok{Path: "/webhooks/stedi", ConnectURL: closedPort(t)}
	_, err := n.Open(context.Background())
	if !errors.Is(err, tunnel.ErrNoAuthtoken) {
		t.Fatalf("err = %v, want ErrNoAuthtoken", err)
	}
	if !strings.Contains(err.Error(), "NGROK_AUTHTOKEN") {
		t.Errorf("message does not say what to set: %v", err)
	}
}

func TestNgrok_FailsWithinItsTimeoutWhenTheServiceCannotBeReached(t *testing.T) {
	addr := closedPort(t)
	tr := tunnel.NewTracker("ngrok")
	n := &tunnel.Ngrok{Authtoken: fakeToken, Path: "/webhooks/stedi", ConnectURL: addr,
		ConnectTimeout: time.Second, Tracker: tr}
	start := time.Now()
	ep, err := n.Open(context.Background())
	elapsed := time.Since(start)
	t.Logf("Open: %v", err)
	if err == nil {
		ep.Close()
		t.Fatal("Open succeeded against a closed port")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err does not wrap DeadlineExceeded: %v", err)
	}
	// Not a speed target: a guard against the SDK's endless retry.
	if elapsed > 10*time.Second {
		t.Errorf("Open took %s with a 1s timeout", elapsed)
	}
	for _, want := range []string{"no tunnel within 1s", addr, "connection refused", "port 443"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	st := tr.Status()
	if st.State != tunnel.StateConnecting || !strings.Contains(st.Error, "connection refused") {
		t.Errorf("tracker = %+v, want connecting with the dial error", st)
	}
	if strings.Contains(err.Error(), fakeToken) || strings.Contains(st.Error, fakeToken) {
		t.Error("the authtoken leaked into an error or the status")
	}
}

func TestNgrok_OpenEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := &tunnel.Ngrok{Authtoken: fakeToken, Path: "/webhooks/stedi", ConnectURL: closedPort(t),
		ConnectTimeout: time.Hour}
	go cancel()
	_, err := n.Open(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestNgrok_RejectsAnUnsafeWebhookPath(t *testing.T) {
	n := &tunnel.Ngrok{Authtoken: fakeToken, Path: "/x' || true || '", ConnectURL: closedPort(t)}
	if _, err := n.Open(context.Background()); err == nil || !strings.Contains(err.Error(), "webhook path") {
		t.Fatalf("err = %v", err)
	}
}

func TestService_ReportsAnUnreachableNgrokAndKeepsTrying(t *testing.T) {
	tr := tunnel.NewTracker("ngrok")
	n := &tunnel.Ngrok{Authtoken: fakeToken, Path: "/webhooks/stedi", ConnectURL: closedPort(t),
		ConnectTimeout: 200 * time.Millisecond, Tracker: tr}
	svc := &tunnel.Service{Provider: n, Handler: webhookStub(), Path: "/webhooks/stedi", Tracker: tr,
		RetryMin: time.Millisecond, RetryMax: time.Millisecond}
	svc.Start(context.Background())
	st := waitState(t, tr, tunnel.StateOffline)
	if !strings.Contains(st.Error, "connection refused") {
		t.Errorf("offline status does not say why: %+v", st)
	}
	waitState(t, tr, tunnel.StateConnecting) // the next attempt
	svc.Stop()
	if got := tr.Status().State; got != tunnel.StateStopped {
		t.Errorf("state after Stop = %s", got)
	}
}
