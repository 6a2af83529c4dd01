// Package e2e tests the whole outbound pipeline over loopback: the real
// Sage X3 and Stedi clients, the engine and the store, against both
// simulators.
package e2e

import (
	"bytes"
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
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/x12"
)

const (
	x3Password = "x3-Pa55w0rd-e2e"
	stediKey   = "stedi-key-e2e-0123456789"
)

// world is one test's pair of simulators, database and engine.
type world struct {
	t           *testing.T
	x3          *x3sim.Server
	stedi       *stedisim.Server
	x3Faults    *faultinject.Injector
	stediFaults *faultinject.Injector
	x3URL       string
	stediURL    string
	db          *store.DB
	dbPath      string
	partners    core.Partners
	bus         *core.Bus
	engine      *core.Engine
	maxAttempts int
	logs        syncBuffer           // everything the engine logged
	units       map[string]string    // [units] of the configuration
	erp         func() core.ERP      // the X3 client; nil: api1 REST (x3auth_test.go sets GraphQL ones)
	x3Callback  string               // where the simulated Sage cloud posts approvals (x3auth_test.go)
	x3Approvals chan x3auth.Callback // what it posted
}

// syncBuffer is a bytes.Buffer safe for the engine's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newWorld(t *testing.T, pos int) *world {
	t.Helper()
	w := &world{t: t, x3Faults: faultinject.New(1), stediFaults: faultinject.New(2), maxAttempts: 30, bus: core.NewBus()}
	w.x3 = x3sim.New(x3sim.Config{Folder: "SEED", User: "EDIUSER", Password: x3Password, Seed: 42, Faults: w.x3Faults, GraphQLAPI: x3gql.New})
	w.stedi = stedisim.New(stedisim.Config{APIKeys: []string{stediKey}, Faults: w.stediFaults})
	w.x3URL = serve(t, w.x3)
	w.stediURL = serve(t, w.stedi) + stedisim.APIVersion
	w.partners = core.Partners{}
	for _, s := range w.x3.Suppliers() {
		if !s.EDI {
			continue
		}
		w.partners[s.Code] = core.Partner{Supplier: s.Code, PartnershipID: s.PartnershipID,
			TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850}}
		w.stedi.AddPartnership(s.PartnershipID, stedisim.DemoPartnership("NORTHWIND", s.Code))
	}
	w.x3.SeedPurchaseOrders(pos)
	w.dbPath = filepath.Join(t.TempDir(), "e2e.db")
	w.openDB()
	return w
}

func serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func (w *world) openDB() {
	db, err := store.Open(context.Background(), w.dbPath)
	if err != nil {
		w.t.Fatal(err)
	}
	w.db = db
	w.t.Cleanup(func() { db.Close() })
}

func (w *world) mapConfig() core.MapConfig {
	site := func(code, city string) core.Party {
		return core.Party{Name: "Northwind " + city, ID: code, Address1: "1 Dock Rd", City: city, State: "OH", PostalCode: "43217", Country: "US"}
	}
	return core.MapConfig{Buyer: core.Party{Name: "Northwind Electronics", IDQualifier: "92", ID: "ELC"},
		Sites: map[string]core.Party{"DC01": site("DC01", "Columbus"), "DC02": site("DC02", "Reno")}, Units: w.units}
}

// startEngine builds fresh clients and a fresh engine over the same
// database, as a restarted process would.
func (w *world) startEngine(apiKey string) {
	w.t.Helper()
	hc := &http.Client{Timeout: 5 * time.Second}
	var x3 core.ERP
	x3, err := rest.New(rest.Config{BaseURL: w.x3URL, Folder: "SEED", User: "EDIUSER", Password: x3Password, PageSize: 50, HTTPClient: hc})
	if err != nil {
		w.t.Fatal(err)
	}
	if w.erp != nil {
		x3 = w.erp()
	}
	st, err := stedi.New(stedi.Config{BaseURL: w.stediURL, APIKey: apiKey, HTTPClient: hc})
	if err != nil {
		w.t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(&w.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	w.engine = &core.Engine{Store: w.db, Bus: w.bus, Logger: log,
		Poller: &core.Poller{ERP: x3, Store: w.db, Partners: w.partners, Map: w.mapConfig(), Folder: "SEED",
			Interval: 20 * time.Millisecond, Overlap: 2 * time.Second, Fetchers: 4, Bus: w.bus, Logger: log, Now: time.Now,
			CheckX12: x12.CheckGuideJSON, PauseProbe: 20 * time.Millisecond},
		Sender: &core.Sender{EDI: st, Store: w.db, Workers: 4, MaxAttempts: w.maxAttempts,
			Backoff: core.Backoff{Base: 2 * time.Millisecond, Max: 20 * time.Millisecond}, Lease: time.Minute,
			PauseProbe: 10 * time.Millisecond, Idle: 10 * time.Millisecond, Bus: w.bus, Logger: log, Now: time.Now},
	}
	if err := w.engine.Start(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(w.engine.Stop)
}

// waitFor re-checks cond on every engine event until it holds. The
// deadline only turns a hang into a readable failure.
func (w *world) waitFor(what string, cond func() bool) {
	w.t.Helper()
	events, stop := w.bus.Subscribe(1024)
	defer stop()
	deadline := time.After(60 * time.Second)
	for !cond() {
		select {
		case <-events:
		case <-deadline:
			w.t.Fatalf("timed out waiting for %s; counts %v", what, w.counts())
		}
	}
}

// counts returns documents by state.
func (w *world) counts() map[core.State]int {
	cs, err := w.db.Counts(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[core.State]int{}
	for _, c := range cs {
		out[c.State] += c.Count
	}
	return out
}

// ediPOs counts the purchase orders of suppliers on EDI.
func (w *world) ediPOs() int {
	n := 0
	for _, num := range w.x3.PurchaseOrderNumbers() {
		po, _ := w.x3.PurchaseOrder(num)
		if _, ok := w.partners[po.Supplier]; ok {
			n++
		}
	}
	return n
}

func storeFilterAll() store.Filter    { return store.Filter{Limit: 100000} }
func storeFilterFailed() store.Filter { return store.Filter{State: core.StateFailed, Limit: 1000} }

func storeFilter(test *bool) store.Filter { return store.Filter{Test: test, Limit: 1000} }
