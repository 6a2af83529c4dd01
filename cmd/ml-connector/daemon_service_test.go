package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// logWatch is a log sink a test can wait on: every write signals changed.
type logWatch struct {
	mu      sync.Mutex
	buf     strings.Builder
	changed chan struct{}
}

func newLogWatch() *logWatch { return &logWatch{changed: make(chan struct{}, 1)} }

func (w *logWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.buf.Write(p)
	w.mu.Unlock()
	select {
	case w.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (w *logWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// waitFor waits, on each new log line, until cond holds for the log so
// far. The deadline only turns a hang into a readable failure.
func (w *logWatch) waitFor(t *testing.T, what string, cond func(log string) bool) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for !cond(w.String()) {
		select {
		case <-w.changed:
		case <-deadline:
			t.Fatalf("timed out waiting for %s; log:\n%s", what, w.String())
		}
	}
}

func contains(s string) func(string) bool {
	return func(log string) bool { return strings.Contains(log, s) }
}

func TestDaemon_SIGTERMDuringASendLeavesNothingHalfDone(t *testing.T) {
	release := make(chan struct{})
	held := make(chan string, 64)
	w := newSimWorld(t, stedisim.Config{Hold: func(key string) {
		held <- key
		<-release
	}})
	cfg, err := config.Load(w.configPath, w.env(simX3Password, simStediKey))
	if err != nil {
		t.Fatal(err)
	}
	logs := newLogWatch()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runDaemon(ctx, cfg, log, nil) }()

	var key string
	select {
	case key = <-held: // a send is in flight at Stedi
	case <-time.After(60 * time.Second):
		t.Fatalf("no send reached Stedi; log:\n%s", logs.String())
	}
	cancel() // what SIGTERM does: main's signal context ends
	logs.waitFor(t, "the drain to start", contains("stopping: finishing in-flight sends"))

	db, err := store.Open(context.Background(), w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	doc := docByKey(t, db, key)
	if doc.State != core.StateSending {
		t.Fatalf("held document is %s, want sending while Stedi holds it", doc.State)
	}
	select {
	case err := <-done:
		t.Fatalf("the daemon returned (%v) while a send was in flight", err)
	default:
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatalf("runDaemon: %v\n%s", err, logs.String())
	}
	if doc := docByKey(t, db, key); doc.State != core.StateSent {
		t.Errorf("held document ended %s, want sent", doc.State)
	}
	trail, err := db.AuditTrail(context.Background(), doc.ID)
	if err != nil || trail[len(trail)-1].Action != "sent" {
		t.Errorf("audit trail of the held document ends %+v (%v)", trail[len(trail)-1], err)
	}
	if n := countState(t, db, core.StateSending); n != 0 {
		t.Errorf("%d documents left sending", n)
	}
}

func TestDaemon_AdminEndpointAndMetricsShowTheDocumentsSent(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	cfg, err := config.Load(w.configPath, w.env(simX3Password, simStediKey))
	if err != nil {
		t.Fatal(err)
	}
	logs := newLogWatch()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runDaemon(ctx, cfg, log, nil) }()
	defer func() { cancel(); <-done }()

	// Wait, on the log, for the first poll's documents to be sent and the
	// first round of checks to pass.
	logs.waitFor(t, "the first poll", contains("poll done"))
	queued, _ := strconv.Atoi(logField(logs.String(), "poll done", "queued="))
	if queued == 0 {
		t.Fatalf("the first poll queued nothing; log:\n%s", logs.String())
	}
	logs.waitFor(t, "the documents sent", func(l string) bool { return strings.Count(l, `msg="document sent"`) >= queued })
	logs.waitFor(t, "three checks passed", func(l string) bool { return strings.Count(l, `msg="check passed"`) >= 3 })
	base := "http://" + adminAddr(t, logs.String())

	if code, body := httpGet(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := httpGet(t, base+"/readyz"); code != 200 || !strings.Contains(body, `"ready": true`) {
		t.Errorf("/readyz = %d %s", code, body)
	}
	// The webhook receiver is served on the endpoint, instrumented.
	hook := logField(logs.String(), "webhooks can reach ml-connector", "url=")
	resp, err := http.Post(hook, "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get(tunnel.MarkerHeader) != tunnel.MarkerValue {
		t.Errorf("POST %s without credentials = %d, marker %q", hook, resp.StatusCode, resp.Header.Get(tunnel.MarkerHeader))
	}
	_, metrics := httpGet(t, base+"/metrics")
	// Counts come from the store at scrape time: exact once the sends are
	// logged (they commit first).
	want := strconv.Itoa(queued)
	for name, v := range map[string]string{
		`ml_connector_documents{kind="850",state="sent"}`:                               want,
		`ml_connector_queue_depth{kind="850"}`:                                          "0",
		`ml_connector_check_ok{part="stedi"}`:                                           "1",
		`ml_connector_tunnel_up`:                                                        "1",
		`ml_connector_webhook_request_duration_seconds_count{code="401",method="post"}`: "1",
	} {
		if got := metricValue(metrics, name); got != v {
			t.Errorf("%s = %q, want %s", name, got, v)
		}
	}
	// (Attempts are counted from bus events, a moment after each commit:
	// their exact counts are the metrics package's tests.)
}

func adminAddr(t *testing.T, logs string) string {
	t.Helper()
	return strings.TrimPrefix(logField(logs, "admin endpoint listening", "url="), "http://")
}

// logField returns the value of field in the first log line with msg.
func logField(logs, msg, field string) string {
	_, rest, ok := strings.Cut(logs, msg)
	if !ok {
		return ""
	}
	line, _, _ := strings.Cut(rest, "\n")
	_, v, _ := strings.Cut(line, " "+field)
	v, _, _ = strings.Cut(v, " ")
	return v
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func metricValue(metrics, name string) string {
	for _, l := range strings.Split(metrics, "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			return v
		}
	}
	return ""
}

func docByKey(t *testing.T, db *store.DB, key string) core.Document {
	t.Helper()
	docs, err := db.ListDocuments(context.Background(), store.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.IdempotencyKey == key {
			return d
		}
	}
	t.Fatalf("no document with idempotency key %s", key)
	return core.Document{}
}

func countState(t *testing.T, db *store.DB, s core.State) int {
	t.Helper()
	docs, err := db.ListDocuments(context.Background(), store.Filter{State: s, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return len(docs)
}

// Against a stock X3 the daemon sends every PO while the write-back waits
// for the setup, saying what is missing and what fixes it.
func TestDaemon_StockX3_WriteBackWaitsWithTheSetupMessage_WhilePOsGoOut(t *testing.T) {
	w := newSimWorldOn(t, x3sim.Config{Site: x3sim.SiteStock}, stedisim.Config{})
	cfg, err := config.Load(w.configPath, w.env(simX3Password, simStediKey))
	if err != nil {
		t.Fatal(err)
	}
	logs := newLogWatch()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runDaemon(ctx, cfg, log, nil) }()
	defer func() { cancel(); <-done }()

	logs.waitFor(t, "the setup pause", contains("work with Sage X3 waits for its setup"))
	logs.waitFor(t, "the first poll", contains("poll done"))
	queued, _ := strconv.Atoi(logField(logs.String(), "poll done", "queued="))
	logs.waitFor(t, "the documents sent", func(l string) bool { return queued > 0 && strings.Count(l, `msg="document sent"`) >= queued })

	out, err := runCmd(t, "status", "--db", w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "x3 setup") || !strings.Contains(out, "write 855 acknowledgment waits for Sage X3 setup") ||
		!strings.Contains(out, "YPOACK facet $edit is missing") || !strings.Contains(out, "docs/x3-setup.md") {
		t.Errorf("status:\n%s", out)
	}
}
