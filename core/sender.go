package core

import (
	"context"
	"log/slog"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// Sender posts queued outbound documents to the EDI platform with a
// bounded pool of workers. Each claim is committed before the request goes
// out and each outcome is committed before the next claim can see the
// document again; a crash in between leaves a lease that expires and a
// resend under the same idempotency key, which Stedi answers from its cache.
type Sender struct {
	EDI         EDI
	Store       Store
	Workers     int           // concurrent requests (default 4)
	MaxAttempts int           // attempts before the failed queue (default 8)
	Backoff     Backoff       // wait between attempts
	Lease       time.Duration // how long a claim lasts; must exceed the HTTP timeout (default 2m)
	PauseProbe  time.Duration // while paused, how often one document tests the credentials (default 1m)
	Idle        time.Duration // how often to look for due work when nothing wakes the sender (default 500ms)
	Deadlines   Deadlines     // what partners owe once a document is sent (deadlines.go)
	Bus         *Bus
	Logger      *slog.Logger
	Now         func() time.Time

	Lookup OutboundLookup // asks Stedi what it holds before a resend past Window (reconcile.go)
	Window time.Duration  // Stedi's idempotency window (default 24h): past it a resend would execute again

	svc  lifecycle.Service
	wake chan struct{}
}

// Start runs the sender in the background.
func (s *Sender) Start(ctx context.Context) error {
	s.Workers = cmpOr(s.Workers, 4)
	s.MaxAttempts = cmpOr(s.MaxAttempts, 8)
	s.Lease = cmpOr(s.Lease, 2*time.Minute)
	s.PauseProbe = cmpOr(s.PauseProbe, time.Minute)
	s.Idle = cmpOr(s.Idle, 500*time.Millisecond)
	s.Window = cmpOr(s.Window, DefaultIdempotencyWindow)
	if s.Backoff.Base == 0 {
		s.Backoff = Backoff{Base: 2 * time.Second, Max: 10 * time.Minute}
	}
	s.wake = make(chan struct{}, 1)
	return s.svc.Start(ctx, s.run)
}

// Stop stops claiming, lets in-flight requests finish and their outcomes
// commit, then returns.
func (s *Sender) Stop() { s.svc.Stop() }

// Wake tells the sender new work may be due.
func (s *Sender) Wake() {
	lifecycle.Signal(s.wake)
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// endOfTime is later than any lease: at start every claim is requeued.
var endOfTime = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// run wires dispatcher → workers → completer and tears them down in order.
func (s *Sender) run(ctx context.Context) {
	// At start every claim belongs to a process that is gone (one engine
	// runs per database), whatever its lease says.
	if n, err := s.Store.RequeueExpired(ctx, endOfTime, s.Now()); err != nil {
		s.Logger.Error("requeue interrupted sends", "err", err)
	} else if n > 0 {
		s.Logger.Warn("resending documents interrupted by a restart", "count", n)
	}
	// Up to four claims per worker are in flight, so claims and outcome
	// commits come in batches: each commit costs a WAL write.
	slots := make(chan struct{}, s.Workers*4)
	jobs := make(chan Document)
	results := make(chan Outcome, s.Workers*4)
	freed := make(chan struct{}, 1)
	workersDone := make(chan struct{})
	go func() {
		s.workers(jobs, results)
		close(results)
		close(workersDone)
	}()
	completerDone := make(chan struct{})
	go func() {
		s.complete(results, slots, freed)
		close(completerDone)
	}()
	s.dispatch(ctx, jobs, slots, freed)
	close(jobs)
	<-workersDone
	<-completerDone
}

// dispatch claims due documents while there are free slots.
func (s *Sender) dispatch(ctx context.Context, jobs chan<- Document, slots chan struct{}, freed <-chan struct{}) {
	idle := time.NewTicker(s.Idle)
	defer idle.Stop()
	var lastProbe time.Time
	lapsed := lapseSweep{lease: s.Lease, found: s.Wake, logger: s.Logger, what: "outbound",
		last:    s.Now(), // the start already requeued every claim (run)
		requeue: func(ctx context.Context, now time.Time) (int, error) { return s.Store.RequeueExpired(ctx, now, now) }}
	for {
		free := cap(slots) - len(slots)
		if len(slots) > 0 && free < cap(slots)/2 {
			free = 0 // claim in batches: wait until half the slots are free
		}
		reason, _, err := s.Store.Control(ctx, ControlStediPaused)
		if err == nil && reason != "" {
			free = 0
			if s.Now().Sub(lastProbe) >= s.PauseProbe && len(slots) == 0 {
				free, lastProbe = 1, s.Now()
			}
		}
		claimed := 0
		if free > 0 {
			docs, err := s.Store.ClaimDue(ctx, s.Now(), free, s.Lease)
			if err != nil && ctx.Err() == nil {
				s.Logger.Error("claim due documents", "err", err)
			}
			for _, d := range docs {
				slots <- struct{}{}
				jobs <- d
			}
			claimed = len(docs)
		}
		if claimed > 0 && claimed == free {
			continue // there may be more due work
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-freed:
		case <-idle.C:
			lapsed.tick(ctx, s.Now())
		}
	}
}

// workers runs the worker pool until jobs closes. Requests use a context
// that shutdown does not cancel: a send in progress finishes (bounded by
// the HTTP client's timeout) so its outcome can be committed.
func (s *Sender) workers(jobs <-chan Document, results chan<- Outcome) {
	done := make(chan struct{})
	for range s.Workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for d := range jobs {
				results <- s.attempt(context.Background(), d)
			}
		}()
	}
	for range s.Workers {
		<-done
	}
}

