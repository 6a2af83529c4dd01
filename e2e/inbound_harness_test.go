package e2e

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/webhook"
	"github.com/mlconnector/ml-connector/x12"
)

const webhookSecret = "Bearer e2e-webhook-secret-0123456789"

// simClock is the Stedi simulator's clock: partners answer when it says
// their answers are due, so the test decides when each wave comes.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *simClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// loop is the whole program over loopback, both directions: the engine
// sends 850s, the simulated partners answer, Stedi's webhooks reach our
// receiver, the inbox writes into the X3 simulator.
type loop struct {
	*world
	clock      *simClock
	st         *stedi.Client
	inbox      *core.Inbox
	catchup    *core.CatchUp
	deliveries chan stedisim.Delivery
	silence    time.Duration // the catch-up's webhook silence; 0: not checked
	receiver   *swapHandler  // our webhook endpoint; a test may swap the receiver
	// applyChanges is inbound.apply_855_changes: partners' quantity and
	// date changes are written at once instead of waiting for review.
	applyChanges bool
	// eventSecret, when set, makes Stedi's webhook an event destination
	// signing thin events with it (destination_test.go).
	eventSecret string
}

// swapHandler serves the handler set last.
type swapHandler struct {
	mu sync.Mutex
	h  http.Handler
}

func (s *swapHandler) set(h http.Handler) { s.mu.Lock(); s.h = h; s.mu.Unlock() }

func (s *swapHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	h := s.h
	s.mu.Unlock()
	h.ServeHTTP(w, r)
}

func newLoop(t *testing.T, pos int) *loop {
	t.Helper()
	l := &loop{clock: &simClock{t: time.Now()}, deliveries: make(chan stedisim.Delivery, 10000)}
	w := &world{t: t, x3Faults: faultinject.New(1), stediFaults: faultinject.New(2), maxAttempts: 30, bus: core.NewBus()}
	l.world = w
	w.x3 = x3sim.New(x3sim.Config{Folder: "SEED", User: "EDIUSER", Password: x3Password, Seed: 42, Faults: w.x3Faults, GraphQLAPI: x3gql.New})
	// Partners acknowledge and ship at once (at the next ProcessDue); a
	// partial shipment's second half an hour of simulator time later.
	w.stedi = stedisim.New(stedisim.Config{APIKeys: []string{stediKey}, Faults: w.stediFaults, Now: l.clock.Now,
		SecondShipmentAfter: time.Hour, SchedulerTick: time.Hour, Seed: 5})
	w.x3URL = serve(t, w.x3)
	stediBase := serve(t, w.stedi)
	w.stedi.SetPublicURL(stediBase)
	w.stediURL = stediBase + stedisim.APIVersion
	w.partners = core.Partners{}
	w.allSuppliersOnEDI()
	w.x3.SeedPurchaseOrders(pos)
	w.dbPath = filepath.Join(t.TempDir(), "loop.db")
	w.openDB()
	return l
}

