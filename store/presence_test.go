package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

func TestPresence_OneLiveEnginePerDatabase(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	now := time.Now()
	daemon := core.EngineStatus{PID: 100, Host: "srv", Started: now, Beat: now, X3Folder: "SEED",
		PollInterval: time.Minute, Endpoint: "https://x.example/hook"}
	if err := db.ClaimPresence(ctx, daemon, now.Add(-core.PresenceStaleAfter)); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.EnginePresence(ctx)
	if err != nil || !ok || got.PID != 100 || got.Host != "srv" || got.X3Folder != "SEED" ||
		got.PollInterval != time.Minute || got.Beat.UnixMilli() != now.UnixMilli() {
		t.Fatalf("presence read back as %+v, %v, %v", got, ok, err)
	}
	ui := core.EngineStatus{PID: 200, Host: "srv", Started: now, Beat: now}
	err = db.ClaimPresence(ctx, ui, now.Add(-core.PresenceStaleAfter))
	var held *core.EngineRunningError
	if !errors.Is(err, core.ErrEngineRunning) || !errors.As(err, &held) || held.PID != 100 || held.Host != "srv" {
		t.Fatalf("a second engine was let in, or not told who holds the database: %v", err)
	}
	// The daemon's own restart (same pid and host) may claim again.
	if err := db.ClaimPresence(ctx, daemon, now.Add(-core.PresenceStaleAfter)); err != nil {
		t.Fatalf("re-claim by the same engine: %v", err)
	}
	// Once its heartbeat is stale, another engine takes over, and the
	// stalled one learns it at its next beat.
	later := now.Add(core.PresenceStaleAfter + time.Second)
	if err := db.ClaimPresence(ctx, ui, later.Add(-core.PresenceStaleAfter)); err != nil {
		t.Fatalf("takeover of a stale engine: %v", err)
	}
	daemon.Beat = later
	if err := db.Beat(ctx, daemon); !errors.Is(err, core.ErrEngineRunning) {
		t.Fatalf("the stalled engine's beat: %v", err)
	}
	if err := db.ReleasePresence(ctx, 100, "srv"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.EnginePresence(ctx); !ok {
		t.Fatalf("releasing another engine's row removed it")
	}
	if err := db.ReleasePresence(ctx, 200, "srv"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.EnginePresence(ctx); ok {
		t.Fatalf("the row outlived its engine")
	}
}

func TestEngineRequests_TakenOnceAndAudited(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if reqs, err := db.TakeRequests(ctx, time.Now()); err != nil || len(reqs) != 0 {
		t.Fatalf("requests in a new database: %v, %v", reqs, err)
	}
	if err := db.RequestEngine(ctx, core.RequestPollNow, "operator:alice", "poll requested"); err != nil {
		t.Fatal(err)
	}
	reqs, err := db.TakeRequests(ctx, time.Now())
	if err != nil || len(reqs) != 1 || reqs[0].Action != core.RequestPollNow || reqs[0].Actor != "operator:alice" {
		t.Fatalf("took %+v, %v", reqs, err)
	}
	if again, _ := db.TakeRequests(ctx, time.Now()); len(again) != 0 {
		t.Fatalf("a request was taken twice")
	}
	audit, err := db.RecentAudit(ctx, 0, 10)
	if err != nil || len(audit) != 1 || audit[0].Actor != "operator:alice" || audit[0].Action != core.RequestPollNow {
		t.Fatalf("audit: %+v, %v", audit, err)
	}
}
