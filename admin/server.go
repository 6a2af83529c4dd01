package admin

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is the local admin endpoint: GET /healthz (the process is alive
// and serving), GET /readyz (the last periodic checks passed: 200, else
// 503, with the outcomes as JSON) and /metrics.
type Server struct {
	Addr    string       // host:port; ":0" picks a port (see ListenAddr)
	Monitor *Monitor     // behind /readyz
	Metrics http.Handler // behind /metrics; optional
	Logger  *slog.Logger

	mu   sync.Mutex
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// Start listens at once, so a taken port fails the start, and serves in
// the background.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return nil
	}
	s.Logger = cmp.Or(s.Logger, slog.New(slog.DiscardHandler))
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("admin endpoint: listen on %s: %w (set admin.listen, or \"off\")", s.Addr, err)
	}
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second,
		ErrorLog: slog.NewLogLogger(s.Logger.Handler(), slog.LevelDebug)}
	done := make(chan struct{})
	s.ln, s.srv, s.done = ln, srv, done
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Logger.Error("admin endpoint stopped", "err", err)
		}
	}()
	s.Logger.Info("admin endpoint listening", "url", "http://"+ln.Addr().String(), "paths", "/healthz /readyz /metrics")
	return nil
}

// ListenAddr is the address actually listened on.
func (s *Server) ListenAddr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Stop shuts the endpoint down, letting a scrape in progress finish.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, done := s.srv, s.done
	s.srv = nil
	s.mu.Unlock()
	if srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	<-done
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	if s.Metrics != nil {
		mux.Handle("GET /metrics", s.Metrics)
	}
	return mux
}

// readiness is the body of /readyz.
type readiness struct {
	Ready  bool      `json:"ready"`
	Checks []Outcome `json:"checks"`
}

func (s *Server) readyz(w http.ResponseWriter, _ *http.Request) {
	body := readiness{Ready: true, Checks: []Outcome{}}
	if s.Monitor != nil {
		body.Ready, body.Checks = s.Monitor.Ready(), s.Monitor.Outcomes()
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !body.Ready {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(body)
}
