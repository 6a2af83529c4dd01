package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

// A Stedi simulator started before ML_WEBHOOK_SECRET was exported sent
// every delivery with the wrong secret while /readyz said nothing of it.
func TestReadyz_ReportsRefusedDeliveriesUntilOneIsAccepted(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const secret = "local-webhook-secret-0001"
	h, err := webhook.New(webhook.Config{Secret: secret}, db, webhook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mon := &admin.Monitor{Probes: withDeliveriesProbe(nil, h)}
	srv := &admin.Server{Addr: "127.0.0.1:0", Monitor: mon}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	deliver := func(id, auth string) int {
		ev := `{"event":{"version":"0","id":"` + id + `","detail-type":"transaction.processed.v2","source":"stedi.core",
		  "detail":{"transactionId":"tx-` + id + `","direction":"INBOUND","processedAt":"2026-01-05T09:59:58Z",
		  "partnership":{"partnershipId":"p1"},"x12":{"metadata":{"transaction":{"controlNumber":"1","transactionSetIdentifier":"855"}}}}}}`
		req := httptest.NewRequest(http.MethodPost, webhook.DefaultPath, strings.NewReader(ev))
		req.Header.Set("Authorization", auth)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	readyz := func() (int, string) {
		mon.RunOnce(ctx)
		return httpGet(t, "http://"+srv.ListenAddr()+"/readyz")
	}
	if code, body := readyz(); code != 200 {
		t.Fatalf("before any delivery: %d %s", code, body)
	}
	deliver("e1", "")
	deliver("e2", "not-the-secret")
	// A warning: the daemon still serves (the catch-up brings documents
	// in), and a forged event must not take it out of service.
	code, body := readyz()
	if code != http.StatusOK || !strings.Contains(body, `"webhook_deliveries"`) || !strings.Contains(body, `"result": "WARN"`) ||
		!strings.Contains(body, "2 Stedi deliveries refused") || !strings.Contains(body, "ML_WEBHOOK_SECRET") {
		t.Fatalf("with refused deliveries: %d %s", code, body)
	}
	if c := deliver("e3", secret); c != 200 {
		t.Fatalf("authenticated delivery: %d", c)
	}
	if code, body := readyz(); code != 200 || strings.Contains(body, "WARN") {
		t.Errorf("after an accepted delivery: %d %s", code, body)
	}
}