// start runs the engine with the inbound side and points the simulator's
// webhook at our receiver: duplicates and reordering included.
func (l *loop) start() {
	t := l.t
	hc := &http.Client{Timeout: 5 * time.Second}
	var x3 sagex3.API
	x3, err := rest.New(rest.Config{BaseURL: l.x3URL, Folder: "SEED", User: "EDIUSER", Password: x3Password, PageSize: 50, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	if l.erp != nil { // a GraphQL transport (x3auth_test.go)
		x3 = l.erp().(sagex3.API)
	}
	if l.st, err = stedi.New(stedi.Config{BaseURL: l.stediURL, APIKey: stediKey, HTTPClient: hc}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(&l.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	l.engine = &core.Engine{Store: l.db, Bus: l.bus, Logger: log,
		Poller: &core.Poller{ERP: x3, Store: l.db, Partners: l.partners, Map: l.mapConfig(), Folder: "SEED",
			Interval: 20 * time.Millisecond, Overlap: 2 * time.Second, Fetchers: 4, Bus: l.bus, Logger: log, Now: time.Now,
			CheckX12: x12.CheckGuideJSON, Absorbed: l.db},
		Sender: &core.Sender{EDI: l.st, Store: l.db, Workers: 4, MaxAttempts: l.maxAttempts,
			Backoff: core.Backoff{Base: 2 * time.Millisecond, Max: 20 * time.Millisecond}, Lease: time.Minute,
			Idle: 10 * time.Millisecond, Bus: l.bus, Logger: log, Now: time.Now},
	}
	l.inbox = &core.Inbox{EDI: l.st, ERP: x3, Writer: x3, Store: l.db, Partners: l.partners, Map: l.mapConfig(),
		Workers: 4, MaxAttempts: 30, Backoff: core.Backoff{Base: 2 * time.Millisecond, Max: 20 * time.Millisecond},
		Lease: time.Minute, Idle: 20 * time.Millisecond, Wait: 5 * time.Millisecond, Bus: l.bus, Logger: log, Now: time.Now,
		Apply855Changes: l.applyChanges}
	l.catchup = &core.CatchUp{EDI: l.st, Store: l.db, Interval: time.Hour, Overlap: 5 * time.Minute, FirstLookback: time.Hour,
		Found: l.inbox.Wake, Bus: l.bus, Logger: log, Now: l.clock.Now, Silence: l.silence}
	// The receiver reads the simulated world's clock: Stedi stamps
	// event destination deliveries with it (webhook-timestamp).
	h, err := webhook.New(webhook.Config{Secret: webhookSecret, EventSecret: l.eventSecret}, l.db,
		webhook.Options{Stored: l.inbox.Wake, Logger: log, Bus: l.bus, Now: l.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	l.receiver = &swapHandler{h: h}
	hook := httptest.NewServer(l.receiver)
	t.Cleanup(hook.Close)
	l.stedi.SetWebhook(stedisim.WebhookConfig{URL: hook.URL + webhook.DefaultPath,
		Credential: stedisim.APIKey{Header: "Authorization", Value: webhookSecret}, EventDestinationSecret: l.eventSecret,
		RetryInterval: 10 * time.Millisecond, DuplicateRate: 0.3, ReorderRate: 0.3, Seed: 11,
		OnDelivery: func(d stedisim.Delivery) {
			select {
			case l.deliveries <- d:
			default:
			}
		}})
	for _, svc := range []interface {
		Start(context.Context) error
		Stop()
	}{l.stedi, l.engine, l.inbox, l.catchup} {
		if err := svc.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(svc.Stop)
	}
}

// settled waits until every transaction has an inbound document that is
// applied (or failed, for those in failed).
func (l *loop) settled(what string, txs []string, failed map[string]bool) {
	l.t.Helper()
	defer func() {
		if l.t.Failed() { // say which ones hang, and why
			shown := 0
			for _, d := range l.inboundDocs() {
				if d.State != core.StateApplied && shown < 10 {
					l.t.Logf("document %d (%s %s): %s %s", d.ID, d.Kind, d.SourceKey, d.State, d.LastError)
					shown++
				}
			}
		}
	}()
	l.waitFor(what, func() bool {
		docs := l.inboundDocs()
		for _, tx := range txs {
			want := core.StateApplied
			if failed[tx] {
				want = core.StateFailed
			}
			if d, ok := docs[tx]; !ok || d.State != want {
				return false
			}
		}
		return true
	})
}

// inboundDocs returns the inbound documents by Stedi transaction id.
func (l *loop) inboundDocs() map[string]core.Document {
	docs, err := l.db.ListDocuments(context.Background(), storeFilterAll())
	if err != nil {
		l.t.Fatal(err)
	}
	out := map[string]core.Document{}
	for _, d := range docs {
		if d.Direction == core.Inbound {
			out[d.SourceKey] = d
		}
	}
	return out
}

// dropped waits until the simulator has dropped the first delivery of n events.
func (l *loop) dropped(n int) { l.deliveriesEnded(stedisim.Dropped, n) }

// deliveriesEnded waits until n deliveries ended with outcome.
func (l *loop) deliveriesEnded(outcome stedisim.Outcome, n int) {
	l.t.Helper()
	deadline := time.After(60 * time.Second)
	for seen := 0; seen < n; {
		select {
		case d := <-l.deliveries:
			if d.Outcome == outcome {
				seen++
			}
		case <-deadline:
			l.t.Fatalf("only %d of %d deliveries ended %s", seen, n, outcome)
		}
	}
}
