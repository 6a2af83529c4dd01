package lifecycle_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

func TestService_StartOnceStopWaits(t *testing.T) {
	var s lifecycle.Service
	s.Stop() // before Start: nothing to do

	var started, ended atomic.Int32
	run := func(ctx context.Context) {
		started.Add(1)
		<-ctx.Done()
		ended.Add(1)
	}
	s.Start(context.Background(), run, run)
	s.Start(context.Background(), run) // already running: ignored
	if !s.Running() {
		t.Fatal("not running after Start")
	}
	s.Stop()
	if started.Load() != 2 || ended.Load() != 2 {
		t.Errorf("started %d, ended %d; want 2 and 2 when Stop returns", started.Load(), ended.Load())
	}
	s.Stop() // twice: nothing to do
	if s.Running() {
		t.Error("running after Stop")
	}
}
