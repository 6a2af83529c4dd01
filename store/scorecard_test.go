package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// sendAt stores an 850 for supplier and records it sent at the store's
// clock, with the default deadlines, in group control number group.
func sendAt(t *testing.T, db *store.DB, po, supplier string, group int64) int64 {
	t.Helper()
	ctx := context.Background()
	nd := newDoc(po, 1)
	nd.Doc.Supplier, nd.Doc.PartnershipID = supplier, "p-"+supplier
	if err := db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{nd}}); err != nil {
		t.Fatal(err)
	}
	docs, err := db.ClaimDue(ctx, db.Now(), 1, time.Minute)
	if err != nil || len(docs) != 1 {
		t.Fatalf("claim %s: %v %v", po, docs, err)
	}
	track := &core.Tracking{SentAt: db.Now(), Envelope: core.Envelope{GroupID: "PO", GroupControl: group, SetID: "850", SetControl: "0001"},
		Due: core.Deadlines{Default: core.DefaultDeadlines}.Due(core.Kind850, supplier, db.Now(), time.Time{})}
	if err := db.Complete(ctx, []core.Outcome{{DocID: docs[0].ID, State: core.StateSent, Track: track}}); err != nil {
		t.Fatal(err)
	}
	return docs[0].ID
}

// answer stores an inbound document Stedi processed at `at` and records
// its outcome as the inbox does.
func answer(t *testing.T, db *store.DB, kind core.Kind, po string, at time.Time, o core.InboundOutcome) {
	t.Helper()
	ctx := context.Background()
	tx := fmt.Sprintf("tx-%s-%s-%d", kind, po, at.UnixNano())
	_, err := db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-" + tx,
		Type: core.EventTransactionProcessed, Source: core.SourceWebhook, Raw: []byte(`{}`),
		Transaction: &core.InboundTransaction{TransactionID: tx, Direction: "INBOUND", SetID: string(kind), ProcessedAt: at}})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claimed, err := db.ClaimInbound(ctx, db.Now().Add(time.Hour), 1, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim %s: %v %v", tx, claimed, err)
	}
	o.DocID, o.Kind, o.PONumber = claimed[0].ID, kind, po
	if o.State == "" {
		o.State = core.StateApplied
	}
	if err := db.FinishInbound(ctx, o); err != nil {
		t.Fatal(err)
	}
}

func TestScorecard_LatenciesOverdueRejectionsAndChanges(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	t0 := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return t0 }
	var ids []int64
	for i, po := range []string{"A1", "A2", "A3", "A4"} {
		ids = append(ids, sendAt(t, db, po, "ACME", int64(i+1)))
	}
	// A failed-only partner is listed with nothing sent.
	failed := newDoc("B1", 1)
	failed.Doc.Supplier, failed.Doc.PartnershipID, failed.Doc.State = "BOLT", "p-BOLT", core.StateFailed
	if err := db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{failed}}); err != nil {
		t.Fatal(err)
	}
	for i, h := range []int{1, 3, 2, 10} {
		answer(t, db, core.Kind855, fmt.Sprintf("A%d", i+1), t0.Add(time.Duration(h)*time.Hour), core.InboundOutcome{Changes: i % 2})
	}
	answer(t, db, core.Kind997, "A1", t0.Add(30*time.Minute), core.InboundOutcome{Acks: []core.AckRecord{{DocID: ids[0],
		Kind: core.Kind850, PONumber: "A1", GroupID: "PO", GroupControl: 1, SetID: "850", SetControl: "0001", Status: "R", Detail: "rejected"}}})

	scores, err := db.Scorecard(ctx, t0.Add(-24*time.Hour), t0.Add(25*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 2 || scores[0].Supplier != "ACME" || scores[1].Supplier != "BOLT" || scores[1].Sent != 0 {
		t.Fatalf("scores %+v", scores)
	}
	s := scores[0]
	if s.Sent != 4 || s.To855.Count != 4 || s.To855.Median != 2*time.Hour || s.To855.P95 != 10*time.Hour {
		t.Errorf("855: sent %d, %+v; want 4 answers, median 2h, p95 10h", s.Sent, s.To855)
	}
	if s.To997.Count != 1 || s.To997.Median != 30*time.Minute || s.Rejected != 1 || s.Changes != 2 {
		t.Errorf("997 %+v, rejected %d, changes %d", s.To997, s.Rejected, s.Changes)
	}
	// 25 hours on, the three 850s without a 997 are past its 24-hour deadline.
	if s.Overdue != 3 || s.To856.Count != 0 {
		t.Errorf("overdue %d (want 3), 856 %+v", s.Overdue, s.To856)
	}
	if d, _ := db.Document(ctx, ids[0]); d.State != core.StateFailed {
		t.Errorf("the rejected 850 is %s", d.State)
	}
}
