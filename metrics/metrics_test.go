package metrics_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/metrics"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("/metrics = %d", rec.Code)
	}
	return rec.Body.String()
}

func wantLines(t *testing.T, body string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(body, "\n"+l+"\n") {
			t.Errorf("metrics lack %q", l)
		}
	}
}

func TestMetrics_DocumentsQueueTunnelAndChecks(t *testing.T) {
	counts := []store.StateCount{
		{Kind: core.Kind850, State: core.StateSent, Count: 12},
		{Kind: core.Kind850, State: core.StatePending, Count: 3},
		{Kind: core.Kind850, State: core.StateRetrying, Count: 2},
		{Kind: core.Kind850, State: core.StateFailed, Count: 1},
		{Kind: "855", State: core.StateApplied, Count: 4},
	}
	tr := tunnel.NewTracker("ngrok")
	tr.Set(tunnel.StateOnline, "https://a.ngrok.app/webhooks/stedi", "")
	m := metrics.New(metrics.Sources{
		Counts: func(context.Context) ([]store.StateCount, error) { return counts, nil },
		Tunnel: tr,
		Checks: func() map[string]bool { return map[string]bool{"x3": true, "stedi": false} },
	})
	body := scrape(t, m)
	wantLines(t, body,
		`ml_connector_documents{kind="850",state="sent"} 12`,
		`ml_connector_documents{kind="850",state="failed"} 1`,
		`ml_connector_queue_depth{kind="850"} 5`,
		`ml_connector_queue_depth{kind="855"} 0`,
		`ml_connector_failed_queue 1`,
		`ml_connector_store_up 1`,
		`ml_connector_tunnel_up 1`,
		`ml_connector_tunnel_state{provider="ngrok",state="online"} 1`,
		`ml_connector_tunnel_state{provider="ngrok",state="offline"} 0`,
		`ml_connector_check_ok{part="stedi"} 0`,
		`ml_connector_check_ok{part="x3"} 1`,
	)
}

func TestMetrics_AStoreErrorDoesNotFailTheScrape(t *testing.T) {
	m := metrics.New(metrics.Sources{
		Counts: func(context.Context) ([]store.StateCount, error) { return nil, errors.New("database is locked") },
	})
	body := scrape(t, m)
	wantLines(t, body, "ml_connector_store_up 0")
	if !strings.Contains(body, "go_goroutines") {
		t.Error("the other metrics are missing")
	}
}

func TestMetrics_AttemptsFromEngineEvents(t *testing.T) {
	bus := core.NewBus()
	m := metrics.New(metrics.Sources{Bus: bus})
	m.Start(context.Background())
	// Publish offers an event to every subscriber before it returns, so
	// the events are in the metrics' buffer now, and Stop handles what is
	// buffered before it returns.
	for _, a := range []core.State{core.StateRetrying, core.StateRetrying, core.StateSent, core.StateFailed} {
		bus.Publish(core.Event{Kind: core.Kind850, Action: string(a), State: a})
	}
	m.Stop() // waits for the subscriber goroutine: every event is counted
	wantLines(t, scrape(t, m),
		`ml_connector_attempts_total{kind="850",outcome="retrying"} 2`,
		`ml_connector_attempts_total{kind="850",outcome="sent"} 1`,
		`ml_connector_attempts_total{kind="850",outcome="failed"} 1`,
		`ml_connector_failures_total{kind="850"} 3`,
	)
}

// An 856 that waits for its PO's 855 is deferred, not failed: it is
// counted apart, so failures_total means what it says.
func TestMetrics_DeferralsAreNotFailures(t *testing.T) {
	bus := core.NewBus()
	m := metrics.New(metrics.Sources{Bus: bus})
	m.Start(context.Background())
	for range 3 {
		bus.Publish(core.Event{Kind: core.Kind856, Action: core.ActionDeferred, State: core.StateRetrying})
	}
	bus.Publish(core.Event{Kind: core.Kind856, Action: string(core.StateRetrying), State: core.StateRetrying})
	m.Stop()
	body := scrape(t, m)
	wantLines(t, body,
		`ml_connector_deferrals_total{kind="856"} 3`,
		`ml_connector_failures_total{kind="856"} 1`,
		`ml_connector_attempts_total{kind="856",outcome="retrying"} 1`,
	)
}

func TestMetrics_WebhookLatencyAndTokenRefreshes(t *testing.T) {
	m := metrics.New(metrics.Sources{})
	h := m.InstrumentWebhook(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	for range 2 {
		resp, err := http.Post(srv.URL+"/webhooks/stedi", "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	m.TokenRefreshed("x3", nil)
	m.TokenRefreshed("x3", errors.New("invalid_grant"))
	wantLines(t, scrape(t, m),
		`ml_connector_webhook_request_duration_seconds_count{code="401",method="post"} 2`,
		`ml_connector_webhook_request_duration_seconds_bucket{code="401",method="post",le="+Inf"} 2`,
		`ml_connector_token_refreshes_total{result="ok",system="x3"} 1`,
		`ml_connector_token_refreshes_total{result="error",system="x3"} 1`,
	)
}

// Token sources report through the bus (cmd/ml-connector/x3client.go).
func TestMetrics_TokenRefreshesFromEvents(t *testing.T) {
	bus := core.NewBus()
	m := metrics.New(metrics.Sources{Bus: bus})
	m.Start(context.Background())
	bus.Publish(core.Event{Action: core.ActionTokenRefresh, Key: "x3"})
	bus.Publish(core.Event{Action: core.ActionTokenRefresh, Key: "x3", Message: "refresh token revoked"})
	m.Stop()
	wantLines(t, scrape(t, m),
		`ml_connector_token_refreshes_total{result="ok",system="x3"} 1`,
		`ml_connector_token_refreshes_total{result="error",system="x3"} 1`,
	)
}
