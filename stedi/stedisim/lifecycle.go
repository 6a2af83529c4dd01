package stedisim

import (
	"context"
	"sync"
	"time"
)

// defaultSchedulerTick is how often Start looks for due partner answers.
const defaultSchedulerTick = 200 * time.Millisecond

// lifecycle gives the simulator's background work the project's
// Start/Stop contract.
type lifecycle struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start runs the simulator's background work until Stop or the end of
// ctx: the partners' scheduler, which calls ProcessDue after every
// Config.SchedulerTick of wall time, and webhook delivery. Tests that
// drive ProcessDue themselves set a long SchedulerTick. It does not
// block and is idempotent. The HTTP API needs neither.
func (s *Server) Start(ctx context.Context) error {
	s.life.mu.Lock()
	defer s.life.mu.Unlock()
	if s.life.cancel != nil {
		return nil
	}
	ctx, s.life.cancel = context.WithCancel(ctx)
	for _, run := range []func(context.Context){s.schedule, s.hooks.run} {
		s.life.wg.Add(1)
		go func() {
			defer s.life.wg.Done()
			run(ctx)
		}()
	}
	return nil
}

// Stop ends the background work and waits for it. An event being
// delivered is abandoned without counting as an attempt and is delivered
// after the next Start. Safe to call twice or before Start.
func (s *Server) Stop() {
	s.life.mu.Lock()
	cancel := s.life.cancel
	s.life.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	s.life.wg.Wait()
	s.life.mu.Lock()
	s.life.cancel = nil
	s.life.mu.Unlock()
}

func (s *Server) schedule(ctx context.Context) {
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		// Errors are the simulator's own bugs; they surface in tests that
		// call ProcessDue directly.
		_, _ = s.ProcessDue()
	}
}
