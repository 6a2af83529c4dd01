package core_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/store"
)

// A poll cut short on its second page keeps what it read, leaves the
// cursor, and the next poll takes in every record of the later pages,
// even those whose keys sort before what was read (X3 lists in
// update-stamp order, not key order).
func TestPoller_InterruptedOnPage2KeepsEveryLaterRecord(t *testing.T) {
	clock := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	faults := faultinject.New(1)
	sim := x3sim.New(x3sim.Config{Folder: "SEED", User: "U", Password: "pw", Seed: 1, Now: now, Faults: faults, GraphQLAPI: x3gql.New})
	supplier := sim.Suppliers()[0].Code
	// Keys in one order, stamps in the other: PO12 is the oldest.
	for i := 12; i >= 1; i-- {
		clock = clock.Add(time.Minute)
		sim.AddPurchaseOrder(x3sim.PO{Number: fmt.Sprintf("PO%02d", i), Supplier: supplier, OrderDate: "2026-11-20",
			ReceivingSite: "DC01", Currency: "USD", Lines: []x3sim.POLine{{Item: "A", Unit: "EA", Quantity: 1, NetPrice: 1}}})
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	client, err := rest.New(rest.Config{BaseURL: srv.URL, Folder: "SEED", User: "U", Password: "pw", PageSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "poll.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &core.Poller{ERP: client, Store: db, Folder: "SEED", Fetchers: 2, Overlap: time.Minute,
		Partners: core.Partners{supplier: {Supplier: supplier, PartnershipID: "p1", TransactionSettings: map[core.Kind]string{core.Kind850: "ts"}}},
		Map:      core.MapConfig{Buyer: core.Party{Name: "B"}, Sites: map[string]core.Party{"DC01": {Name: "DC", ID: "DC01"}}},
		Bus:      core.NewBus(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
	ctx := context.Background()

	faults.Next(1, func(r *http.Request) bool { return x3sim.IsListPage(r) && r.URL.Query().Has("startIndex") },
		x3sim.DiagnosisFault("the page could not be built"))
	res, err := p.PollOnce(ctx)
	cursor, _ := db.Cursor(ctx, core.CursorPurchaseOrders)
	if err == nil || res.Listed != 5 || res.Queued != 5 || !cursor.IsZero() {
		t.Fatalf("interrupted poll: %v, %+v, cursor %v; want an error, page 1 taken in, the cursor left", err, res, cursor)
	}
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	docs, _ := db.ListDocuments(ctx, store.Filter{Kind: core.Kind850, Limit: 100})
	seen := map[string]int{}
	for _, d := range docs {
		seen[d.SourceKey]++
	}
	if len(seen) != 12 {
		t.Errorf("%d POs queued, want all 12: %v", len(seen), seen)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s queued %d times", k, n)
		}
	}
	if cursor, _ = db.Cursor(ctx, core.CursorPurchaseOrders); !cursor.Equal(clock) {
		t.Errorf("cursor %v, want the newest stamp %v", cursor, clock)
	}
}
