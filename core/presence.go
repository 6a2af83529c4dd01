package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// PresenceStaleAfter is how old a heartbeat may be before its engine is
// taken for gone (killed, host down). Beats come every two seconds.
const PresenceStaleAfter = 10 * time.Second

// RequestPollNow asks the running engine to poll Sage X3 at once.
const RequestPollNow = "poll_now"

// ErrEngineRunning is returned when another live engine already works on
// the database: two engines on one database would each poll and send.
var ErrEngineRunning = errors.New("another engine is running on this database")

// EngineRunningError names the engine that holds the database.
type EngineRunningError struct {
	PID  int
	Host string
	Beat time.Time
}

func (e *EngineRunningError) Error() string {
	return fmt.Sprintf("%s (pid %d on %s, last heartbeat %s)", ErrEngineRunning, e.PID, e.Host,
		e.Beat.Local().Format("15:04:05"))
}

// Is makes errors.Is(err, ErrEngineRunning) hold.
func (e *EngineRunningError) Is(target error) bool { return target == ErrEngineRunning }

// EngineStatus is what a running engine tells other processes on its
// database (a terminal UI attached to a daemon): who it is, and the state
// of its connections as far as it knows them.
type EngineStatus struct {
	PID     int       `json:"-"`
	Host    string    `json:"-"`
	Started time.Time `json:"-"`
	Beat    time.Time `json:"-"`

	X3             string        `json:"x3,omitempty"` // how X3 is reached, e.g. "REST · Basic"
	X3URL          string        `json:"x3_url,omitempty"`
	X3Folder       string        `json:"x3_folder,omitempty"`
	X3TokenExpires time.Time     `json:"x3_token_expires,omitzero"` // zero when the auth has no token
	StediURL       string        `json:"stedi_url,omitempty"`
	Endpoint       string        `json:"endpoint,omitempty"` // where webhooks come in: public URL or local address
	PollInterval   time.Duration `json:"poll_interval,omitempty"`
	LastPoll       time.Time     `json:"last_poll,omitzero"`
	LastPollError  string        `json:"last_poll_error,omitempty"`
}

// Fresh reports whether the heartbeat is recent enough to trust the engine alive.
func (s EngineStatus) Fresh(now time.Time) bool {
	return !s.Beat.IsZero() && now.Sub(s.Beat) < PresenceStaleAfter
}

// EngineRequest is one request to the running engine.
type EngineRequest struct {
	ID     int64
	Action string
	Actor  string
	At     time.Time
}

// PresenceStore keeps the engine's heartbeat and the requests sent to it.
type PresenceStore interface {
	// ClaimPresence registers s as the database's engine unless another
	// engine beat after staleBefore (ErrEngineRunning).
	ClaimPresence(ctx context.Context, s EngineStatus, staleBefore time.Time) error
	// Beat refreshes the heartbeat and the status of the engine s names.
	Beat(ctx context.Context, s EngineStatus) error
	// ReleasePresence removes the engine's row, if it is still its own.
	ReleasePresence(ctx context.Context, pid int, host string) error
	// TakeRequests marks the open requests done and returns them.
	TakeRequests(ctx context.Context, now time.Time) ([]EngineRequest, error)
}

// Presence announces the running engine on its database with a heartbeat,
// and carries out the requests other processes leave for it.
type Presence struct {
	Store    PresenceStore
	Bus      *Bus
	PollNow  func()              // what RequestPollNow does
	Describe func(*EngineStatus) // fills in connection details at every beat; must be quick
	// Gone reports whether a process of this host has ended. A restart
	// after a crash then takes over at once instead of waiting for the
	// dead engine's heartbeat to go stale. Nil: always wait.
	Gone   func(pid int) bool
	Every  time.Duration // heartbeat (default 2s)
	Watch  time.Duration // how often to look for requests (default 500ms)
	Logger *slog.Logger
	Now    func() time.Time

	svc    lifecycle.Service
	mu     sync.Mutex
	status EngineStatus
}

