// Package bench measures throughput next to its raw baseline. Run with
// `make bench`; every figure is a custom metric of one benchmark run.
package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/x12"
)

const (
	benchPOs     = 10000
	benchWorkers = 8
	pw, key      = "bench-pw", "bench-key"
)

type rig struct {
	x3       *x3sim.Server
	stedi    *stedisim.Server
	x3URL    string
	stediURL string
	partners core.Partners
	client   *http.Client
}

func newRig(b *testing.B, pos int) *rig {
	r := &rig{partners: core.Partners{}}
	r.x3 = x3sim.New(x3sim.Config{Folder: "SEED", User: "U", Password: pw, Seed: 9, GraphQLAPI: x3gql.New})
	r.stedi = stedisim.New(stedisim.Config{APIKeys: []string{key}})
	for _, s := range r.x3.Suppliers() {
		r.partners[s.Code] = core.Partner{Supplier: s.Code, PartnershipID: s.PartnershipID,
			TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850}}
		r.stedi.AddPartnership(s.PartnershipID, stedisim.DemoPartnership("NORTHWIND", s.Code))
	}
	r.x3.SeedPurchaseOrders(pos)
	x3srv, stsrv := httptest.NewServer(r.x3), httptest.NewServer(r.stedi)
	b.Cleanup(x3srv.Close)
	b.Cleanup(stsrv.Close)
	r.x3URL, r.stediURL = x3srv.URL, stsrv.URL+stedisim.APIVersion
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	r.client = &http.Client{Timeout: 10 * time.Second, Transport: tr}
	return r
}

func (r *rig) clients(b *testing.B) (*rest.Client, *stedi.Client) {
	x3, err := rest.New(rest.Config{BaseURL: r.x3URL, Folder: "SEED", User: "U", Password: pw, PageSize: 200, HTTPClient: r.client})
	if err != nil {
		b.Fatal(err)
	}
	st, err := stedi.New(stedi.Config{BaseURL: r.stediURL, APIKey: key, HTTPClient: r.client})
	if err != nil {
		b.Fatal(err)
	}
	return x3, st
}

func mapConfig() core.MapConfig {
	site := core.Party{Name: "DC", ID: "DC", Address1: "1 Dock Rd", City: "Columbus", State: "OH", PostalCode: "43217", Country: "US"}
	return core.MapConfig{Buyer: core.Party{Name: "Northwind"}, Sites: map[string]core.Party{"DC01": site, "DC02": site}}
}

// BenchmarkEndToEnd850 pushes benchPOs purchase orders through the poller,
// the mapping, the store and the sender to the Stedi simulator.
func BenchmarkEndToEnd850(b *testing.B) {
	for b.Loop() {
		r := newRig(b, benchPOs)
		x3, st := r.clients(b)
		db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		bus := core.NewBus()
		events, stop := bus.Subscribe(benchPOs * 4)
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		eng := &core.Engine{Store: db, Bus: bus, Logger: log,
			Poller: &core.Poller{ERP: x3, Store: db, Partners: r.partners, Map: mapConfig(), Folder: "SEED",
				Interval: time.Hour, Fetchers: benchWorkers, Bus: bus, Logger: log, Now: time.Now,
				CheckX12: x12.CheckGuideJSON}, // the preflight, as the daemon runs it (cmd/ml-connector/wire.go)
			Sender: &core.Sender{EDI: st, Store: db, Workers: benchWorkers, MaxAttempts: 3,
				Backoff: core.Backoff{Base: time.Millisecond, Max: time.Millisecond}, Bus: bus, Logger: log, Now: time.Now}}
		start := time.Now()
		if err := eng.Start(context.Background()); err != nil {
			b.Fatal(err)
		}
		var lastQueued, firstSent time.Duration
		for sent := 0; sent < benchPOs; {
			e := <-events
			if e.Action == "queued" {
				lastQueued = time.Since(start)
			}
			if e.Action == string(core.StateSent) {
				if sent == 0 {
					firstSent = time.Since(start)
				}
				sent++
			}
		}
		b.Logf("last queued at %s, first sent at %s", lastQueued, firstSent)
		elapsed := time.Since(start)
		eng.Stop()
		stop()
		db.Close()
		if n := r.stedi.AcceptedCount(); n != benchPOs {
			b.Fatalf("Stedi accepted %d, want %d", n, benchPOs)
		}
		b.ReportMetric(float64(benchPOs)/elapsed.Seconds(), "POs/s")
	}
}

