package tui

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// fillReview stores an applied 855 of PO-2001 whose supplier changes
// line 1000's quantity (10 → 8) and date, and returns the 855's id and
// the changes' ids (quantity, date).
func fillReview(t testing.TB, db *store.DB) (int64, [2]int64) {
	t.Helper()
	ctx := context.Background()
	res, err := db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-r", Type: core.EventTransactionProcessed,
		Source: core.SourceWebhook, Raw: []byte(`{}`), Transaction: &core.InboundTransaction{TransactionID: "tx-855-r",
			Direction: "INBOUND", SetID: "855", PartnershipID: "p-acme", ProcessedAt: fixedNow.Add(-time.Hour)}})}, nil)
	must(t, err)
	claimed, err := db.ClaimInbound(ctx, fixedNow, 1, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim the 855: %v %v", claimed, err)
	}
	change := func(field, col, cur, proposed, value, unit string) core.ProposedChange {
		return core.ProposedChange{PONumber: "PO-2001", Line: 1000, Seq: 1, Field: field, Column: col, Current: cur,
			Proposed: proposed, Value: json.RawMessage(value), Unit: unit, Supplier: "ACME"}
	}
	must(t, db.FinishInbound(ctx, core.InboundOutcome{DocID: res[0].DocID, Kind: core.Kind855, State: core.StateReview,
		PONumber: "PO-2001", Supplier: "ACME", Review: []core.ReviewOutcome{{PONumber: "PO-2001",
			Lines: []core.LineKey{{Line: 1000, Seq: 1}}, Changes: []core.ProposedChange{
				change(core.ChangeQuantity, "QTYUOM", "10", "8", "8", "UN"),
				change(core.ChangeDate, "EXTRCPDAT", "2026-02-01", "2026-02-10", `"2026-02-10"`, "")}}}}))
	cs, err := db.ProposedChanges(ctx, false, 10)
	if err != nil || len(cs) != 2 {
		t.Fatalf("changes %+v %v", cs, err)
	}
	return res[0].DocID, [2]int64{cs[0].ID, cs[1].ID}
}

func newReviewModel(t *testing.T, w, h int, tune func(*Options)) (*Model, *store.DB, int64, [2]int64) {
	t.Helper()
	db := openDB(t)
	fill(t, db)
	ack, ids := fillReview(t, db)
	o := testOptions(db)
	if tune != nil {
		tune(&o)
	}
	m := New(o)
	drive(t, m, m.Init())
	send(t, m, windowSize(w, h))
	return m, db, ack, ids
}

