package tui

import (
	"context"

	"github.com/mlconnector/ml-connector/core"
)

// ActionStore is what the actions write through. *store.DB implements it.
type ActionStore interface {
	Replay(ctx context.Context, ids []int64, actor string) (int, error)
	SetControl(ctx context.Context, name, value, actor string) error
	RequestEngine(ctx context.Context, action, actor, message string) error
	AppendAudit(ctx context.Context, docID int64, entries ...core.AuditEntry) error
	DecideChange(ctx context.Context, id int64, accept bool, actor string) (core.ProposedChange, error)
}

// replayChunk bounds one replay transaction (and its SQL parameter list).
const replayChunk = 500

// NewActions returns the operator's actions, recorded under actor (such as
// "operator:alice"). pollNow is the in-process poller's PollNow; when nil
// (attached to a daemon) a poll request goes through the database and the
// daemon's presence worker acts on it.
func NewActions(db ActionStore, actor string, pollNow func()) Actions {
	return &dbActions{db: db, actor: actor, pollNow: pollNow}
}

type dbActions struct {
	db      ActionStore
	actor   string
	pollNow func()
}

// Replay returns failed documents to the queue; the sender picks them up
// within a second, in this process or in the daemon.
func (a *dbActions) Replay(ctx context.Context, ids []int64) (int, error) {
	total := 0
	for len(ids) > 0 {
		n := min(len(ids), replayChunk)
		done, err := a.db.Replay(ctx, ids[:n], a.actor)
		total += done
		if err != nil {
			return total, err
		}
		ids = ids[n:]
	}
	return total, nil
}

// SetPollerPaused sets the control the poller reads before every poll;
// SetControl audits the change.
func (a *dbActions) SetPollerPaused(ctx context.Context, paused bool) error {
	v := ""
	if paused {
		v = "1"
	}
	return a.db.SetControl(ctx, core.ControlPollerPaused, v, a.actor)
}

func (a *dbActions) PollNow(ctx context.Context) error {
	if a.pollNow == nil {
		return a.db.RequestEngine(ctx, core.RequestPollNow, a.actor, "poll of Sage X3 requested from the terminal UI")
	}
	a.pollNow()
	return a.db.AppendAudit(ctx, 0, core.AuditEntry{Actor: a.actor, Action: core.RequestPollNow,
		Message: "poll of Sage X3 requested from the terminal UI"})
}

// DecideChange records the operator's decision on a supplier's change;
// the inbox of the running engine writes an accepted one within a second.
func (a *dbActions) DecideChange(ctx context.Context, id int64, accept bool) (core.ProposedChange, error) {
	return a.db.DecideChange(ctx, id, accept, a.actor)
}
