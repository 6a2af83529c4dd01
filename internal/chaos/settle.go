package chaos

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/store"
)

// views are the three places a run is observed: X3 and Stedi through their
// APIs, and the daemon's database.
type views struct {
	x3     x3View
	stedi  stediView
	dbPath string
}

// errNotSettled ends a wait that ran out of time.
var errNotSettled = errors.New("the run did not settle")

// progress is one look at a run on its way to the end.
type progress struct {
	db        dbCounts
	stediIn   int // inbound transactions Stedi processed
	stediAns  int // of which 855s and 856s
	wantPOs   int // 850s the daemon must hold: one per EDI purchase order of X3; -1 while X3 lacks some
	readError error
}

// settled reports whether the run is over: the daemon holds an 850 for
// every EDI purchase order, no document waits or is under way, Stedi
// processed an 855 and an 856 for every 850 the daemon counts as sent
// (the simulated partners answer each accepted PO with one of each,
// after a 997 for the file), and the daemon took in every inbound
// transaction Stedi lists.
func (p progress) settled() bool {
	return p.readError == nil && p.wantPOs >= 0 && p.db.stuck == 0 && p.db.pos >= p.wantPOs &&
		p.stediAns >= 2*p.db.sent850 && p.db.inbound >= p.stediIn
}

func (p progress) String() string {
	if p.readError != nil {
		return p.readError.Error()
	}
	return fmt.Sprintf("850s %d of %d (sent %d), unsettled %v, inbound %d of Stedi's %d (855s and 856s %d)",
		p.db.pos, p.wantPOs, p.db.sent850, p.db.stuckByKindState, p.db.inbound, p.stediIn, p.stediAns)
}

// look reads the run's progress once. The database is opened at the
// first look after the daemon created it, and kept in *db.
func (w views) look(ctx context.Context, db **store.DB, target *ediTarget) progress {
	p := progress{wantPOs: -1}
	n, known, err := target.get(ctx, w.x3)
	if p.readError = err; err != nil {
		return p
	}
	if known {
		p.wantPOs = n
	}
	if *db == nil {
		if *db, p.readError = openDB(ctx, w.dbPath); p.readError != nil {
			return p
		}
	}
	if p.db, p.readError = countDB(ctx, *db); p.readError != nil {
		return p
	}
	p.stediIn, p.stediAns, p.readError = w.stedi.inboundCounts(ctx)
	return p
}

// awaitSettled looks at the run every interval until it is over, the
// daemon dies, or timeout passes; the last look comes back either way.
// The interval only paces the looks: the end is decided by what they see.
func (w views) awaitSettled(ctx context.Context, daemon *proc, target *ediTarget, interval, timeout time.Duration) (progress, error) {
	var db *store.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	deadline := time.After(timeout)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		p := w.look(ctx, &db, target)
		if p.settled() {
			return p, nil
		}
		select {
		case <-ctx.Done():
			return p, ctx.Err()
		case <-daemon.done:
			return p, fmt.Errorf("the daemon exited on its own: %v", daemon.err)
		case <-deadline:
			return p, fmt.Errorf("%w within %s: %s", errNotSettled, timeout, p)
		case <-tick.C:
		}
	}
}
