package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// controlStore is the part of Store a poll over an empty listing touches.
type controlStore struct {
	Store // nil: any other method panics, which would be a test bug
	mu    sync.Mutex
	ctl   map[string]string
}

func (s *controlStore) Control(_ context.Context, name string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.ctl[name]
	return v, ok, nil
}

func (s *controlStore) SetControl(_ context.Context, name, value, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if value == "" {
		delete(s.ctl, name)
	} else {
		s.ctl[name] = value
	}
	return nil
}

func (s *controlStore) Cursor(context.Context, string) (time.Time, error) { return time.Time{}, nil }
func (s *controlStore) Rereads(context.Context, Kind) ([]string, error)   { return nil, nil }
func (s *controlStore) SourceStamp(context.Context, Kind, string) (KindStamp, bool, error) {
	return KindStamp{}, false, nil
}

// switchableERP refuses or answers the change list; it lists nothing.
type switchableERP struct {
	ERP
	refuse error
	calls  int
}

func (e *switchableERP) ChangedPurchaseOrders(context.Context, time.Time, func(RecordStamp) error) error {
	e.calls++
	return e.refuse
}

var errAuthExpired = &Error{Class: Unauthorized, Op: "x3 token refresh", Status: 403,
	Message: "Sage X3 authorisation expired or was revoked: run ml-connector x3 authorize (the token endpoint said: revoked)"}

func TestPollerPausesTheX3SideAndProbesUntilX3AnswersAgain(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	st := &controlStore{ctl: map[string]string{}}
	erp := &switchableERP{refuse: fmt.Errorf("list changed purchase orders: %w", errAuthExpired)}
	bus := NewBus()
	events, stop := bus.Subscribe(16)
	defer stop()
	p := &Poller{ERP: erp, Store: st, Bus: bus, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return now }, PauseProbe: time.Minute}
	ctx := context.Background()

	p.pollIfRunning(ctx)
	reason := X3Paused(ctx, st)
	if reason != errAuthExpired.Message {
		t.Fatalf("pause reason %q, want the operator message", reason)
	}
	if e := <-events; e.Action != "paused" || e.Message != reason {
		t.Errorf("event %+v", e)
	}

	for range 3 { // polls due while paused: none reaches X3 before the probe interval
		p.pollIfRunning(ctx)
	}
	now = now.Add(59 * time.Second)
	p.pollIfRunning(ctx)
	if erp.calls != 1 {
		t.Fatalf("%d calls to X3 within the probe interval, want 1", erp.calls)
	}
	now = now.Add(time.Second)
	p.pollIfRunning(ctx) // the probe: still refused, the pause stays, no second announcement
	if erp.calls != 2 || X3Paused(ctx, st) != reason || len(events) != 0 {
		t.Fatalf("probe: %d calls, reason %q, %d events", erp.calls, X3Paused(ctx, st), len(events))
	}

	erp.refuse = nil // the operator paired again
	now = now.Add(time.Minute)
	p.pollIfRunning(ctx)
	if X3Paused(ctx, st) != "" {
		t.Fatal("a successful probe did not lift the pause")
	}
	if e := <-events; e.Action != "resumed" {
		t.Errorf("event %+v", e)
	}
	p.pollIfRunning(ctx)
	p.pollIfRunning(ctx)
	if erp.calls != 5 {
		t.Errorf("%d calls after the resume, want every poll to reach X3 again", erp.calls)
	}
}

func TestX3PauseReasonOfAPlainRefusalSaysWhatToCheck(t *testing.T) {
	err := fmt.Errorf("list changed purchase orders: %w",
		&Error{Class: Unauthorized, Op: "x3 list changed POs", Status: 401, Message: "Invalid user or password"})
	got := X3PauseReason(err)
	if !strings.Contains(got, "x3 list changed POs: HTTP 401: Invalid user or password") || !strings.Contains(got, "check the X3 user and password") {
		t.Errorf("reason %q", got)
	}
	joined := errors.Join(&Error{Class: Transient, Op: "a"}, err)
	if !anyUnauthorized(joined) || anyUnauthorized(&Error{Class: Transient}) {
		t.Error("anyUnauthorized does not look into joined errors")
	}
}

// inboxControlStore is an InboxStore that also keeps controls, as the
// SQLite store does.
type inboxControlStore struct {
	InboxStore
	ctl *controlStore
}

func (s inboxControlStore) Control(ctx context.Context, name string) (string, bool, error) {
	return s.ctl.Control(ctx, name)
}

func (s inboxControlStore) SetControl(ctx context.Context, name, value, actor string) error {
	return s.ctl.SetControl(ctx, name, value, actor)
}

func TestInboxWaitsWhileX3IsPausedAndPausesOnAnX3Refusal(t *testing.T) {
	st := inboxControlStore{ctl: &controlStore{ctl: map[string]string{}}}
	in := &Inbox{Store: st, Bus: NewBus(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()

	in.x3Refused(&Error{Class: Unauthorized, Op: "stedi transaction output", Status: 401})
	if in.x3Paused(ctx) {
		t.Fatal("a Stedi refusal paused the X3 side")
	}
	in.x3Refused(fmt.Errorf("write PO P1 to Sage X3: %w", errAuthExpired))
	if !in.x3Paused(ctx) || X3Paused(ctx, st.ctl) != errAuthExpired.Message {
		t.Fatalf("an X3 refusal of a write-back did not pause the X3 side: %q", X3Paused(ctx, st.ctl))
	}
	ResumeX3(ctx, st.ctl, in.Bus, in.Logger, "poller")
	if in.x3Paused(ctx) {
		t.Error("still paused after the resume")
	}
}
