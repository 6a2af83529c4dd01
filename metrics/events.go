package metrics

import (
	"context"
	"errors"
	"sync"

	"github.com/mlconnector/ml-connector/core"
)

// Start counts engine events in the background until Stop.
func (m *Metrics) Start(ctx context.Context) error {
	if m.src.Bus == nil {
		return nil
	}
	return m.svc.start(ctx, m.src.Bus, m.observe)
}

// Stop stops counting and waits.
func (m *Metrics) Stop() { m.svc.stop() }

// observe counts one event. The sender publishes an attempt's outcome as
// the document's new state once it is committed; the inbound processor
// does the same with "applied".
func (m *Metrics) observe(e core.Event) {
	kind := string(e.Kind)
	switch e.Action {
	case string(core.StateSent), "applied", string(core.StateReview): // review: an 855 applied, its changes waiting
		m.attempts.WithLabelValues(kind, e.Action).Inc()
	case string(core.StateRetrying), string(core.StateFailed):
		m.attempts.WithLabelValues(kind, e.Action).Inc()
		m.failures.WithLabelValues(kind).Inc()
	case core.ActionTokenRefresh:
		var err error
		if e.Message != "" {
			err = errors.New(e.Message)
		}
		m.TokenRefreshed(e.Key, err)
	}
}

// service runs one bus subscriber with the Start/Stop contract.
type service struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *service) start(ctx context.Context, bus *core.Bus, fn func(core.Event)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return nil
	}
	// Subscribe before returning, so no event published after Start is missed.
	events, unsubscribe := bus.Subscribe(4096)
	ctx, s.cancel = context.WithCancel(ctx)
	done := make(chan struct{})
	s.done = done
	go func() {
		defer close(done)
		defer unsubscribe()
		for {
			select {
			case <-ctx.Done():
				drainEvents(events, fn)
				return
			case e := <-events:
				fn(e)
			}
		}
	}()
	return nil
}

func (s *service) stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel = nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

// drainEvents handles the events already delivered, so Stop loses none.
func drainEvents(events <-chan core.Event, fn func(core.Event)) {
	for {
		select {
		case e := <-events:
			fn(e)
		default:
			return
		}
	}
}
