package webhook_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

// refusalRig is a handler with a clock the test moves and a log it reads.
type refusalRig struct {
	h    *webhook.Handler
	logs *syncBuffer
	mu   sync.Mutex
	now  time.Time
}

func newRefusalRig(t *testing.T) *refusalRig {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := &refusalRig{logs: &syncBuffer{}, now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	r.h, err = webhook.New(webhook.Config{Secret: secret}, db, webhook.Options{
		Logger: slog.New(slog.NewTextHandler(r.logs, nil)), Now: r.clock, RefusalLogEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *refusalRig) clock() time.Time { r.mu.Lock(); defer r.mu.Unlock(); return r.now }
func (r *refusalRig) advance(d time.Duration) {
	r.mu.Lock()
	r.now = r.now.Add(d)
	r.mu.Unlock()
}

func (r *refusalRig) post(body, auth string) int {
	req := httptest.NewRequest(http.MethodPost, webhook.DefaultPath, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	r.h.ServeHTTP(rec, req)
	return rec.Code
}

// 1,500 refused requests used to make 1,500 log lines.
func TestWebhook_RepeatedRefusalsMakeOneLogLineWithACount(t *testing.T) {
	r := newRefusalRig(t)
	body := wrapped(event("ev-1", "tx-1", "855", "INBOUND"))
	for range 1500 {
		if code := r.post(body, "Bearer xyzzy-guess"); code != http.StatusUnauthorized {
			t.Fatalf("status %d", code)
		}
	}
	if n := strings.Count(r.logs.String(), "webhook refused"); n != 1 {
		t.Fatalf("%d log lines for 1,500 refusals within the interval, want 1:\n%s", n, r.logs.String())
	}
	r.advance(time.Hour)
	r.post(body, "")
	lines := strings.Split(strings.TrimSpace(r.logs.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "count=1500") {
		t.Errorf("after the interval, want one more line with count=1500:\n%s", r.logs.String())
	}
	if strings.Contains(r.logs.String(), "xyzzy") {
		t.Errorf("the refused credential reached the log:\n%s", r.logs.String())
	}
}

// /readyz is told of Stedi deliveries refused since the last accepted
// one; requests that carry no Stedi event (a scanner) do not count.
func TestWebhook_RefusedDeliveriesAreReportedUntilOneIsAccepted(t *testing.T) {
	r := newRefusalRig(t)
	r.post(`{"hello":"scanner"}`, "")
	r.post("", "")
	if got := r.h.Refusals(); got.Deliveries != 0 {
		t.Fatalf("junk counted as refused deliveries: %+v", got)
	}
	r.post(wrapped(event("ev-1", "tx-1", "855", "INBOUND")), "")
	r.advance(time.Minute)
	r.post(event("ev-2", "tx-2", "856", "INBOUND"), "Bearer wrong")
	got := r.h.Refusals()
	if got.Deliveries != 2 || !got.Last.Equal(got.First.Add(time.Minute)) || got.LastFrom == "" {
		t.Fatalf("refusals %+v, want 2 deliveries a minute apart", got)
	}
	if code := r.post(wrapped(event("ev-3", "tx-3", "855", "INBOUND")), secret); code != http.StatusOK {
		t.Fatalf("authenticated delivery: %d", code)
	}
	if got := r.h.Refusals(); got.Deliveries != 0 || got.Accepted.IsZero() {
		t.Errorf("after an accepted delivery: %+v", got)
	}
}
