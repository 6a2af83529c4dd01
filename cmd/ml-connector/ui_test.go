package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// withoutTerminal runs fn with stdin on a pipe, as under cron or systemd.
func withoutTerminal(t *testing.T, fn func()) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	fn()
}

func TestUI_RefusesWithoutATerminal(t *testing.T) {
	dir := t.TempDir()
	withoutTerminal(t, func() {
		out, err := runCmd(t, "demo", "--db", filepath.Join(dir, "demo.db"))
		if err == nil || !strings.Contains(err.Error(), "needs a terminal") || !strings.Contains(err.Error(), "ml-connector demo --headless") {
			t.Errorf("demo without a terminal: %v %s", err, out)
		}
		cfg := filepath.Join(dir, "ml-connector.toml") // with a configuration: without one, the advice is how to start
		if _, err := runCmd(t, "init", "--config", cfg); err != nil {
			t.Fatal(err)
		}
		_, err = runCmd(t, "--config", cfg)
		if err == nil || !strings.Contains(err.Error(), "ml-connector --daemon") {
			t.Errorf("the UI without a terminal: %v", err)
		}
	})
	if _, err := os.Stat(filepath.Join(dir, "demo.db")); err == nil {
		t.Errorf("the refused demo created its database")
	}
}

// A second engine on a database that a live engine holds refuses to start
// and says how to watch the running one instead.
func TestStartPresence_RefusesASecondEngine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	other := core.EngineStatus{PID: os.Getpid() + 1, Host: "elsewhere", Started: now, Beat: now}
	if err := db.ClaimPresence(ctx, other, now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	eng := &core.Engine{Poller: &core.Poller{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	_, err = startPresence(ctx, db, eng, core.NewBus(), log, nil)
	if !errors.Is(err, core.ErrEngineRunning) || !strings.Contains(err.Error(), "watch it with: ml-connector --db "+path) {
		t.Fatalf("second engine: %v", err)
	}
	if got, ok := daemonRunning(ctx, path); !ok {
		t.Fatalf("the UI does not see the running engine")
	} else {
		got.Close()
	}
	if err := db.ReleasePresence(ctx, other.PID, other.Host); err != nil {
		t.Fatal(err)
	}
	pres, err := startPresence(ctx, db, eng, core.NewBus(), log, nil)
	if err != nil {
		t.Fatalf("with the database free: %v", err)
	}
	if _, ok := daemonRunning(ctx, path); ok {
		t.Errorf("the UI took its own process's engine for a daemon")
	}
	pres.Stop()
}

func TestProcessGone(t *testing.T) {
	if processGone(os.Getpid()) {
		t.Fatalf("this process is not gone")
	}
	if _, err := os.Stat("/proc/self"); err == nil && !processGone(1<<22+12345) {
		t.Errorf("a pid above pid_max reads as alive")
	}
}
