package tunnel

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Control settings where the running daemon records its webhook endpoint,
// for other processes on the database (the terminal UI, `check`). They
// change with the state only, never with heartbeats: every change of a
// control setting is audited.
const (
	ControlURL   = "tunnel.url"   // the webhook URL to give Stedi; empty when not online
	ControlState = "tunnel.state" // "online", or "reconnecting: <error>", "offline: <error>", "stopped"
)

// ControlWriter writes control settings (store.DB).
type ControlWriter interface {
	SetControl(ctx context.Context, name, value, actor string) error
}

// Recorder copies the tracker's state into the store and onto the event
// bus, and logs reconnections, off the SDK's goroutines.
type Recorder struct {
	Tracker *Tracker
	Store   ControlWriter
	Bus     *core.Bus
	Logger  *slog.Logger

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
	last   Status
}

// Start records changes in the background.
func (r *Recorder) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel != nil {
		return nil
	}
	r.Logger = cmp.Or(r.Logger, slog.New(slog.DiscardHandler))
	ctx, r.cancel = context.WithCancel(ctx)
	done := make(chan struct{})
	r.done = done
	go func() {
		defer close(done)
		for {
			r.record(ctx)
			select {
			case <-ctx.Done():
				return
			case <-r.Tracker.Changed():
			}
		}
	}()
	return nil
}

// Stop records the final state (normally "stopped": stop the Service
// first) and waits.
func (r *Recorder) Stop() {
	r.mu.Lock()
	cancel, done := r.cancel, r.done
	r.cancel = nil
	r.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
	ctx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	r.record(ctx)
}

// record writes the current status if it differs from the last one
// written. "connecting" is not written: it comes and goes with every
// attempt, and the offline or online that follows says what matters.
func (r *Recorder) record(ctx context.Context) {
	st := r.Tracker.Status()
	if st.State == StateConnecting || st.State == StateStarting {
		return
	}
	if st.State == r.last.State && st.URL == r.last.URL && st.Error == r.last.Error {
		return
	}
	prev := r.last
	url := st.URL
	if st.State != StateOnline && st.State != StateReconnecting {
		url = ""
	}
	state := string(st.State)
	if st.Error != "" {
		state += ": " + st.Error
	}
	if r.Store != nil {
		err1 := r.Store.SetControl(ctx, ControlState, state, "tunnel")
		err2 := r.Store.SetControl(ctx, ControlURL, url, "tunnel")
		if err := cmp.Or(err1, err2); err != nil {
			r.Logger.Warn("record the webhook endpoint state", "err", err)
			return // tried again at the next change
		}
	}
	r.last = st
	r.Bus.Publish(core.Event{Action: "tunnel", Message: describe(st)})
	switch {
	case st.State == StateReconnecting:
		r.Logger.Warn("tunnel lost; reconnecting", "provider", st.Provider, "err", st.Error)
	case st.State == StateOnline && prev.State == StateReconnecting:
		r.Logger.Info("tunnel reconnected", "provider", st.Provider, "url", st.URL)
	}
}

func describe(st Status) string {
	s := st.Provider + " " + string(st.State)
	if st.URL != "" && (st.State == StateOnline || st.State == StateReconnecting) {
		s += " " + st.URL
	}
	if st.Error != "" {
		s += ": " + st.Error
	}
	return s
}
