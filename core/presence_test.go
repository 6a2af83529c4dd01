package core

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"
)

// fakePresence is an in-memory PresenceStore that reports every beat.
type fakePresence struct {
	mu       sync.Mutex
	claimErr error
	requests []EngineRequest
	released bool
	beats    chan EngineStatus
}

func (f *fakePresence) ClaimPresence(context.Context, EngineStatus, time.Time) error {
	return f.claimErr
}
func (f *fakePresence) Beat(_ context.Context, s EngineStatus) error {
	select {
	case f.beats <- s:
	default:
	}
	return nil
}
func (f *fakePresence) ReleasePresence(context.Context, int, string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.released = true
	return nil
}
func (f *fakePresence) TakeRequests(context.Context, time.Time) ([]EngineRequest, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.requests
	f.requests = nil
	return r, nil
}

func TestPresence_BeatsServesRequestsAndReleases(t *testing.T) {
	store := &fakePresence{beats: make(chan EngineStatus, 16),
		requests: []EngineRequest{{ID: 1, Action: RequestPollNow, Actor: "operator:alice"}}}
	bus := NewBus()
	polled := make(chan struct{}, 1)
	p := &Presence{Store: store, Bus: bus, Every: time.Millisecond, Watch: time.Millisecond,
		PollNow:  func() { polled <- struct{}{} },
		Describe: func(s *EngineStatus) { s.X3Folder, s.PollInterval = "SEED", time.Minute }}
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-polled // the request left in the store made the engine poll
	pollAt := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	bus.Publish(Event{At: pollAt, Action: "poll"})
	for s := range store.beats {
		if s.X3Folder != "SEED" || s.PID == 0 || s.Host == "" {
			t.Fatalf("beat without identity or details: %+v", s)
		}
		if s.LastPoll.Equal(pollAt) {
			break // the heartbeat carries what the bus told
		}
	}
	p.Stop()
	p.Stop() // safe twice
	if !store.released {
		t.Fatalf("Stop left the presence row")
	}
}

func TestPresence_RefusesWhenAnotherEngineRuns(t *testing.T) {
	store := &fakePresence{claimErr: ErrEngineRunning}
	p := &Presence{Store: store}
	if err := p.Start(context.Background()); !errors.Is(err, ErrEngineRunning) {
		t.Fatalf("Start: %v", err)
	}
}

// claimOnce refuses the first claim on behalf of a crashed engine of the
// same host, and records the stale limit of every claim.
type claimOnce struct {
	fakePresence
	held   *EngineRunningError
	limits []time.Time
}

func (c *claimOnce) ClaimPresence(_ context.Context, s EngineStatus, staleBefore time.Time) error {
	c.limits = append(c.limits, staleBefore)
	if c.held.Host == s.Host && !staleBefore.After(c.held.Beat) {
		return c.held
	}
	return nil
}

func TestPresence_TakesOverFromACrashedEngineOfThisHost(t *testing.T) {
	host, _ := os.Hostname()
	beat := time.Now()
	for _, gone := range []bool{true, false} {
		store := &claimOnce{held: &EngineRunningError{PID: 77, Host: host, Beat: beat}}
		p := &Presence{Store: store, Gone: func(pid int) bool { return pid == 77 && gone }}
		err := p.Start(context.Background())
		p.Stop()
		switch {
		case gone && (err != nil || len(store.limits) != 2 || !store.limits[1].After(beat)):
			t.Errorf("a dead holder was not taken over: %v, %v", err, store.limits)
		case !gone && !errors.Is(err, ErrEngineRunning):
			t.Errorf("a live holder was taken over: %v", err)
		}
	}
}
