package main

import (
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// stopWithin runs stop (the engine's drain) and waits for it at most
// bound; a second SIGINT or SIGTERM ends the wait at once. Leaving early
// is safe: an interrupted send keeps its lease and is resent under the
// same idempotency key at the next start, which Stedi answers from its
// cache.
func stopWithin(bound time.Duration, stop func(), log *slog.Logger) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	done := make(chan struct{})
	go func() {
		stop()
		close(done)
	}()
	timer := time.NewTimer(bound)
	defer timer.Stop()
	select {
	case <-done:
		return nil
	case <-timer.C:
		log.Error("in-flight work did not finish in time; exiting anyway", "waited", bound.String())
		return fmt.Errorf("in-flight work did not finish within %s; exited anyway (interrupted sends are resent at the next start)", bound)
	case sig := <-signals:
		log.Warn("second signal: exiting without waiting", "signal", sig.String())
		return fmt.Errorf("second signal (%s): exited without waiting for in-flight work (interrupted sends are resent at the next start)", sig)
	}
}