// complete commits outcomes in batches and frees their slots. It gathers
// outcomes for a few milliseconds after the first one: every commit writes
// its pages to the WAL, so under load one commit per batch instead of one
// per document is most of the sender's throughput, and a few milliseconds
// are nothing to an EDI document.
func (s *Sender) complete(results <-chan Outcome, slots <-chan struct{}, freed chan<- struct{}) {
	const gather = 5 * time.Millisecond
	for first := range results {
		batch := []Outcome{first}
		window := time.NewTimer(gather)
	drain:
		for len(batch) < cap(slots) {
			select {
			case o, ok := <-results:
				if !ok {
					break drain
				}
				batch = append(batch, o)
			case <-window.C:
				break drain
			}
		}
		window.Stop()
		s.commit(batch)
		for range batch {
			<-slots
		}
		lifecycle.Signal(freed)
	}
}

// commit writes a batch of outcomes, retrying a busy database a few times.
// Should it still fail, the documents stay claimed and their lease expiry
// resends them under the same idempotency key.
func (s *Sender) commit(batch []Outcome) {
	var err error
	for try := range 5 {
		if err = s.Store.Complete(context.Background(), batch); err == nil {
			break
		}
		time.Sleep(time.Duration(try+1) * 100 * time.Millisecond)
	}
	if err != nil {
		s.Logger.Error("record send outcomes; they will be resent after the lease", "count", len(batch), "err", err)
		return
	}
	for _, o := range batch {
		s.logOutcome(o)
		s.Bus.Publish(Event{DocID: o.DocID, Kind: o.Kind, Key: o.Key, Action: string(o.State), State: o.State, Message: o.Error})
	}
}

func (s *Sender) logOutcome(o Outcome) {
	attrs := []any{"doc", o.DocID, "kind", o.Kind, "key", o.Key}
	switch o.State {
	case StateSent:
		s.Logger.Info("document sent", attrs...)
	case StateFailed:
		s.Logger.Error("document moved to the failed queue", append(attrs, "err", o.Error)...)
	default:
		s.Logger.Warn("attempt failed; will retry", append(attrs, "next", o.NextAttemptAt.Format(time.RFC3339), "err", o.Error)...)
	}
}