// BenchmarkRawLoopback makes the same HTTP requests as the engine (list
// pages, one read per PO, one generate-edi per PO with the same Guide JSON)
// with the same concurrency, but without store or engine. The bodies are
// mapped beforehand, outside the timing.
func BenchmarkRawLoopback(b *testing.B) {
	for b.Loop() {
		r := newRig(b, benchPOs)
		x3, st := r.clients(b)
		ctx := context.Background()
		bodies := r.mappedBodies(b, x3)
		start := time.Now()
		var keys []string
		if err := x3.ChangedPurchaseOrders(ctx, time.Time{}, func(rs core.RecordStamp) error {
			keys = append(keys, rs.Key)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		jobs := make(chan string)
		var wg sync.WaitGroup
		for range benchWorkers {
			wg.Go(func() {
				for k := range jobs {
					po, err := x3.PurchaseOrder(ctx, k)
					if err != nil {
						b.Error(err)
						continue
					}
					_, err = st.GenerateEDI(ctx, core.GenerateRequest{PartnershipID: r.partners[po.Supplier].PartnershipID,
						TransactionSettingID: stedisim.DemoSetting850, Transaction: bodies[k], IdempotencyKey: "raw-" + k})
					if err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, k := range keys {
			jobs <- k
		}
		close(jobs)
		wg.Wait()
		b.ReportMetric(float64(len(keys))/time.Since(start).Seconds(), "POs/s")
	}
}

// mappedBodies maps every PO of the rig once, as the engine would.
func (r *rig) mappedBodies(b *testing.B, x3 *rest.Client) map[string]json.RawMessage {
	bodies := map[string]json.RawMessage{}
	for _, k := range r.x3.PurchaseOrderNumbers() {
		po, err := x3.PurchaseOrder(context.Background(), k)
		if err != nil {
			b.Fatal(err)
		}
		if bodies[k], err = core.Map850(po, r.partners[po.Supplier], mapConfig(), core.PurposeOriginal); err != nil {
			b.Fatal(err)
		}
	}
	return bodies
}

func sampleTransaction(b *testing.B) json.RawMessage {
	po := &core.PurchaseOrder{Number: "PO1", Supplier: "S", OrderDate: "2026-11-20", ReceivingSite: "DC01", Currency: "USD",
		Lines: []core.POLine{{Line: 1000, Item: "ITEM", Unit: "EA", Quantity: 3, NetPrice: 4.5}, {Line: 2000, Item: "ITEM2", Unit: "BX", Quantity: 1, NetPrice: 12}}}
	raw, err := core.Map850(po, core.Partner{}, mapConfig(), core.PurposeOriginal)
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

// BenchmarkStoreIntake inserts documents the way the poller does: batches
// of 100 revisions with their audit entries and payloads.
func BenchmarkStoreIntake(b *testing.B) {
	const n = 20000
	payload := sampleTransaction(b)
	for b.Loop() {
		db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "intake.db"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < n; i += 100 {
			in := core.Intake{Actor: "bench"}
			for j := i; j < i+100; j++ {
				k := fmt.Sprintf("PO%06d", j)
				in.New = append(in.New, core.NewDocument{X3Record: payload, Doc: core.Document{Kind: core.Kind850,
					Direction: core.Outbound, SourceKey: k, Revision: 1, ContentHash: k, IdempotencyKey: k,
					State: core.StatePending, Payload: payload}})
			}
			if err := db.Intake(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
		db.Close()
	}
}

// BenchmarkRawSQLiteInsert is the floor: plain inserts of the same payload
// into one table, 100 per transaction, same pragmas.
func BenchmarkRawSQLiteInsert(b *testing.B) {
	const n = 20000
	payload := sampleTransaction(b)
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "raw.db")
		db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate")
		if err != nil {
			b.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, body BLOB)`); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < n; i += 100 {
			tx, _ := db.Begin()
			for j := i; j < i+100; j++ {
				if _, err := tx.Exec(`INSERT INTO t (k, body) VALUES (?, ?)`, fmt.Sprintf("PO%06d", j), []byte(payload)); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
		db.Close()
	}
}
