package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newDoc(key string, rev int) core.NewDocument {
	return core.NewDocument{
		Doc: core.Document{Kind: core.Kind850, Direction: core.Outbound, SourceKey: key, PONumber: key,
			Revision: rev, Purpose: core.PurposeOriginal, ContentHash: key + "-hash", State: core.StatePending,
			IdempotencyKey: key + "-r" + string(rune('0'+rev)), Payload: []byte(`{"heading":{}}`)},
		X3Record: []byte(`{"POHNUM":"` + key + `"}`),
	}
}

func TestOpen_MigratesOnceAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := context.Background()
	for range 2 {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		applied, latest, err := db.SchemaVersion(ctx)
		if err != nil || applied != latest || latest == 0 {
			t.Fatalf("schema version %d/%d, err %v", applied, latest, err)
		}
		db.Close()
	}
}

func TestOutbox_ClaimCompleteReplay(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	now := time.Now()
	db.Now = func() time.Time { return now } // intake and claim on one clock: a loaded machine cannot make nothing due
	err := db.Intake(ctx, core.Intake{Actor: "poller", New: []core.NewDocument{newDoc("PO1", 1), newDoc("PO2", 1)},
		Cursor: &core.CursorMove{Name: "c", Value: now}})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Cursor(ctx, "c"); c.UnixMilli() != now.UnixMilli() {
		t.Fatalf("cursor = %v, want %v", c, now)
	}
	claimed, err := db.ClaimDue(ctx, now, 10, time.Minute)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claimed %d, err %v", len(claimed), err)
	}
	if again, _ := db.ClaimDue(ctx, now, 10, time.Minute); len(again) != 0 {
		t.Fatalf("a claimed document was claimed twice")
	}
	err = db.Complete(ctx, []core.Outcome{
		{DocID: claimed[0].ID, State: core.StateSent},
		{DocID: claimed[1].ID, State: core.StateFailed, Error: "HTTP 400: BEG03 is required", ErrorClass: core.Permanent},
	})
	if err != nil {
		t.Fatal(err)
	}
	failed, _ := db.FailedIDs(ctx)
	if len(failed) != 1 || failed[0] != claimed[1].ID {
		t.Fatalf("failed queue = %v", failed)
	}
	n, err := db.Replay(ctx, failed, "operator:alice")
	if err != nil || n != 1 {
		t.Fatalf("replayed %d, err %v", n, err)
	}
	d, _ := db.Document(ctx, failed[0])
	if d.State != core.StatePending || d.Attempts != 0 {
		t.Errorf("after replay: state %s attempts %d", d.State, d.Attempts)
	}
	trail, _ := db.AuditTrail(ctx, d.ID)
	last := trail[len(trail)-1]
	if last.Action != "replay" || last.Actor != "operator:alice" {
		t.Errorf("last audit entry %+v, want a replay by operator:alice", last)
	}
}

