package tunnel_test

import (
	"context"
	"errors"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/mlconnector/ml-connector/tunnel"
)

func TestWebhookURL(t *testing.T) {
	for _, c := range []struct{ base, path, want string }{
		{"https://a.ngrok.app", "/webhooks/stedi", "https://a.ngrok.app/webhooks/stedi"},
		{"https://a.example.com/edi/", "/webhooks/stedi", "https://a.example.com/edi/webhooks/stedi"},
		{"http://127.0.0.1:8480", "hook", "http://127.0.0.1:8480/hook"},
	} {
		u, _ := url.Parse(c.base)
		if got := tunnel.WebhookURL(u, c.path); got != c.want {
			t.Errorf("WebhookURL(%s, %s) = %s, want %s", c.base, c.path, got, c.want)
		}
	}
}

// flaky fails its first Open, then opens a local listener.
type flaky struct {
	opens atomic.Int32
	local tunnel.Local
}

func (f *flaky) Name() string { return "flaky" }
func (f *flaky) Open(ctx context.Context) (tunnel.Endpoint, error) {
	if f.opens.Add(1) == 1 {
		return nil, errors.New("first open fails")
	}
	return f.local.Open(ctx)
}

func TestService_OpensAgainAfterAFailure(t *testing.T) {
	tr := tunnel.NewTracker("flaky")
	p := &flaky{local: tunnel.Local{Addr: "127.0.0.1:0"}}
	svc := &tunnel.Service{Provider: p, Handler: webhookStub(),
		Path: "/webhooks/stedi", Tracker: tr, RetryMin: 1, RetryMax: 1}
	svc.Start(context.Background())
	defer svc.Stop()
	st := waitState(t, tr, tunnel.StateOnline)
	if n := p.opens.Load(); n != 2 {
		t.Errorf("opens = %d, want 2", n)
	}
	if st.Error != "" || st.URL == "" {
		t.Errorf("online status %+v", st)
	}
}