func change(t *testing.T, db *store.DB, id int64) core.ProposedChange {
	t.Helper()
	cs, err := db.ProposedChanges(context.Background(), true, 100)
	must(t, err)
	for _, c := range cs {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no change %d", id)
	return core.ProposedChange{}
}

func TestReviewView_ShowsWhatWaits(t *testing.T) {
	m, _, _, _ := newReviewModel(t, 120, 40, nil)
	if v := m.View(); !strings.Contains(v, "8 Review (2)") || !strings.Contains(v, "2 changes to review (8)") {
		t.Errorf("the tab and the header do not count the changes:\n%s", v)
	}
	keys(t, m, "8")
	v := m.View()
	for _, want := range []string{"Review · suppliers' changes from 855s", "X3 HAS", "PROPOSED", "SUPPLIER", "AGE", "DECISION",
		"PO-2001", "1000", "quantity", "10 UN", "8 UN", "date", "2026-02-01", "2026-02-10", "ACME", "pending",
		"a accept · x reject"} {
		if !strings.Contains(v, want) {
			t.Errorf("review view lacks %q:\n%s", want, v)
		}
	}
	keys(t, m, "?")
	if v := m.View(); !strings.Contains(v, "accept / reject change") || !strings.Contains(v, "1-8") {
		t.Errorf("help lacks the review keys:\n%s", v)
	}
}

func TestReviewView_AcceptAndRejectAfterConfirmation(t *testing.T) {
	m, db, ack, ids := newReviewModel(t, 120, 40, nil)
	keys(t, m, "8") // newest first: the date change, then the quantity change
	keys(t, m, "a")
	if v := m.View(); !strings.Contains(v, "Accept change 2, PO PO-2001 line 1000 date 2026-02-01 → 2026-02-10 (write it into Sage X3)?") {
		t.Fatalf("no confirmation:\n%s", v)
	}
	keys(t, m, "n")
	if c := change(t, db, ids[1]); c.Decision != core.DecisionPending || !strings.Contains(m.View(), "cancelled") {
		t.Fatalf("n must cancel: %+v", c)
	}
	keys(t, m, "x", "y")
	if c := change(t, db, ids[1]); c.Decision != core.DecisionRejected || c.DecidedBy != testActor || c.WriteDocID != 0 {
		t.Errorf("after x y: %+v", c)
	}
	if v := m.View(); !strings.Contains(v, "change 2 rejected: nothing is written") || !strings.Contains(v, "rejected by operator:test") ||
		!strings.Contains(v, "8 Review (1)") {
		t.Errorf("after the rejection:\n%s", v)
	}
	keys(t, m, "x")
	if m.confirm != nil || !strings.Contains(m.View(), "change 2 is decided already: rejected by operator:test") {
		t.Errorf("x on a decided change:\n%s", m.View())
	}
	keys(t, m, "j", "a", "y")
	c := change(t, db, ids[0])
	if c.Decision != core.DecisionAccepted || c.DecidedBy != testActor || c.WriteDocID == 0 {
		t.Fatalf("after a y: %+v", c)
	}
	if v := m.View(); !strings.Contains(v, "change 1 accepted: the engine writes it into Sage X3 within a second") ||
		!strings.Contains(v, "accepted by operator:test, to write") {
		t.Errorf("after the accept:\n%s", v)
	}
	d, err := db.Document(context.Background(), c.WriteDocID)
	if err != nil || d.Kind != core.KindChange || d.State != core.StateReceived {
		t.Errorf("the accepted change is not queued for the engine: %+v %v", d, err)
	}
	var actions []string
	for _, e := range auditBy(t, db, testActor) {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "review_rejected,accepted,review_accepted" {
		t.Errorf("the operator's audit entries: %s", got)
	}
	if d, _ := db.Document(context.Background(), ack); d.State != core.StateApplied {
		t.Errorf("the 855 is %s with every change decided", d.State)
	}
	keys(t, m, "enter")
	if m.detail == nil || m.detail.docID != ack {
		t.Errorf("enter on a change opens its 855")
	}
}

func TestReviewView_KeysElsewhere_AndNoEngine(t *testing.T) {
	m, db, _, ids := newReviewModel(t, 120, 40, func(o *Options) { o.Engine, o.Attached = nil, true })
	keys(t, m, "2", "a")
	if m.confirm != nil || !strings.Contains(m.View(), "a and x decide a supplier's change: 8 lists them") {
		t.Errorf("a outside the review view:\n%s", m.View())
	}
	keys(t, m, "8", "j", "a", "y")
	if v := m.View(); !strings.Contains(v, "no engine runs on this database: it is written") {
		t.Errorf("accept with no engine running:\n%s", v)
	}
	if c := change(t, db, ids[0]); c.Decision != core.DecisionAccepted {
		t.Errorf("the decision is not recorded: %+v", c)
	}
}

func TestReviewView_FitsTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, _, _, _ := newReviewModel(t, size[0], size[1], nil)
		for _, presses := range [][]string{{"8"}, {"8", "a"}, {"n", "8", "/"}} {
			keys(t, m, presses...)
			lines := strings.Split(m.View(), "\n")
			if len(lines) != size[1] {
				t.Errorf("%v %v: %d lines", size, presses, len(lines))
			}
			for i, l := range lines {
				if lw := lipgloss.Width(l); lw > size[0] {
					t.Errorf("%v %v: line %d is %d wide: %q", size, presses, i, lw, l)
				}
			}
		}
		keys(t, m, "esc")
		if v := m.View(); size[0] == 80 && (!strings.Contains(v, "8 UN") || !strings.Contains(v, "pending")) {
			t.Errorf("80 columns lose the proposal or the decision:\n%s", v)
		}
	}
}
