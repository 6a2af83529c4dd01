package tunnel_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/tunnel"
)

type fakeControls struct {
	mu     sync.Mutex
	values map[string]string
	writes int
}

func (f *fakeControls) SetControl(_ context.Context, name, value, _ string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.values[name] != value {
		f.writes++
	}
	f.values[name] = value
	return nil
}

func (f *fakeControls) get(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.values[name]
}

func nextTunnelEvent(t *testing.T, events <-chan core.Event) core.Event {
	t.Helper()
	for {
		select {
		case e := <-events:
			if e.Action == "tunnel" {
				return e
			}
		case <-time.After(30 * time.Second):
			t.Fatal("no tunnel event")
		}
	}
}

func TestRecorder_WritesStateChangesToTheStoreAndTheBus(t *testing.T) {
	tr := tunnel.NewTracker("ngrok")
	db := &fakeControls{values: map[string]string{}}
	bus := core.NewBus()
	events, unsubscribe := bus.Subscribe(16)
	defer unsubscribe()
	rec := &tunnel.Recorder{Tracker: tr, Store: db, Bus: bus}
	rec.Start(context.Background())

	tr.Set(tunnel.StateConnecting, "", "")
	tr.Set(tunnel.StateOnline, "https://acme.ngrok.app/webhooks/stedi", "")
	if e := nextTunnelEvent(t, events); e.Message != "ngrok online https://acme.ngrok.app/webhooks/stedi" {
		t.Errorf("event %q", e.Message)
	}
	if db.get(tunnel.ControlState) != "online" || db.get(tunnel.ControlURL) != "https://acme.ngrok.app/webhooks/stedi" {
		t.Errorf("controls %v", db.values)
	}

	tr.Set(tunnel.StateReconnecting, "", "session closed")
	nextTunnelEvent(t, events)
	if db.get(tunnel.ControlState) != "reconnecting: session closed" || db.get(tunnel.ControlURL) == "" {
		t.Errorf("controls while reconnecting %v", db.values)
	}

	tr.Set(tunnel.StateStopped, "", "")
	rec.Stop()
	if db.get(tunnel.ControlState) != "stopped" || db.get(tunnel.ControlURL) != "" {
		t.Errorf("controls after stop %v", db.values)
	}
	// online (2 writes), reconnecting (1), stopped (2); connecting wrote nothing.
	if db.writes != 5 {
		t.Errorf("%d control writes, want 5", db.writes)
	}
}
