package core_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// The watch tells the bus once when an acknowledgment passes its deadline,
// on its injected clock, and not again at the next pass.
func TestAckWatch_AnnouncesEachLatenessOnce(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	err = db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{{X3Record: []byte(`{}`), Doc: core.Document{
		Kind: core.Kind810, Direction: core.Outbound, SourceKey: "INV1", Supplier: "S", Revision: 1, ContentHash: "h",
		IdempotencyKey: "k", State: core.StatePending, Payload: []byte(`{}`)}}}})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := db.ClaimDue(ctx, now, 1, time.Minute)
	d := core.Deadlines{Default: core.DeadlineSet{FA: core.Deadline{After: time.Hour}}}
	if err := db.Complete(ctx, []core.Outcome{{DocID: docs[0].ID, State: core.StateSent,
		Track: &core.Tracking{SentAt: now, Due: d.Due(core.Kind810, "S", now, time.Time{})}}}); err != nil {
		t.Fatal(err)
	}
	bus := core.NewBus()
	events, stop := bus.Subscribe(16)
	defer stop()
	w := &core.AckWatch{Store: db, Bus: bus, Logger: slog.New(slog.DiscardHandler), Now: func() time.Time { return now }}
	w.Once(ctx)
	now = now.Add(61 * time.Minute)
	w.Once(ctx)
	w.Once(ctx)
	var got []core.Event
	for len(events) > 0 {
		got = append(got, <-events)
	}
	if len(got) != 1 || got[0].Action != core.ActionOverdue || got[0].DocID != docs[0].ID || got[0].Kind != core.Kind810 {
		t.Fatalf("events %+v, want one overdue event for the 810", got)
	}
}
