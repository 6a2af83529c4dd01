package core

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// lapseStore records RequeueExpired calls; the sender needs nothing else
// from it when no document is due.
type lapseStore struct {
	Store
	requeues chan time.Time
}

func (s lapseStore) RequeueExpired(_ context.Context, leasesBefore, _ time.Time) (int, error) {
	s.requeues <- leasesBefore
	return 0, nil
}
func (lapseStore) Control(context.Context, string) (string, bool, error) { return "", false, nil }
func (lapseStore) ClaimDue(context.Context, time.Time, int, time.Duration) ([]Document, error) {
	return nil, nil
}

// A claim whose outcome never committed must not wait for a restart: the
// running sender requeues lapsed leases every half lease.
func TestSender_RequeuesLapsedClaimsWhileRunning(t *testing.T) {
	st := lapseStore{requeues: make(chan time.Time, 16)}
	s := &Sender{Store: st, Lease: 20 * time.Millisecond, Idle: time.Millisecond, Now: time.Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	atStart := <-st.requeues
	if !atStart.Equal(endOfTime) {
		t.Fatalf("at start the sender requeued leases before %v, want every lease", atStart)
	}
	select {
	case lapsed := <-st.requeues:
		if lapsed.After(time.Now()) {
			t.Errorf("while running it requeued leases before %v, a time to come", lapsed)
		}
	case <-time.After(10 * time.Second): // a hang guard, not a timing assumption
		t.Fatal("lapsed claims were never requeued while the sender ran")
	}
}
