package core

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// Inbox applies inbound 855s and 856s to Sage X3: it claims documents the
// webhook and the catch-up committed, fetches each one's Guide JSON from
// Stedi, reads it, matches it to the PO, and writes what X3 does not
// already hold. Each claim and each outcome is committed; a crash in
// between leaves a lease that runs out, and the document is applied again,
// which writes nothing twice because only differing columns are written.
type Inbox struct {
	EDI      EDIInbox
	ERP      ERP
	Writer   ERPWriter
	Store    InboxStore
	Partners Partners
	Map      MapConfig // the poller's, so write-backs are hashed as the poller hashes
	// ASNTarget is where 856s go in X3 (inbound.asn_target); "" keeps them
	// on the PO (ASNFields). ASNShipment and ASNReceipt need Shipments.
	ASNTarget ASNTarget
	Shipments ShipmentWriter
	// Setup, when set, holds the write-back while X3 lacks the setup it
	// needs and is told of writes X3 refuses (x3gate.go).
	Setup       X3Gate
	Workers     int     // documents applied at once (default 2)
	MaxAttempts int     // attempts before the failed queue (default 8)
	Backoff     Backoff // wait between attempts
	Lease       time.Duration
	Idle        time.Duration // how often to look for due work unwoken (default 1s): replays by other processes
	Wait        time.Duration // how long an 856 waits for its PO's pending 855 (default 2s)
	Bus         *Bus
	Logger      *slog.Logger
	Now         func() time.Time
	// TestX3, when set, is the X3 test folder test documents are written
	// to; without it they are held (inbox_testdocs.go).
	TestX3 *TestX3

	// Apply855Changes writes an 855's quantity and date changes at once
	// instead of keeping them for the buyer's review (review.go).
	Apply855Changes bool

	svc      lifecycle.Service
	testSide *Inbox // applies test documents to TestX3
	forTest  bool   // this inbox is a testSide
	wake     chan struct{}
	locks    poLocks
}

// Start runs the processor in the background.
func (in *Inbox) Start(ctx context.Context) error {
	in.Workers = cmpOr(in.Workers, 2)
	in.MaxAttempts = cmpOr(in.MaxAttempts, 8)
	in.Lease = cmpOr(in.Lease, 2*time.Minute)
	in.Idle = cmpOr(in.Idle, time.Second)
	in.Wait = cmpOr(in.Wait, 2*time.Second)
	if in.Backoff.Base == 0 {
		in.Backoff = Backoff{Base: 2 * time.Second, Max: 10 * time.Minute}
	}
	if in.Now == nil {
		in.Now = time.Now
	}
	in.wake = make(chan struct{}, 1)
	in.testSide = in.newTestSide()
	return in.svc.Start(ctx, in.run)
}

// Stop stops claiming, lets documents in progress finish, and returns.
func (in *Inbox) Stop() { in.svc.Stop() }

// Wake tells the processor new documents may be waiting.
func (in *Inbox) Wake() {
	lifecycle.Signal(in.wake)
}

func (in *Inbox) run(ctx context.Context) {
	// At start every claim belongs to a process that is gone.
	if n, err := in.Store.RequeueInbound(ctx, in.Now().Add(in.Lease)); err != nil {
		in.Logger.Error("requeue interrupted inbound documents", "err", err)
	} else if n > 0 {
		in.Logger.Warn("applying inbound documents interrupted by a restart again", "count", n)
	}
	slots := make(chan struct{}, in.Workers)
	freed := make(chan struct{}, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	idle := time.NewTicker(in.Idle)
	defer idle.Stop()
	lapsed := lapseSweep{lease: in.Lease, requeue: in.Store.RequeueInbound, found: in.Wake,
		logger: in.Logger, what: "inbound", last: in.Now()}
	for {
		free := cap(slots) - len(slots)
		if in.x3Paused(ctx) || in.setupBlocked() { // x3pause.go, inbox_setup.go: documents wait until the pause lifts
			free = 0
		}
		claimed := 0
		if free > 0 {
			docs, err := in.Store.ClaimInbound(ctx, in.Now(), free, in.Lease)
			if err != nil && ctx.Err() == nil {
				in.Logger.Error("claim inbound documents", "err", err)
			}
			for _, d := range docs {
				slots <- struct{}{}
				wg.Add(1)
				go func() {
					defer wg.Done()
					in.handle(context.WithoutCancel(ctx), d)
					<-slots
					lifecycle.Signal(freed)
				}()
			}
			claimed = len(docs)
		}
		if claimed > 0 && claimed == free {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-in.wake:
		case <-freed:
		case <-idle.C:
			lapsed.tick(ctx, in.Now())
		}
	}
}

// handle applies one document and commits the outcome, retrying a busy
// database a few times. Should that still fail, the lease runs out and
// the document is applied again.
func (in *Inbox) handle(ctx context.Context, d Document) {
	o := in.apply(ctx, d)
	if o.release != nil {
		// The PO stays locked until the outcome is committed: the next
		// document of the PO must find this one's write in X3 and its
		// record (shipped quantities, the 855 answered) in the store
		// together, or it would plan against half of it.
		defer o.release()
	}
	var err error
	for try := range 5 {
		if err = in.Store.FinishInbound(ctx, o); err == nil {
			break
		}
		time.Sleep(time.Duration(try+1) * 100 * time.Millisecond)
	}
	if err != nil {
		in.Logger.Error("record inbound outcome; it is applied again after the lease", "doc", d.ID, "err", err)
		return
	}
	if o.Kind != "" {
		d.Kind = o.Kind // a thin event's transaction is now what Stedi said it is (inbox_thin.go)
	}
	in.logOutcome(d, o)
	key := o.PONumber
	if key == "" {
		key = d.SourceKey
	}
	action := string(o.State)
	if o.Deferred {
		action = ActionDeferred
	}
	in.Bus.Publish(Event{DocID: d.ID, Kind: d.Kind, Key: key, Action: action, State: o.State, Message: o.Error})
}

func (in *Inbox) logOutcome(d Document, o InboundOutcome) {
	attrs := []any{"doc", d.ID, "kind", d.Kind, "transaction", d.SourceKey, "po", o.PONumber}
	switch o.State {
	case StateApplied:
		in.Logger.Info("inbound document applied to Sage X3", attrs...)
	case StateReview:
		in.Logger.Info("inbound document applied to Sage X3; supplier changes wait for the buyer's review", attrs...)
	case StateFailed:
		in.Logger.Error("inbound document moved to the failed queue", append(attrs, "err", o.Error)...)
	default:
		in.Logger.Warn("inbound document will be tried again", append(attrs, "next", o.NextAttemptAt.Format(time.RFC3339), "err", o.Error)...)
	}
}

// poLocks serialises work on the same purchase orders: an 855 and an 856
// of one PO are applied one after the other, never interleaved.
type poLocks struct {
	mu   sync.Mutex
	held map[string]chan struct{}
}

// lock takes the locks of keys (in sorted order, so two callers never
// deadlock) and returns the function that releases them.
func (l *poLocks) lock(keys []string) func() {
	for _, k := range keys {
		for {
			l.mu.Lock()
			if l.held == nil {
				l.held = map[string]chan struct{}{}
			}
			ch, busy := l.held[k]
			if !busy {
				l.held[k] = make(chan struct{})
				l.mu.Unlock()
				break
			}
			l.mu.Unlock()
			<-ch
		}
	}
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		for _, k := range keys {
			close(l.held[k])
			delete(l.held, k)
		}
	}
}
