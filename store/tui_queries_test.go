package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

func ids(docs []core.Document) string {
	out := make([]int64, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return fmt.Sprint(out)
}

// tenDocs stores PO1..PO10 (ids 1..10); even ones belong to supplier EVEN.
func tenDocs(t *testing.T) *store.DB {
	t.Helper()
	db := openDB(t)
	in := core.Intake{Actor: "poller"}
	for i := 1; i <= 10; i++ {
		d := newDoc(fmt.Sprintf("PO%d", i), 1)
		d.Doc.IdempotencyKey = fmt.Sprintf("k%d", i)
		if i%2 == 0 {
			d.Doc.Supplier = "EVEN"
		}
		in.New = append(in.New, d)
	}
	if err := db.Intake(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestDocumentPage_KeysetPages(t *testing.T) {
	db := tenDocs(t)
	ctx := context.Background()
	cases := []struct {
		p    store.Page
		want string
	}{
		{store.Page{Limit: 3}, "[10 9 8]"},
		{store.Page{Before: 8, Limit: 3}, "[7 6 5]"},
		{store.Page{After: 5, Limit: 3}, "[8 7 6]"}, // the rows just above, still newest first
		{store.Page{Oldest: true, Limit: 3}, "[3 2 1]"},
		{store.Page{Before: 2, Limit: 3}, "[1]"},
	}
	for _, c := range cases {
		docs, err := db.DocumentPage(ctx, store.Match{}, c.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(docs); got != c.want {
			t.Errorf("page %+v: %s, want %s", c.p, got, c.want)
		}
	}
}

func TestDocumentPage_Match(t *testing.T) {
	db := tenDocs(t)
	ctx := context.Background()
	cases := []struct {
		m    store.Match
		want string
	}{
		{store.Match{Supplier: "EVEN"}, "[10 8 6 4 2]"},
		{store.Match{PONumber: "PO1"}, "[1]"},
		{store.Match{Text: "po1"}, "[10 1]"}, // a substring, any case
		{store.Match{Text: "%"}, "[]"},       // LIKE wildcards match themselves only
		{store.Match{Direction: core.Inbound}, "[]"},
		{store.Match{Direction: core.Outbound, States: []core.State{core.StatePending}, Supplier: "EVEN", DocID: 4}, "[4]"},
		{store.Match{Kinds: []core.Kind{core.Kind810, core.Kind855}}, "[]"},
	}
	for _, c := range cases {
		docs, err := db.DocumentPage(ctx, c.m, store.Page{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(docs); got != c.want {
			t.Errorf("match %+v: %s, want %s", c.m, got, c.want)
		}
	}
	failed, err := db.FailedMatching(ctx, store.Match{Supplier: "EVEN"}, 100)
	if err != nil || len(failed) != 0 {
		t.Fatalf("no document failed, FailedMatching gave %v, %v", failed, err)
	}
}

func TestAuditPage_ByDocumentsAndText(t *testing.T) {
	db := tenDocs(t)
	ctx := context.Background()
	all, err := db.AuditPage(ctx, store.Match{}, store.Page{Limit: 100})
	if err != nil || len(all) != 20 { // read + queued per document
		t.Fatalf("%d entries, err %v", len(all), err)
	}
	if all[0].ID < all[1].ID || all[0].PONumber != "PO10" {
		t.Errorf("not newest first with the document's PO: %+v", all[0])
	}
	if all[1].PayloadKind != core.PayloadX3Record {
		t.Errorf("the read entry should name its payload: %+v", all[1])
	}
	po, _ := db.AuditPage(ctx, store.Match{PONumber: "PO3"}, store.Page{Limit: 100})
	text, _ := db.AuditPage(ctx, store.Match{Supplier: "EVEN", Text: "queued"}, store.Page{Limit: 100})
	if len(po) != 2 || po[0].PONumber != "PO3" || len(text) != 5 {
		t.Errorf("by PO: %d entries, by supplier and text: %d", len(po), len(text))
	}
	page, _ := db.AuditPage(ctx, store.Match{}, store.Page{After: all[5].ID, Limit: 2})
	if len(page) != 2 || page[0].ID != all[3].ID || page[1].ID != all[4].ID {
		t.Errorf("After pages the rows just above: %+v", page)
	}
}

func TestTimeline_MergesThePODocuments(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	out := newDoc("PO7", 1)
	ack := core.NewDocument{Doc: core.Document{Kind: core.Kind855, Direction: core.Inbound, SourceKey: "tx1", PONumber: "PO7",
		Revision: 1, ContentHash: "h", State: "applied", Payload: []byte(`{}`)}}
	other := newDoc("PO8", 1)
	for _, nd := range []core.NewDocument{out, other, ack} {
		if err := db.Intake(ctx, core.Intake{Actor: "t", New: []core.NewDocument{nd}}); err != nil {
			t.Fatal(err)
		}
	}
	tl, err := db.Timeline(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	if tl.PONumber != "PO7" || ids(tl.Documents) != "[1 3]" || string(tl.Documents[0].Payload) == "" {
		t.Fatalf("timeline of PO7: %s %s", tl.PONumber, ids(tl.Documents))
	}
	for i, e := range tl.Entries {
		if e.DocumentID == 2 {
			t.Errorf("an entry of another PO: %+v", e)
		}
		if i > 0 && e.At.Before(tl.Entries[i-1].At) {
			t.Errorf("entries out of time order")
		}
	}
	if len(tl.Payloads) != 1 || tl.Payloads[0].Kind != core.PayloadX3Record || tl.Payloads[0].DocumentID != 1 {
		t.Errorf("payloads: %+v", tl.Payloads)
	}
	if _, err := db.Timeline(ctx, 99); err == nil {
		t.Errorf("a missing document must be an error")
	}
}

func TestDocumentsPerHourAndLatestInbound(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	base := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	clock := []time.Time{base.Add(10 * time.Minute), base.Add(70 * time.Minute), base.Add(80 * time.Minute)}
	for i, at := range clock {
		db.Now = func() time.Time { return at }
		nd := newDoc(fmt.Sprintf("PO%d", i), 1)
		if i == 2 {
			nd.Doc.Direction, nd.Doc.IdempotencyKey = core.Inbound, ""
		}
		if err := db.Intake(ctx, core.Intake{Actor: "t", New: []core.NewDocument{nd}}); err != nil {
			t.Fatal(err)
		}
	}
	hours, err := db.DocumentsPerHour(ctx, base.Add(30*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(hours); got != fmt.Sprint([]store.HourCount{
		{Hour: base, Direction: core.Outbound, Count: 1},
		{Hour: base.Add(time.Hour), Direction: core.Inbound, Count: 1},
		{Hour: base.Add(time.Hour), Direction: core.Outbound, Count: 1},
	}) {
		t.Errorf("per hour: %s", got)
	}
	last, err := db.LatestInbound(ctx)
	if err != nil || !last.Equal(clock[2].Truncate(time.Millisecond)) {
		t.Errorf("latest inbound %s, err %v", last, err)
	}
}