// Start claims the database for this engine, then beats and watches for
// requests in the background. It fails with ErrEngineRunning when another
// live engine holds the database.
func (p *Presence) Start(ctx context.Context) error {
	p.Every = cmpOr(p.Every, 2*time.Second)
	p.Watch = cmpOr(p.Watch, 500*time.Millisecond)
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Logger == nil {
		p.Logger = slog.New(slog.DiscardHandler)
	}
	host, _ := os.Hostname()
	now := p.Now()
	p.mu.Lock()
	p.status = EngineStatus{PID: os.Getpid(), Host: host, Started: now, Beat: now}
	p.mu.Unlock()
	if err := p.claim(ctx, now); err != nil {
		return err
	}
	var events <-chan Event
	unsubscribe := func() {}
	if p.Bus != nil {
		events, unsubscribe = p.Bus.Subscribe(64)
	}
	return p.svc.Start(ctx, func(ctx context.Context) {
		defer unsubscribe()
		p.loop(ctx, events)
	})
}

// claim registers the engine; the row of a crashed engine of this host
// is taken over at once.
func (p *Presence) claim(ctx context.Context, now time.Time) error {
	s := p.Snapshot()
	err := p.Store.ClaimPresence(ctx, s, now.Add(-PresenceStaleAfter))
	var held *EngineRunningError
	if errors.As(err, &held) && held.Host == s.Host && p.Gone != nil && p.Gone(held.PID) {
		p.Logger.Warn("taking over from an engine that ended without stopping", "pid", held.PID)
		err = p.Store.ClaimPresence(ctx, s, held.Beat.Add(time.Millisecond))
	}
	return err
}

// Stop ends the heartbeat and removes the engine's row, so a UI opened
// next runs its own engine without waiting for the heartbeat to go stale.
func (p *Presence) Stop() {
	p.svc.Stop()
	p.mu.Lock()
	pid, host := p.status.PID, p.status.Host
	p.mu.Unlock()
	if pid == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := p.Store.ReleasePresence(ctx, pid, host); err != nil {
		p.Logger.Warn("remove engine presence", "err", err)
	}
}

// Snapshot returns the engine's status now, connection details included.
func (p *Presence) Snapshot() EngineStatus {
	p.mu.Lock()
	s := p.status
	p.mu.Unlock()
	if p.Describe != nil {
		p.Describe(&s)
	}
	return s
}

func (p *Presence) loop(ctx context.Context, events <-chan Event) {
	beat := time.NewTicker(p.Every)
	defer beat.Stop()
	watch := time.NewTicker(p.Watch)
	defer watch.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			p.observe(e)
		case <-beat.C:
			p.beat(ctx)
		case <-watch.C:
			p.serveRequests(ctx)
		}
	}
}

// observe keeps what the bus tells about polls, for "next poll in".
func (p *Presence) observe(e Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e.Action {
	case "poll":
		p.status.LastPoll, p.status.LastPollError = e.At, ""
	case "poll_failed":
		p.status.LastPoll, p.status.LastPollError = e.At, e.Message
	}
}

func (p *Presence) beat(ctx context.Context) {
	p.mu.Lock()
	p.status.Beat = p.Now()
	p.mu.Unlock()
	err := p.Store.Beat(ctx, p.Snapshot())
	switch {
	case err == nil || ctx.Err() != nil:
	case errors.Is(err, ErrEngineRunning):
		// This engine stalled past the stale limit and another took the
		// database over: an operator must stop one of them.
		p.Logger.Error("another engine took over this database; stop this one", "err", err)
	default:
		p.Logger.Warn("engine heartbeat", "err", err)
	}
}

func (p *Presence) serveRequests(ctx context.Context) {
	reqs, err := p.Store.TakeRequests(ctx, p.Now())
	if err != nil {
		if ctx.Err() == nil {
			p.Logger.Warn("read engine requests", "err", err)
		}
		return
	}
	for _, r := range reqs {
		switch r.Action {
		case RequestPollNow:
			p.Logger.Info("poll requested", "by", r.Actor)
			if p.PollNow != nil {
				p.PollNow()
			}
		default:
			p.Logger.Warn("unknown engine request ignored", "action", r.Action, "by", r.Actor)
		}
	}
}
