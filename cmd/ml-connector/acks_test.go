package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// seedAcks makes a database with two 850s sent three days ago to ACME: one
// acknowledged by a 997 an hour later, one still without its 997 and 855
// (both past their default deadlines now).
func seedAcks(t *testing.T) (string, []int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "acks.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sent := time.Now().Add(-72 * time.Hour)
	db.Now = func() time.Time { return sent }
	var ids []int64
	for i, po := range []string{"PO-A", "PO-B"} {
		err := db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{{X3Record: []byte(`{}`), Doc: core.Document{
			Kind: core.Kind850, Direction: core.Outbound, SourceKey: po, PONumber: po, Supplier: "ACME", PartnershipID: "p-acme",
			Revision: 1, ContentHash: po, IdempotencyKey: "k-" + po, State: core.StatePending, Payload: []byte(`{}`)}}}})
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := db.ClaimDue(ctx, sent, 1, time.Minute)
		track := &core.Tracking{SentAt: sent, Envelope: core.Envelope{GroupID: "PO", GroupControl: int64(i + 1), SetID: "850", SetControl: "0001"},
			Due: core.Deadlines{Default: core.DefaultDeadlines}.Due(core.Kind850, "ACME", sent, time.Time{})}
		if err := db.Complete(ctx, []core.Outcome{{DocID: docs[0].ID, State: core.StateSent, Track: track}}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, docs[0].ID)
	}
	_, err = db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-997", Type: core.EventTransactionProcessed,
		Source: core.SourceWebhook, Raw: []byte(`{}`), Transaction: &core.InboundTransaction{TransactionID: "tx-997", Direction: "INBOUND",
			SetID: "997", PartnershipID: "p-acme", ProcessedAt: sent.Add(time.Hour)}})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claimed, _ := db.ClaimInbound(ctx, sent.Add(2*time.Hour), 1, time.Minute)
	err = db.FinishInbound(ctx, core.InboundOutcome{DocID: claimed[0].ID, Kind: core.Kind997, State: core.StateApplied,
		Acks: []core.AckRecord{{DocID: ids[0], Kind: core.Kind850, PONumber: "PO-A", GroupID: "PO", GroupControl: 1,
			SetID: "850", SetControl: "0001", Status: "A", Detail: "accepted (A)"}}})
	if err != nil {
		t.Fatal(err)
	}
	return path, ids
}

func TestStatusListAndPartners_ReportAcknowledgmentsAndOverdue(t *testing.T) {
	path, ids := seedAcks(t)
	out, err := runCmd(t, "status", "--json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var st ackStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// PO-A: its 855 (48h) is late. PO-B: its 997 (24h) and its 855.
	if st.FunctionalAcks.Received != 1 || st.FunctionalAcks.Accepted != 1 || st.FunctionalAcks.Awaiting != 1 || st.Overdue != 3 {
		t.Errorf("status %+v", st)
	}
	out, err = runCmd(t, "list", "--overdue", "--json", "--db", path)
	var items []core.OverdueItem
	if err != nil || json.Unmarshal([]byte(out), &items) != nil || len(items) != 3 || items[0].DocID != ids[1] || items[0].Awaiting != core.Kind997 {
		t.Fatalf("list --overdue: %v\n%s", err, out)
	}
	out, err = runCmd(t, "partners", "--json", "--since", "7d", "--db", path)
	var scores []store.PartnerScore
	if err != nil || json.Unmarshal([]byte(out), &scores) != nil || len(scores) != 1 {
		t.Fatalf("partners: %v\n%s", err, out)
	}
	if s := scores[0]; s.Supplier != "ACME" || s.Sent != 2 || s.To997.Count != 1 || s.To997.MedianText != "1h" || s.Overdue != 3 {
		t.Errorf("score %+v", s)
	}
	if out, _ := runCmd(t, "partners", "--since", "2d", "--db", path); !strings.Contains(out, "nothing sent in this period") {
		t.Errorf("a period with nothing sent:\n%s", out)
	}
	out, _ = runCmd(t, "show", "--db", path, itoa(ids[0]))
	if !strings.Contains(out, "delivery 997 A (1h)") || !strings.Contains(out, "business 855 late") {
		t.Errorf("show lacks the axes:\n%s", out)
	}
}
