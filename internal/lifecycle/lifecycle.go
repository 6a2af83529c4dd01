// Package lifecycle gives background workers the Start/Stop contract the
// project follows: Start is non-blocking and idempotent; Stop cancels,
// waits for the worker's goroutines to end, and tolerates being called
// twice or before Start.
package lifecycle

import (
	"context"
	"sync"
)

// Service runs a worker's goroutines. The zero value is ready to use.
type Service struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start runs each fn in its own goroutine, under a context that Stop
// cancels. It does nothing when the service already runs.
func (s *Service) Start(ctx context.Context, run ...func(context.Context)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return nil
	}
	ctx, s.cancel = context.WithCancel(ctx)
	for _, fn := range run {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			fn(ctx)
		}()
	}
	return nil
}

// Stop cancels the goroutines and waits for them to end.
func (s *Service) Stop() {
	s.mu.Lock()
	cancel := s.cancel
	s.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	s.wg.Wait()
	s.mu.Lock()
	s.cancel = nil
	s.mu.Unlock()
}

// Running reports whether Start ran and Stop did not.
func (s *Service) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancel != nil
}
