package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// A newer revision of a record waits while an older one is still to go or
// going: the partner gets them in order (a cancellation never overtakes
// the 850 it cancels).
func TestClaimDue_RevisionsGoInOrder(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	now := time.Now()
	db.Now = func() time.Time { return now }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Intake(ctx, core.Intake{Actor: "poller", New: []core.NewDocument{newDoc("PO1", 1), newDoc("PO2", 1)}}))
	first, err := db.ClaimDue(ctx, now, 10, time.Minute)
	if err != nil || len(first) != 2 {
		t.Fatalf("claimed %d, err %v", len(first), err)
	}
	cancel := newDoc("PO1", 2)
	cancel.Doc.Purpose, cancel.Doc.ContentHash, cancel.Supersede = core.PurposeCancel, "cancelled:PO1", first[0].ID
	must(db.Intake(ctx, core.Intake{Actor: "poller", New: []core.NewDocument{cancel}}))
	if got, _ := db.ClaimDue(ctx, now, 10, time.Minute); len(got) != 0 {
		t.Fatalf("revision 2 was claimed while revision 1 is still being sent: %+v", got)
	}
	must(db.Complete(ctx, []core.Outcome{{DocID: first[0].ID, State: core.StateRetrying, NextAttemptAt: now}}))
	got, _ := db.ClaimDue(ctx, now, 10, time.Minute)
	if len(got) != 1 || got[0].Revision != 1 || got[0].SourceKey != "PO1" {
		t.Fatalf("claimed %+v, want revision 1 again, alone", got)
	}
	must(db.Complete(ctx, []core.Outcome{{DocID: got[0].ID, State: core.StateSent}}))
	got, _ = db.ClaimDue(ctx, now, 10, time.Minute)
	if len(got) != 1 || got[0].Revision != 2 || got[0].Purpose != core.PurposeCancel {
		t.Fatalf("claimed %+v, want the cancellation once revision 1 went", got)
	}
}

// An 855 that comes after a PO's cancellation answers the order, not the
// cancellation: the cancellation stays sent.
func TestSettle_AnAnswerAfterACancellationBelongsToTheOrder(t *testing.T) {
	r := newConvergeRig(t) // converge_test.go
	order := r.revision(1, 0)
	r.claim(order)
	r.outcome(order, core.StateSent)
	cancel := newDoc("PO1", 2)
	cancel.Doc.Purpose, cancel.Doc.ContentHash = core.PurposeCancel, "cancelled:PO1"
	if err := r.db.Intake(r.ctx, core.Intake{Actor: "poller", New: []core.NewDocument{cancel}}); err != nil {
		t.Fatal(err)
	}
	latest, _, _ := r.db.LatestRevision(r.ctx, core.Kind850, "PO1")
	r.claim(latest.ID)
	r.outcome(latest.ID, core.StateSent)
	r.answer(core.Kind855)
	if got := r.state(order); got != core.StateAcknowledged {
		t.Errorf("the order is %s, want acknowledged", got)
	}
	if got := r.state(latest.ID); got != core.StateSent {
		t.Errorf("the cancellation is %s, want sent", got)
	}
}
