package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

const hookSecret = "bench-webhook-secret-0123456789"

// hookRig is the webhook receiver on loopback over a real database: each
// acknowledgment includes the inbox commit.
type hookRig struct {
	url    string
	client *http.Client
	seq    atomic.Int64
}

func newHookRig(b *testing.B) *hookRig {
	db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "hook.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	h, err := webhook.New(webhook.Config{Secret: hookSecret}, db, webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 256
	return &hookRig{url: srv.URL + webhook.DefaultPath, client: &http.Client{Timeout: 10 * time.Second, Transport: tr}}
}

// post delivers one new transaction.processed.v2 and returns how long
// the 2xx took.
func (r *hookRig) post() (time.Duration, error) {
	n := r.seq.Add(1)
	body := fmt.Sprintf(`{"event":{"version":"0","id":"ev-%d","detail-type":"transaction.processed.v2","source":"stedi.core","time":"2026-01-05T10:00:00Z",
	 "detail":{"transactionId":"tx-%d","direction":"INBOUND","mode":"production","fileExecutionId":"f-%d","processedAt":"2026-01-05T09:59:58.123Z",
	  "partnership":{"partnershipId":"northwind_acme"},"x12":{"metadata":{"transaction":{"controlNumber":"0001","transactionSetIdentifier":"855"}}}}}}`, n, n, n)
	req, _ := http.NewRequest(http.MethodPost, r.url, strings.NewReader(body))
	req.Header.Set("Authorization", hookSecret)
	start := time.Now()
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	return time.Since(start), nil
}

// BenchmarkWebhookAck measures the webhook's acknowledgment latency at
// 200 deliveries per second (open loop, as Stedi delivers: a delivery does
// not wait for the previous answer), then the highest sustained rate with
// 32 concurrent senders. Target: p99 under 20 ms at 200/s.
func BenchmarkWebhookAck(b *testing.B) {
	for b.Loop() {
		r := newHookRig(b)
		lat := r.openLoop(b, 200, 5*time.Second)
		slices.Sort(lat)
		b.ReportMetric(millis(lat[len(lat)/2]), "p50_ms@200/s")
		b.ReportMetric(millis(lat[len(lat)*99/100]), "p99_ms@200/s")
		b.ReportMetric(millis(lat[len(lat)-1]), "max_ms@200/s")
		b.ReportMetric(r.closedLoop(b, 32, 3*time.Second), "max_deliveries/s")
	}
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// openLoop sends rate deliveries per second for d and returns every latency.
func (r *hookRig) openLoop(b *testing.B, rate int, d time.Duration) []time.Duration {
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	for range rate * int(d/time.Second) {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := r.post()
			if err != nil {
				b.Error(err)
				return
			}
			mu.Lock()
			lat = append(lat, l)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return lat
}

// closedLoop runs senders that post back to back for d and returns the
// acknowledged deliveries per second.
func (r *hookRig) closedLoop(b *testing.B, senders int, d time.Duration) float64 {
	var done atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	start := time.Now()
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if _, err := r.post(); err != nil {
					b.Error(err)
					return
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	return float64(done.Load()) / time.Since(start).Seconds()
}
