package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// applied855 stores an 855 of PO-1 and finishes it with changes to the
// given lines (quantity 10 → 8 each), as the inbox does.
func applied855(t *testing.T, db *store.DB, tx string, lines ...int) int64 {
	t.Helper()
	ctx := context.Background()
	res, err := db.IntakeEvents(ctx, []core.InboxEntry{inboundEntry("e-"+tx, tx, core.Kind855, core.SourceWebhook)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ClaimInbound(ctx, time.Now().Add(time.Second), 10, time.Minute); err != nil {
		t.Fatal(err)
	}
	r := core.ReviewOutcome{PONumber: "PO-1"}
	for _, l := range lines {
		r.Lines = append(r.Lines, core.LineKey{Line: l})
		r.Changes = append(r.Changes, core.ProposedChange{PONumber: "PO-1", Line: l, Field: core.ChangeQuantity, Column: "QTYUOM",
			Current: "10", Proposed: "8", Value: json.RawMessage(`8`), Unit: "UN", Supplier: "ACME"})
	}
	err = db.FinishInbound(ctx, core.InboundOutcome{DocID: res[0].DocID, Kind: core.Kind855, State: core.StateReview,
		PONumber: "PO-1", Supplier: "ACME", Review: []core.ReviewOutcome{r}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].DocID
}

func TestReview_DecisionsPagingAndTheWriteDocument(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	ack := applied855(t, db, "t1", 1000, 2000, 3000)
	if d, _ := db.Document(ctx, ack); d.State != core.StateReview {
		t.Fatalf("855 with changes waiting is %s", d.State)
	}
	page, err := db.ReviewPage(ctx, store.Match{}, store.Page{Limit: 2})
	if err != nil || len(page) != 2 || page[0].ID <= page[1].ID {
		t.Fatalf("first page %+v, %v; want the two newest", page, err)
	}
	older, _ := db.ReviewPage(ctx, store.Match{}, store.Page{Before: page[1].ID, Limit: 2})
	if len(older) != 1 || older[0].Line != 1000 {
		t.Errorf("second page %+v", older)
	}
	c, err := db.DecideChange(ctx, older[0].ID, true, "operator:ann")
	if err != nil || c.WriteDocID == 0 || c.WriteState != core.StateReceived {
		t.Fatalf("accept: %+v %v", c, err)
	}
	if s, err := db.WebhookSilence(ctx, time.Now().Add(time.Hour)); err != nil || s.Undelivered != 0 {
		t.Errorf("a buyer's accepted change counts as a transaction no webhook delivered: %+v %v", s, err)
	}
	if pending, _ := db.AcknowledgmentPending(ctx, "PO-1", "p1"); !pending {
		t.Error("an 856 of PO-1 must wait while an accepted quantity is not written")
	}
	if got, err := db.AcceptedChange(ctx, c.WriteDocID); err != nil || got.ID != c.ID || string(got.Value) != "8" {
		t.Errorf("AcceptedChange = %+v, %v", got, err)
	}
	if _, err := db.DecideChange(ctx, older[0].ID, false, "operator:bob"); !errors.Is(err, core.ErrDecided) {
		t.Errorf("second decision: %v", err)
	}
	if _, err := db.DecideChange(ctx, 404, false, "operator:bob"); !errors.Is(err, store.ErrUnknownChange) {
		t.Errorf("unknown change: %v", err)
	}
	accepted, _ := db.ReviewPage(ctx, store.Match{States: []core.State{core.DecisionAccepted}}, store.Page{})
	byText, _ := db.ReviewPage(ctx, store.Match{Text: "ann"}, store.Page{})
	if len(accepted) != 1 || len(byText) != 1 || accepted[0].DecidedBy != "operator:ann" {
		t.Errorf("filtered: accepted %+v, text %+v", accepted, byText)
	}
	for _, p := range page {
		if _, err := db.DecideChange(ctx, p.ID, false, "operator:ann"); err != nil {
			t.Fatal(err)
		}
	}
	if d, _ := db.Document(ctx, ack); d.State != core.StateApplied {
		t.Errorf("855 with every change decided is %s", d.State)
	}
	if n, _ := db.PendingReviews(ctx); n != 0 {
		t.Errorf("%d pending", n)
	}
}

func TestReview_RecordingTwiceKeepsOneChange(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	ack := applied855(t, db, "t1", 1000)
	// The same outcome again (a retried commit) adds nothing.
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The 855 went back to the queue (a replay-like path) and is applied again.
	must(db.ExecForTest(ctx, "UPDATE documents SET state = 'received' WHERE id = "+strconv.FormatInt(ack, 10)))
	_, err := db.ClaimInbound(ctx, time.Now().Add(time.Second), 10, time.Minute)
	must(err)
	must(db.FinishInbound(ctx, core.InboundOutcome{DocID: ack, Kind: core.Kind855, State: core.StateReview, Review: []core.ReviewOutcome{{
		PONumber: "PO-1", Lines: []core.LineKey{{Line: 1000}}, Changes: []core.ProposedChange{{PONumber: "PO-1", Line: 1000,
			Field: core.ChangeQuantity, Column: "QTYUOM", Current: "10", Proposed: "8", Value: json.RawMessage(`8`)}}}}}))
	if n, _ := db.PendingReviews(ctx); n != 1 {
		t.Errorf("%d pending after the same 855 was recorded twice, want 1", n)
	}
}
