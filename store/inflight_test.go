package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// A 997 can come back before the send it answers is recorded: the answer
// to the send was lost (the connection dropped after Stedi committed it)
// or the daemon died with the send in flight. Until the resend is
// recorded, with the envelope Stedi generated, the send is still in
// flight, whatever state its retry waits in; only a revision whose
// request never left, or whose outcome is known, is not.
func TestSendsInFlight_UntilTheOutcomeOfARequestThatLeftIsRecorded(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return t0 }
	doc := newDoc("PO1", 1)
	doc.Doc.PartnershipID = "p1"
	if err := db.Intake(ctx, core.Intake{New: []core.NewDocument{doc}}); err != nil {
		t.Fatal(err)
	}
	inFlight := func(when string, want bool) {
		t.Helper()
		if got, err := db.SendsInFlight(ctx, "p1"); err != nil || got != want {
			t.Fatalf("%s: in flight %v (%v), want %v", when, got, err, want)
		}
	}
	inFlight("queued, never sent", false)
	claimed, err := db.ClaimDue(ctx, t0, 1, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %d, %v", len(claimed), err)
	}
	id := claimed[0].ID
	inFlight("claimed", true)
	lost := core.Outcome{DocID: id, State: core.StateRetrying, NextAttemptAt: t0.Add(time.Second),
		Error: "connection reset after the request was sent", ErrorClass: core.Transient}
	if err := db.Complete(ctx, []core.Outcome{lost}); err != nil {
		t.Fatal(err)
	}
	inFlight("the answer was lost, a retry waits", true)
	if _, err := db.ClaimDue(ctx, t0.Add(time.Second), 1, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RequeueExpired(ctx, endOfTime, t0.Add(time.Hour)); err != nil { // the daemon died with it claimed
		t.Fatal(err)
	}
	inFlight("requeued after a crash", true)
	if other, _ := db.SendsInFlight(ctx, "p2"); other {
		t.Fatal("another partnership's send is in flight for p1's 997s")
	}
	if _, err := db.ClaimDue(ctx, t0.Add(time.Hour), 1, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := db.Complete(ctx, []core.Outcome{{DocID: id, State: core.StateSent}}); err != nil {
		t.Fatal(err)
	}
	inFlight("sent and recorded", false)
}