// A daemon that crashes in a loop spends no attempt and loses no place:
// a claim counts as an attempt only once its outcome is recorded, and a
// requeued claim keeps its due time, ahead of the backlog queued after it.
func TestRequeueExpired_KeepsAttemptCountAndPlace(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := t0
	db.Now = func() time.Time { return clock }
	if err := db.Intake(ctx, core.Intake{New: []core.NewDocument{newDoc("PO1", 1)}}); err != nil {
		t.Fatal(err)
	}
	first, _ := db.ClaimDue(ctx, clock, 1, time.Minute)
	clock = t0.Add(time.Minute) // the backlog arrives after PO1 was claimed
	var backlog []core.NewDocument
	for i := 2; i <= 6; i++ {
		backlog = append(backlog, newDoc(fmt.Sprintf("PO%d", i), 1))
	}
	if err := db.Intake(ctx, core.Intake{New: backlog}); err != nil {
		t.Fatal(err)
	}
	for crash := range 5 { // the daemon dies with PO1 claimed, five times over
		clock = clock.Add(time.Hour)
		if n, err := db.RequeueExpired(ctx, endOfTime, clock); err != nil || n != 1 {
			t.Fatalf("crash %d: requeued %d, err %v", crash, n, err)
		}
		next, _ := db.ClaimDue(ctx, clock, 1, time.Minute)
		if len(next) != 1 || next[0].ID != first[0].ID {
			t.Fatalf("crash %d: the next claim is %+v, want PO1 back in its place ahead of the backlog", crash, next)
		}
		if next[0].Attempts != 0 || next[0].IdempotencyKey != first[0].IdempotencyKey || !next[0].FirstSentAt.Equal(t0) {
			t.Fatalf("crash %d: %d attempts, key %s, first sent %v; want 0, the same key, %v",
				crash, next[0].Attempts, next[0].IdempotencyKey, next[0].FirstSentAt, t0)
		}
	}
	// A transient failure is an attempt whose outcome is known: it counts.
	retryAt := clock.Add(time.Second)
	if err := db.Complete(ctx, []core.Outcome{{DocID: first[0].ID, State: core.StateRetrying, NextAttemptAt: retryAt}}); err != nil {
		t.Fatal(err)
	}
	again, _ := db.ClaimDue(ctx, retryAt, 10, time.Minute)
	if len(again) != 6 {
		t.Fatalf("claimed %d, want PO1 and the backlog", len(again))
	}
	if _, err := db.RequeueExpired(ctx, endOfTime, retryAt); err != nil {
		t.Fatal(err)
	}
	d, _ := db.Document(ctx, first[0].ID)
	if d.State != core.StateRetrying || d.Attempts != 1 || !d.NextAttemptAt.Equal(retryAt) {
		t.Errorf("after a failure and a crash: %s, %d attempts, due %v; want retrying, 1, due %v", d.State, d.Attempts, d.NextAttemptAt, retryAt)
	}
	if b, _ := db.Document(ctx, again[1].ID); b.State != core.StatePending || b.Attempts != 0 {
		t.Errorf("a backlog document whose claim lapsed is %s after %d attempts, want pending after none", b.State, b.Attempts)
	}
}

var endOfTime = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

func TestIntake_SupersedesUnsentRevision(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if err := db.Intake(ctx, core.Intake{New: []core.NewDocument{newDoc("PO1", 1)}}); err != nil {
		t.Fatal(err)
	}
	rev, ok, _ := db.LatestRevision(ctx, core.Kind850, "PO1")
	if !ok || rev.Number != 1 || rev.AnySent {
		t.Fatalf("latest = %+v", rev)
	}
	nd := newDoc("PO1", 2)
	nd.Supersede = rev.ID
	if err := db.Intake(ctx, core.Intake{New: []core.NewDocument{nd}}); err != nil {
		t.Fatal(err)
	}
	old, _ := db.Document(ctx, rev.ID)
	if old.State != core.StateSuperseded {
		t.Errorf("old revision state %s, want superseded", old.State)
	}
	// The same revision number twice is refused: nothing is queued twice.
	if err := db.Intake(ctx, core.Intake{New: []core.NewDocument{newDoc("PO1", 2)}}); err == nil {
		t.Error("a duplicate revision was accepted")
	}
}

func TestAudit_IsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if err := db.AppendAudit(ctx, 0, core.AuditEntry{Actor: "test", Action: "note"}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"UPDATE audit SET message = 'x'", "DELETE FROM audit"} {
		err := db.ExecForTest(ctx, stmt)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want append-only refusal", stmt, err)
		}
	}
}

func TestControl_SetAndClear(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if err := db.SetControl(ctx, core.ControlStediPaused, "bad key", "sender"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := db.Control(ctx, core.ControlStediPaused); !ok || v != "bad key" {
		t.Fatalf("control = %q %v", v, ok)
	}
	_ = db.SetControl(ctx, core.ControlStediPaused, "", "engine")
	if _, ok, _ := db.Control(ctx, core.ControlStediPaused); ok {
		t.Fatal("control not cleared")
	}
}
