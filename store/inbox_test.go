package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

func inboundEntry(eventID, txID string, kind core.Kind, source string) core.InboxEntry {
	return core.NewInboxEntry(core.InboxEvent{ID: eventID, Type: core.EventTransactionProcessed, Source: source,
		Transaction: &core.InboundTransaction{TransactionID: txID, Direction: "INBOUND", SetID: string(kind),
			PartnershipID: "p1", ProcessedAt: time.Now()}, Raw: []byte(`{"id":"` + eventID + `"}`)})
}

func TestIntakeEvents_DedupesEventsAndTransactions_MovesCursor(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	res, err := db.IntakeEvents(ctx, []core.InboxEntry{
		inboundEntry("e1", "t1", core.Kind855, core.SourceWebhook),
		inboundEntry("e1", "t1", core.Kind855, core.SourceWebhook),
		inboundEntry("catchup:t1", "t1", core.Kind855, core.SourceCatchUp),
		inboundEntry("catchup:t2", "t2", core.Kind856, core.SourceCatchUp),
	}, &core.CursorMove{Name: core.CursorInbound, Value: at})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"", "event", "transaction", ""}
	for i, r := range res {
		if r.Duplicate != want[i] {
			t.Errorf("entry %d: duplicate %q, want %q", i, r.Duplicate, want[i])
		}
	}
	if res[0].DocID == 0 || res[2].DocID != res[0].DocID || res[3].DocID == res[0].DocID {
		t.Errorf("document ids %+v", res)
	}
	if c, _ := db.Cursor(ctx, core.CursorInbound); !c.Equal(at) {
		t.Errorf("cursor %v, want %v", c, at)
	}
	docs, _ := db.ListDocuments(ctx, store.Filter{})
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	trail, _ := db.AuditTrail(ctx, res[0].DocID)
	if len(trail) != 1 {
		t.Errorf("the first delivery's trail has %d entries, want 1 (duplicates add none)", len(trail))
	}
}

func TestInbound_ClaimFinishHistoryAndAdvance(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	// One fixed clock for the store and the claims: intake stamps
	// next_attempt_at with the store's clock, and a claim "due at now" must
	// see it due however long the machine takes between the two.
	now := time.Now()
	db.Now = func() time.Time { return now }
	// The 850 of PO1 went out.
	if err := db.Intake(ctx, core.Intake{New: []core.NewDocument{newDoc("PO1", 1)}}); err != nil {
		t.Fatal(err)
	}
	out, _ := db.ClaimDue(ctx, now, 1, time.Minute)
	_ = db.Complete(ctx, []core.Outcome{{DocID: out[0].ID, State: core.StateSent}})

	res, _ := db.IntakeEvents(ctx, []core.InboxEntry{inboundEntry("e1", "t1", core.Kind856, core.SourceWebhook)}, nil)
	if p, _ := db.AcknowledgmentPending(ctx, "PO1", "p1"); p {
		t.Error("an 856 counted as a pending acknowledgment")
	}
	_, _ = db.IntakeEvents(ctx, []core.InboxEntry{inboundEntry("e2", "t2", core.Kind855, core.SourceWebhook)}, nil)
	if p, _ := db.AcknowledgmentPending(ctx, "PO1", "p1"); !p {
		t.Error("an 855 of unknown PO from the same partnership does not count as pending")
	}
	if p, _ := db.AcknowledgmentPending(ctx, "PO1", "other"); p {
		t.Error("an 855 of another partnership counts as pending")
	}
	claimed, err := db.ClaimInbound(ctx, now, 10, time.Minute)
	if err != nil || len(claimed) != 2 || claimed[0].State != core.StateProcessing || claimed[0].Attempts != 0 {
		t.Fatalf("claimed %+v, err %v", claimed, err)
	}
	if again, _ := db.ClaimInbound(ctx, now, 10, time.Minute); len(again) != 0 {
		t.Fatal("claimed twice")
	}
	err = db.FinishInbound(ctx, core.InboundOutcome{DocID: res[0].DocID, State: core.StateApplied, PONumber: "PO1", Supplier: "S1",
		Shipped: []core.ShippedLine{{PONumber: "PO1", Line: 1000, Quantity: 4, Delivery: "2026-02-01"}},
		Answers: []string{"PO1"},
		Audit:   []core.AuditEntry{{Actor: "inbox", Action: "applied"}}})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := db.Document(ctx, out[0].ID); d.State != core.StateShipped {
		t.Errorf("850 state %s, want shipped", d.State)
	}
	if rev, _, _ := db.LatestRevision(ctx, core.Kind850, "PO1"); !rev.AnySent {
		t.Error("a shipped 850 does not count as sent: a change would go out as an original")
	}
	h, err := db.History(ctx, "PO1", 0)
	if err != nil || h.Shipped[1000] != 4 || h.Delivery[1000] != "2026-02-01" || h.LatestASN.IsZero() {
		t.Errorf("history %+v, err %v", h, err)
	}
	if h, _ := db.History(ctx, "PO1", res[0].DocID); len(h.Shipped) != 0 {
		t.Errorf("history without the document itself = %+v", h)
	}
	d, _ := db.Document(ctx, res[0].DocID)
	if d.State != core.StateApplied || d.PONumber != "PO1" || d.Supplier != "S1" {
		t.Errorf("856 after finish: %+v", d)
	}
}

