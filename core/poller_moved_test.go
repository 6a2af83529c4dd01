package core_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/store"
)

// Found by make chaos ("poll failed: UNIQUE constraint failed"): a PO
// saved in X3 while the poller reads its change list moves to the end of
// the list (update-stamp order) and is listed twice. The poll must not
// fail for it, and the move shifts the records after its old place, so a
// server paging by position skips one at the next page: that record must
// not be lost behind the cursor.
func TestPoller_ARecordSavedDuringTheListingIsReadOnceAndLosesNone(t *testing.T) {
	start := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	clock := x3sim.NewClock(start)
	sim := x3sim.New(x3sim.Config{Folder: "SEED", User: "U", Password: "pw", Seed: 1, Now: clock.Now, GraphQLAPI: x3gql.New})
	supplier := sim.Suppliers()[0].Code
	for i := 1; i <= 12; i++ { // PO01 is the oldest
		clock.Advance(time.Minute)
		sim.AddPurchaseOrder(x3sim.PO{Number: fmt.Sprintf("PO%02d", i), Supplier: supplier, OrderDate: "2026-11-20",
			ReceivingSite: "DC01", Currency: "USD", Lines: []x3sim.POLine{{Item: "A", Unit: "EA", Quantity: 1, NetPrice: 1}}})
	}
	oldest := start.Add(time.Minute)
	var saved sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if x3sim.IsListPage(r) && r.URL.Query().Has("startIndex") {
			saved.Do(func() { clock.Advance(time.Hour); sim.Touch("PO01") }) // a user saves PO01, read on page 1
		}
		sim.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p, db := movedPoller(t, srv.URL, supplier)
	ctx := context.Background()

	res, err := p.PollOnce(ctx)
	if err != nil || res.Listed != 12 || res.Queued != 11 {
		t.Fatalf("poll during the save: %v, %+v; want no error, 12 rows listed (PO01 twice, one PO skipped), 11 queued", err, res)
	}
	if cursor, _ := db.Cursor(ctx, core.CursorPurchaseOrders); cursor.After(oldest) {
		t.Fatalf("cursor %v: past PO01's old stamp %v, the skipped PO would never be listed again", cursor, oldest)
	}
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	docs, _ := db.ListDocuments(ctx, store.Filter{Kind: core.Kind850, Limit: 100})
	seen := map[string]int{}
	for _, d := range docs {
		seen[d.SourceKey]++
	}
	if len(seen) != 12 || len(docs) != 12 {
		t.Fatalf("%d revisions of %d POs, want one of each of the 12: %v", len(docs), len(seen), seen)
	}
	if cursor, _ := db.Cursor(ctx, core.CursorPurchaseOrders); !cursor.Equal(clock.Now()) {
		t.Errorf("cursor %v after an undisturbed poll, want the newest stamp %v", cursor, clock.Now())
	}
}

func movedPoller(t *testing.T, url, supplier string) (*core.Poller, *store.DB) {
	t.Helper()
	client, err := rest.New(rest.Config{BaseURL: url, Folder: "SEED", User: "U", Password: "pw", PageSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "poll.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &core.Poller{ERP: client, Store: db, Folder: "SEED", Fetchers: 2, Overlap: time.Minute,
		Partners: core.Partners{supplier: {Supplier: supplier, PartnershipID: "p1", TransactionSettings: map[core.Kind]string{core.Kind850: "ts"}}},
		Map:      core.MapConfig{Buyer: core.Party{Name: "B"}, Sites: map[string]core.Party{"DC01": {Name: "DC", ID: "DC01"}}},
		Bus:      core.NewBus(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}, db
}
