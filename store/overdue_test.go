package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

func TestMarkOverdue_RecordsEachLatenessOnce_AndTheAnswerEndsIt(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	t0 := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return t0 }
	id := sendAt(t, db, "P9", "ACME", 9)
	if got, _ := db.MarkOverdue(ctx, t0.Add(23*time.Hour), 100); len(got) != 0 {
		t.Fatalf("marked before the deadline: %+v", got)
	}
	marked, err := db.MarkOverdue(ctx, t0.Add(49*time.Hour), 100) // the 997 (24h) and the 855 (48h) are late
	if err != nil || len(marked) != 2 || marked[0].Awaiting != core.Kind997 || marked[1].Awaiting != core.Kind855 {
		t.Fatalf("marked %+v, %v; want the 997 then the 855", marked, err)
	}
	if again, _ := db.MarkOverdue(ctx, t0.Add(50*time.Hour), 100); len(again) != 0 {
		t.Errorf("marked twice: %+v", again)
	}
	trail, _ := db.AuditTrail(ctx, id)
	n := 0
	for _, e := range trail {
		if e.Action == "overdue_855" || e.Action == "overdue_997" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d overdue entries in the trail, want 2", n)
	}
	answer(t, db, core.Kind855, "P9", t0.Add(50*time.Hour), core.InboundOutcome{})
	items, _ := db.Overdue(ctx, t0.Add(51*time.Hour), 100)
	if len(items) != 1 || items[0].Awaiting != core.Kind997 || items[0].LateText != "27h" {
		t.Errorf("still overdue %+v, want the 997 alone, 27h late", items)
	}
}
