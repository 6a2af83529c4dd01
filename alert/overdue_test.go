package alert_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/alert"
	"github.com/mlconnector/ml-connector/alert/alerttest"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// clock is the test's time, shared by the store and the managers.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// sentPO stores an 850 and records it sent at the clock's time with the
// deadlines d gives its supplier, as the sender does.
func sentPO(t *testing.T, db *store.DB, c *clock, po, supplier string, d core.Deadlines) int64 {
	t.Helper()
	ctx := context.Background()
	err := db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{{X3Record: []byte(`{}`), Doc: core.Document{
		Kind: core.Kind850, Direction: core.Outbound, SourceKey: po, PONumber: po, Supplier: supplier, PartnershipID: "p-" + supplier,
		Revision: 1, ContentHash: "h-" + po, IdempotencyKey: "k-" + po, State: core.StatePending, Payload: []byte(`{}`)}}}})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := db.ClaimDue(ctx, c.now(), 10, time.Minute)
	if err != nil || len(docs) != 1 {
		t.Fatalf("claim: %v %v", docs, err)
	}
	track := &core.Tracking{SentAt: c.now(), Envelope: core.Envelope{GroupID: "PO", GroupControl: 1, SetID: "850", SetControl: "0001"},
		Due: d.Due(core.Kind850, supplier, c.now(), time.Time{})}
	if err := db.Complete(ctx, []core.Outcome{{DocID: docs[0].ID, State: core.StateSent, Track: track}}); err != nil {
		t.Fatal(err)
	}
	return docs[0].ID
}

// the855Arrives stores an 855 of po and records its outcome as the inbox
// does once it knows the PO.
func the855Arrives(t *testing.T, db *store.DB, c *clock, po string) {
	t.Helper()
	ctx := context.Background()
	_, err := db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-855-" + po,
		Type: core.EventTransactionProcessed, Source: core.SourceWebhook, Raw: []byte(`{}`),
		Transaction: &core.InboundTransaction{TransactionID: "tx-855-" + po, Direction: "INBOUND", SetID: "855", ProcessedAt: c.now()}})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claimed, err := db.ClaimInbound(ctx, c.now(), 1, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim 855: %v %v", claimed, err)
	}
	if err := db.FinishInbound(ctx, core.InboundOutcome{DocID: claimed[0].ID, Kind: core.Kind855, State: core.StateApplied,
		PONumber: po}); err != nil {
		t.Fatal(err)
	}
}

func TestOverdue855_OneAlertSurvivingARestart_AndOneWhenItComes(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "overdue.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = c.now
	// The slow supplier owes its 855 within 2 hours; the others keep the default 48 hours.
	deadlines := core.Deadlines{Default: core.DefaultDeadlines,
		Partners: map[string]core.DeadlineSet{"SLOW": {FA: core.DefaultDeadlines.FA, POA: core.Deadline{After: 2 * time.Hour}}}}
	slow := sentPO(t, db, c, "P100", "SLOW", deadlines)
	sentPO(t, db, c, "P200", "QUICK", deadlines)

	notes := &alerttest.Recorder{}
	manager := func() *alert.Manager {
		return &alert.Manager{Sources: []alert.Source{alert.Overdue(db)}, Notifiers: []alert.Notifier{notes},
			Memory: db, Name: "test", Now: c.now}
	}
	m := manager()
	if r := m.Evaluate(ctx); len(r.Raised) != 0 {
		t.Fatalf("raised before any deadline: %+v", r.Raised)
	}
	c.t = c.t.Add(2*time.Hour + time.Minute)
	r := m.Evaluate(ctx)
	if len(r.Raised) != 1 || !strings.Contains(r.Raised[0].Title, "855 overdue from supplier SLOW") ||
		!strings.Contains(r.Raised[0].Title, "PO P100") {
		t.Fatalf("raised %+v, want the 855 of P100 only", r.Raised)
	}
	c.t = c.t.Add(time.Hour)
	if r := m.Evaluate(ctx); len(r.Raised)+len(r.Cleared) != 0 {
		t.Fatalf("announced again: %+v", r)
	}
	// A restart: a new manager on the same database.
	m = manager()
	if r := m.Evaluate(ctx); len(r.Raised)+len(r.Cleared) != 0 {
		t.Fatalf("a restart announced again: %+v", r)
	}
	if got := notes.Subjects(); len(got) != 1 || !strings.Contains(got[0], "PROBLEM: 855 overdue") {
		t.Fatalf("messages %q, want one PROBLEM", got)
	}
	the855Arrives(t, db, c, "P100")
	r = m.Evaluate(ctx)
	if len(r.Cleared) != 1 || r.Cleared[0].Key != itoa(slow)+":855" {
		t.Fatalf("cleared %+v", r.Cleared)
	}
	if got := notes.Subjects(); len(got) != 2 || !strings.Contains(got[1], "CLEARED: 855 overdue from supplier SLOW") {
		t.Fatalf("messages %q, want PROBLEM then CLEARED", got)
	}
	tr, _ := db.Tracking(ctx, slow)
	if tr[slow].POAAt.IsZero() {
		t.Error("the 855 did not stop the clock")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
