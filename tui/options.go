package tui

import (
	"context"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// Store is what the UI reads. *store.DB implements it.
type Store interface {
	Counts(ctx context.Context) ([]store.StateCount, error)
	Controls(ctx context.Context) (map[string]string, error)
	DocumentPage(ctx context.Context, m store.Match, p store.Page) ([]core.Document, error)
	AuditPage(ctx context.Context, m store.Match, p store.Page) ([]store.AuditRow, error)
	FailedMatching(ctx context.Context, m store.Match, limit int) ([]int64, error)
	Timeline(ctx context.Context, docID int64) (store.Timeline, error)
	DocumentsPerHour(ctx context.Context, since time.Time) ([]store.HourCount, error)
	LatestInbound(ctx context.Context) (time.Time, error)
	EnginePresence(ctx context.Context) (core.EngineStatus, bool, error)
	ReviewPage(ctx context.Context, m store.Match, p store.Page) ([]core.ProposedChange, error)
	PendingReviews(ctx context.Context) (int, error)
	// Partners' acknowledgments: tracking, overdue, scorecard (axes.go,
	// overdue.go, partners.go).
	Tracking(ctx context.Context, ids ...int64) (map[int64]core.TrackRecord, error)
	Overdue(ctx context.Context, now time.Time, limit int) ([]core.OverdueItem, error)
	Scorecard(ctx context.Context, since, now time.Time) ([]store.PartnerScore, error)
}

var _ Store = (*store.DB)(nil)

// Actions are what the operator can do. Each one is recorded in the audit
// trail under the operator's name (see NewActions).
type Actions interface {
	Replay(ctx context.Context, ids []int64) (int, error)
	SetPollerPaused(ctx context.Context, paused bool) error
	PollNow(ctx context.Context) error
	// DecideChange accepts or rejects a supplier's change; an accepted
	// one is written into X3 by the engine (in this process or the daemon).
	DecideChange(ctx context.Context, id int64, accept bool) (core.ProposedChange, error)
}

// Options wire the UI to its data.
type Options struct {
	Store   Store
	Actions Actions
	// Events is the bus of an engine running in this process; nil when
	// the UI is attached to a daemon (it then re-reads every Tick).
	Events <-chan core.Event
	// Engine reports the in-process engine's status; nil when attached:
	// the daemon's heartbeat in the store says it instead.
	Engine func() core.EngineStatus
	// Attached says a daemon runs the engine, not this process.
	Attached bool
	// Title names what the UI looks at: "demo", a database path.
	Title string
	// Tick is how often the screen re-reads the store (default 1s; a
	// negative value disables it, for unit tests).
	Tick     time.Duration
	Now      func() time.Time
	Location *time.Location // times are shown in it (default time.Local)
}

func (o *Options) defaults() {
	if o.Tick == 0 {
		o.Tick = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
}
