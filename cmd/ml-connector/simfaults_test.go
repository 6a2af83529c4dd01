package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

func TestSim_RefusesAFaultFlagOutOfRange(t *testing.T) {
	for _, args := range [][]string{
		{"sim", "stedi", "--drop-after-commit", "1.5"},
		{"sim", "x3", "--drop-after-commit", "-0.1"},
		{"sim", "stedi", "--webhook-duplicates", "2"},
		{"sim", "stedi", "--webhook-retry-interval", "0s"},
		{"sim", "x3", "--pos-every", "-1s"},
		{"sim", "stedi", "--answer-delay", "-1s"},
	} {
		err := run(context.Background(), append(args, "--listen", "127.0.0.1:0"), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), args[2]) {
			t.Errorf("%v: %v; want an error naming %s", args, err, args[2])
		}
	}
}

// --drop-after-commit loses the answer to writes the simulator carried
// out, and never touches reads.
func TestSim_DropAfterCommitLosesOnlyTheAnswersToWrites(t *testing.T) {
	var handled atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handled.Add(1)
		w.WriteHeader(http.StatusOK)
	})
	srv := httptest.NewServer(simChaos{drop: 1}.faults(1, nil).Wrap(h))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: %v, %v; want 200", resp, err)
	}
	resp.Body.Close()
	if _, err := http.Post(srv.URL, "application/json", strings.NewReader("{}")); err == nil {
		t.Fatal("POST answered; want the connection dropped")
	}
	if n := handled.Load(); n < 2 {
		t.Fatalf("handler ran %d times; want the POST carried out before its answer was lost", n)
	}
}

func TestSim_WebhookFlagsReachStedisWebhook(t *testing.T) {
	c := simChaos{hookRetry: 3 * time.Second, hookRetries: 0, hookDup: 0.1, hookReorder: 0.2}
	w := c.webhook(stedisim.WebhookConfig{URL: "http://127.0.0.1:1/hook"}, 9)
	if w.RetryInterval != 3*time.Second || w.Retries != -1 || w.DuplicateRate != 0.1 || w.ReorderRate != 0.2 || w.Seed != 9 {
		t.Fatalf("webhook %+v; want the flags, and no retry for --webhook-retries 0", w)
	}
}

// sim x3 --pos-every starts empty and creates its purchase orders one at a
// time; with --listen 127.0.0.1:0 it says where it listens.
func TestSim_X3CreatesItsPurchaseOrdersOneAtATime(t *testing.T) {
	t.Setenv("ML_X3_PASSWORD", "pw-pos-every")
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"sim", "x3", "--listen", "127.0.0.1:0", "--pos", "3", "--pos-every", "1ms"}, w, io.Discard)
		w.Close()
	}()
	sc := bufio.NewScanner(out)
	var base string
	created := false
	for (base == "" || !created) && sc.Scan() { // the two lines come in either order
		created = created || strings.HasPrefix(sc.Text(), "created 3 purchase orders")
		if rest, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			base = strings.Fields(rest)[0]
		}
		if strings.HasPrefix(sc.Text(), "Sage X3 simulator:") && !strings.Contains(sc.Text(), " 0 POs") {
			t.Errorf("%q; want no purchase order at start", sc.Text())
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if base == "" || strings.HasSuffix(base, ":0") {
		t.Fatalf("listening on %q; want the port chosen", base)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/api1/x3/erp/SEED/PORDER?representation=PORDER.$query&count=10", nil)
	req.SetBasicAuth("EDIUSER", "pw-pos-every")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Resources []json.RawMessage `json:"$resources"`
	}
	err = json.NewDecoder(resp.Body).Decode(&feed)
	resp.Body.Close()
	if err != nil || len(feed.Resources) != 3 {
		t.Fatalf("X3 lists %d purchase orders (%v); want the 3 created", len(feed.Resources), err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
