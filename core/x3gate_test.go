package core_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// scriptedSite answers discoveries from a script, then repeats the last.
type scriptedSite struct {
	mu    sync.Mutex
	steps []func() (core.X3Discovery, error)
	calls int
}

func (s *scriptedSite) Discover(context.Context, []core.X3Capability) (core.X3Discovery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	step := s.steps[min(s.calls, len(s.steps)-1)]
	s.calls++
	return step()
}

func site(items ...core.X3SetupItem) func() (core.X3Discovery, error) {
	return func() (core.X3Discovery, error) {
		return core.X3Discovery{API: "rest", At: time.Now(), Items: items}, nil
	}
}

var (
	editMissing = core.X3SetupItem{Capability: core.CapWrite855, Name: "PORDER representation YPOACK facet $edit",
		Status: core.SetupMissing, Fix: "create representation YPOACK (docs/x3-setup.md, step 3)"}
	editOK    = core.X3SetupItem{Capability: core.CapWrite855, Name: "PORDER representation YPOACK facet $edit", Status: core.SetupOK}
	notesGone = core.X3SetupItem{Capability: core.CapWrite855, Name: "property OCNREM in YPOACK.$edit", Status: core.SetupMissing,
		Optional: true, Fix: "add OCNREM"}
)

func newSetup(t *testing.T, d core.X3Discoverer) (*core.X3Setup, *store.DB, *bytes.Buffer) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "setup.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var logs bytes.Buffer
	return &core.X3Setup{Discoverer: d, Needs: []core.X3Capability{core.CapWrite855}, Store: db, Probe: time.Hour,
		Bus: core.NewBus(), Logger: slog.New(slog.NewTextHandler(&logs, nil))}, db, &logs
}

func TestX3Setup_PausesWhatIsMissingAndResumesOnceItIsThere(t *testing.T) {
	s, db, logs := newSetup(t, &scriptedSite{steps: []func() (core.X3Discovery, error){
		site(editMissing, notesGone), site(editMissing, notesGone), site(editOK, notesGone)}})
	resumed := 0
	s.Resumed = func() { resumed++ }
	ctx := context.Background()

	if s.Blocked(core.CapWrite855) != "" {
		t.Error("blocked before any discovery")
	}
	if _, err := s.Discover(ctx); err != nil {
		t.Fatal(err)
	}
	why := s.Blocked(core.CapWrite855)
	reason, _, _ := db.Control(ctx, core.ControlX3SetupPaused)
	if !strings.Contains(why, "YPOACK facet $edit is missing") || !strings.Contains(why, "docs/x3-setup.md") || reason != why ||
		s.Blocked(core.CapPollPOs) != "" {
		t.Errorf("blocked %q, pause %q", why, reason)
	}
	if kept, ok, _ := db.LatestX3Discovery(ctx); !ok || len(kept.Items) != 2 {
		t.Errorf("the discovery is not kept: %+v", kept)
	}
	if _, err := s.Discover(ctx); err != nil { // the same again: said once
		t.Fatal(err)
	}
	if n := strings.Count(logs.String(), "property OCNREM"); n != 1 {
		t.Errorf("the missing optional property was reported %d times:\n%s", n, logs)
	}
	if _, err := s.Discover(ctx); err != nil {
		t.Fatal(err)
	}
	reason, _, _ = db.Control(ctx, core.ControlX3SetupPaused)
	if s.Blocked(core.CapWrite855) != "" || reason != "" || resumed != 1 {
		t.Errorf("after the setup: blocked %q, pause %q, resumed %d", s.Blocked(core.CapWrite855), reason, resumed)
	}
}

// A failed discovery keeps what was known, and the stored discovery is
// what is known at start.
func TestX3Setup_KeepsWhatItKnewWhenDiscoveryFails(t *testing.T) {
	ctx := context.Background()
	down := func() (core.X3Discovery, error) { return core.X3Discovery{}, errors.New("x3 unreachable") }
	s, db, _ := newSetup(t, &scriptedSite{steps: []func() (core.X3Discovery, error){site(editMissing), down}})
	if _, err := s.Discover(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Discover(ctx); err == nil || s.Blocked(core.CapWrite855) == "" {
		t.Errorf("a failed discovery forgot what was missing: %v", err)
	}
	restarted := &core.X3Setup{Discoverer: &scriptedSite{steps: []func() (core.X3Discovery, error){down}}, Store: db,
		Needs: s.Needs, Probe: time.Hour, Bus: core.NewBus(), Logger: slog.New(slog.DiscardHandler)}
	if err := restarted.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer restarted.Stop()
	if restarted.Blocked(core.CapWrite855) == "" {
		t.Error("a restart with X3 down forgot the stored discovery")
	}
}