func TestInbound_FailedReplaysToReceived_FailedFileDoesNot(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	file := core.NewInboxEntry(core.InboxEvent{ID: "ef", Type: core.EventFileFailed, Source: core.SourceWebhook,
		FileFailure: &core.FileFailure{FileExecutionID: "x1", Errors: []core.Fault{{Code: "FAILED_TO_PARSE", Message: "bad"}}}})
	res, _ := db.IntakeEvents(ctx, []core.InboxEntry{inboundEntry("e1", "t1", core.Kind856, core.SourceWebhook), file}, nil)
	claimed, _ := db.ClaimInbound(ctx, time.Now(), 10, time.Minute)
	if len(claimed) != 1 {
		t.Fatalf("claimed %d, want only the 856 (a failed file is never claimed)", len(claimed))
	}
	_ = db.FinishInbound(ctx, core.InboundOutcome{DocID: claimed[0].ID, State: core.StateFailed, Error: "PO 9 does not exist", ErrorClass: core.Permanent})
	ids, _ := db.FailedIDs(ctx)
	n, err := db.Replay(ctx, ids, "operator:bob")
	if err != nil || n != 1 {
		t.Fatalf("replayed %d, err %v; want 1 (the 856, not the failed file)", n, err)
	}
	d, _ := db.Document(ctx, res[0].DocID)
	if d.State != core.StateReceived || d.Attempts != 0 {
		t.Errorf("after replay %+v", d)
	}
	if f, _ := db.Document(ctx, res[1].DocID); f.State != core.StateFailed {
		t.Errorf("failed file state %s", f.State)
	}
}

func TestInbound_RequeueAfterLeaseAndAbsorbed(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	_, _ = db.IntakeEvents(ctx, []core.InboxEntry{inboundEntry("e1", "t1", core.Kind855, core.SourceWebhook)}, nil)
	now := time.Now().Add(time.Millisecond)
	claimed, _ := db.ClaimInbound(ctx, now, 1, time.Second)
	if n, _ := db.RequeueInbound(ctx, now); n != 0 {
		t.Error("requeued a live lease")
	}
	if n, _ := db.RequeueInbound(ctx, now.Add(2*time.Second)); n != 1 {
		t.Error("did not requeue an expired lease")
	}
	if again, _ := db.ClaimInbound(ctx, time.Now().Add(time.Millisecond), 1, time.Second); len(again) != 1 {
		t.Error("a requeued document is not due at once")
	}
	_, _ = db.RequeueInbound(ctx, time.Now().Add(time.Hour))
	// The late outcome of the lost attempt changes nothing.
	_ = db.FinishInbound(ctx, core.InboundOutcome{DocID: claimed[0].ID, State: core.StateApplied})
	if d, _ := db.Document(ctx, claimed[0].ID); d.State != core.StateReceived || d.Attempts != 0 {
		t.Errorf("%s after %d attempts after a stale outcome, want received after none (a lapsed claim is no attempt)", d.State, d.Attempts)
	}
	if ok, _ := db.IsAbsorbed(ctx, "PO1", 1, "h1"); ok {
		t.Error("absorbed hash before any")
	}
	_ = db.Absorb(ctx, "PO1", core.Absorbed{Hash: "h1", Revision: 1})
	_ = db.Absorb(ctx, "PO1", core.Absorbed{Hash: "h2", Revision: 1})
	for _, h := range []string{"h1", "h2"} {
		if ok, _ := db.IsAbsorbed(ctx, "PO1", 1, h); !ok {
			t.Errorf("%s not absorbed: a later absorbed state hid it", h)
		}
	}
	if ok, _ := db.IsAbsorbed(ctx, "PO1", 2, "h1"); ok {
		t.Error("a hash absorbed for revision 1 counts for revision 2")
	}
}
