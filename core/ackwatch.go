package core

import (
	"context"
	"log/slog"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// ActionOverdue is the event of an acknowledgment that passed its deadline.
const ActionOverdue = "overdue"

// OverdueStore is what the watch needs (store.DB).
type OverdueStore interface {
	// MarkOverdue records, once each, acknowledgments that passed their
	// deadline by now (tracking and audit trail) and returns them.
	MarkOverdue(ctx context.Context, now time.Time, limit int) ([]OverdueItem, error)
}

// AckWatch notices acknowledgments that pass their deadline: every Every
// it records the newly late ones in their documents' trails and tells the
// bus, so the terminal UI and the alerts react without waiting for their
// own schedules. Overdue is a fact of the store (deadline passed, answer
// missing); the watch only makes it visible sooner.
type AckWatch struct {
	Store  OverdueStore
	Every  time.Duration // default 15s
	Bus    *Bus
	Logger *slog.Logger
	Now    func() time.Time

	svc  lifecycle.Service
	poke chan struct{}
}

// maxMarked bounds the documents recorded late per pass.
const maxMarked = 500

// Start checks at once, then every Every.
func (w *AckWatch) Start(ctx context.Context) error {
	w.Every = cmpOr(w.Every, 15*time.Second)
	if w.Now == nil {
		w.Now = time.Now
	}
	w.poke = make(chan struct{}, 1)
	return w.svc.Start(ctx, func(ctx context.Context) {
		lifecycle.Every(ctx, w.Every, w.poke, w.Once)
	})
}

// Stop ends the loop and waits for a pass in progress.
func (w *AckWatch) Stop() { w.svc.Stop() }

// Once records what became late since the last pass.
func (w *AckWatch) Once(ctx context.Context) {
	items, err := w.Store.MarkOverdue(ctx, w.Now(), maxMarked)
	if err != nil {
		if ctx.Err() == nil {
			w.Logger.Warn("look for overdue acknowledgments; trying again at the next pass", "err", err)
		}
		return
	}
	for _, o := range items {
		w.Logger.Warn("acknowledgment overdue", "doc", o.DocID, "kind", o.Kind, "awaiting", o.Awaiting, "po", o.PONumber,
			"supplier", o.Supplier, "due", o.Due.Format(time.RFC3339))
		w.Bus.Publish(Event{DocID: o.DocID, Kind: o.Kind, Key: o.PONumber, Action: ActionOverdue, Message: o.Describe()})
	}
}
