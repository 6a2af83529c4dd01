package tunnel

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Service serves a handler on the provider's endpoint for as long as it
// runs. When an open fails or the endpoint stops accepting, it records
// the state and opens again after a backoff, so the rest of the program
// keeps running while webhooks cannot come in (the inbound catch-up picks
// up what was missed).
type Service struct {
	Provider Provider
	Handler  http.Handler
	Path     string   // webhook path, for the URL shown to operators
	Tracker  *Tracker // where the state goes; made by Start if nil
	Logger   *slog.Logger
	// RetryMin and RetryMax bound the wait between failed opens
	// (defaults 5s and 5m, doubling).
	RetryMin, RetryMax time.Duration

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// Start opens the endpoint and serves in the background. It does not
// wait for the endpoint: watch Tracker for the state.
func (s *Service) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return nil
	}
	s.RetryMin = cmp.Or(s.RetryMin, 5*time.Second)
	s.RetryMax = cmp.Or(s.RetryMax, 5*time.Minute)
	s.Logger = cmp.Or(s.Logger, slog.New(slog.DiscardHandler))
	if s.Tracker == nil {
		s.Tracker = NewTracker(s.Provider.Name())
	}
	ctx, s.cancel = context.WithCancel(ctx)
	done := make(chan struct{})
	s.done = done
	go func() {
		defer close(done)
		s.run(ctx)
	}()
	return nil
}

// Stop stops accepting, lets requests in progress finish (up to 10 s: a
// webhook is answered in well under 5 s), closes the endpoint and waits.
func (s *Service) Stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
	s.mu.Lock()
	s.cancel = nil
	s.mu.Unlock()
}

func (s *Service) run(ctx context.Context) {
	wait := s.RetryMin
	for {
		s.Tracker.Set(StateConnecting, "", s.Tracker.Status().Error)
		ep, err := s.Provider.Open(ctx)
		if ctx.Err() != nil {
			if ep != nil {
				ep.Close()
			}
			break
		}
		if err != nil {
			s.Tracker.Set(StateOffline, "", err.Error())
			s.Logger.Error("webhook endpoint unavailable; trying again later", "provider", s.Provider.Name(),
				"retry_in", wait.String(), "err", err)
		} else {
			wait = s.RetryMin
			err = s.serve(ctx, ep)
			if ctx.Err() != nil {
				break
			}
			s.Tracker.Set(StateOffline, "", err.Error())
			s.Logger.Error("webhook endpoint stopped; opening it again", "provider", s.Provider.Name(), "err", err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		if ctx.Err() != nil {
			break
		}
		wait = min(2*wait, s.RetryMax)
	}
	s.Tracker.Set(StateStopped, "", "")
}

// serve runs an HTTP server on ep until ctx ends (then shuts it down
// gracefully) or the endpoint fails.
func (s *Service) serve(ctx context.Context, ep Endpoint) error {
	url := WebhookURL(ep.PublicURL(), s.Path)
	srv := &http.Server{
		Handler:           marked(s.Handler),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ep) }()
	s.Tracker.Set(StateOnline, url, "")
	s.Logger.Info("webhooks can reach ml-connector", "provider", s.Provider.Name(), "url", url)
	select {
	case err := <-errc:
		ep.Close()
		if err == nil || errors.Is(err, http.ErrServerClosed) {
			err = errors.New("the endpoint closed")
		}
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			srv.Close()
		}
		ep.Close()
		<-errc
		return nil
	}
}

// marked sets MarkerHeader on every response.
func marked(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(MarkerHeader, MarkerValue)
		h.ServeHTTP(w, r)
	})
}
