package core

import (
	"context"
	"log/slog"
)

// Engine runs the outbound pipeline: the poller queues documents and the
// sender delivers them. Both share the store and the event bus.
type Engine struct {
	Poller *Poller
	Sender *Sender
	Watch  *AckWatch // optional: notices acknowledgments that pass their deadline (ackwatch.go)
	Store  Store
	Bus    *Bus
	Logger *slog.Logger
}

// Start starts the sender, then the poller. A Stedi or Sage X3 pause left
// by an earlier run is lifted: the configuration may have been fixed
// since, and the first send or poll will pause again if not.
func (e *Engine) Start(ctx context.Context) error {
	for _, name := range []string{ControlStediPaused, ControlX3Paused} {
		if reason, _, err := e.Store.Control(ctx, name); err == nil && reason != "" {
			if err := e.Store.SetControl(ctx, name, "", "engine"); err != nil {
				return err
			}
			e.Logger.Info("lifted a pause of the previous run", "control", name, "was", reason)
		}
	}
	e.Poller.Queued = e.Sender.Wake
	if err := e.Sender.Start(ctx); err != nil {
		return err
	}
	if e.Watch != nil {
		if err := e.Watch.Start(ctx); err != nil {
			return err
		}
	}
	return e.Poller.Start(ctx)
}

// Stop stops polling first, so nothing new is queued, then drains the sender.
func (e *Engine) Stop() {
	e.Poller.Stop()
	e.Sender.Stop()
	if e.Watch != nil {
		e.Watch.Stop()
	}
}
