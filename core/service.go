package core

import (
	"context"
	"sync"
)

// service gives a background worker the Start/Stop contract: Start is
// non-blocking and idempotent; Stop cancels, waits for the goroutines to
// end, and tolerates being called twice or before Start.
type service struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func (s *service) start(ctx context.Context, run ...func(context.Context)) error {
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

func (s *service) stop() {
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
