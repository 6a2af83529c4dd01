package stedisim

import (
	"net/http"
	"testing"
	"time"
)

func TestIdempotentReplay(t *testing.T) {
	f := setup(t, nil)
	b := body(SamplePO850("PO-1", 1))
	first := f.do(req{idemKey: "k1", body: b})
	decodeOK(t, first)
	again := f.do(req{idemKey: "k1", body: b})
	if again.status != 200 || string(again.body) != string(first.body) || again.header.Get("idempotent-replayed") != "true" {
		t.Errorf("replay: %d %q replayed=%q", again.status, again.body, again.header.Get("idempotent-replayed"))
	}
	if first.header.Get("idempotent-replayed") != "" {
		t.Error("first answer marked as replayed")
	}
	// Both URL forms are the same resource.
	if r := f.do(req{path: "/x12/partnerships/" + testPID + "/generate-edi", idemKey: "k1", body: b}); r.header.Get("idempotent-replayed") != "true" {
		t.Errorf("replay via the unversioned path: %d", r.status)
	}
	if n := f.sim.AcceptedCount(); n != 1 {
		t.Errorf("accepted %d, want 1", n)
	}
}

func TestIdempotentMismatch(t *testing.T) {
	f := setup(t, nil)
	decodeOK(t, f.do(req{idemKey: "k1", body: body(SamplePO850("PO-1", 1))}))
	r := f.do(req{idemKey: "k1", body: body(SamplePO850("PO-2", 1))})
	if msg, code := errorBody(t, r); r.status != http.StatusUnprocessableEntity || msg == "" || code == "" {
		t.Errorf("other body, same key: %d %s", r.status, r.body)
	}
	if r := f.do(req{path: "/x12/partnerships/other/generate-edi", idemKey: "k1", body: body(SamplePO850("PO-1", 1))}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("other path, same key: %d", r.status)
	}
	if n := f.sim.AcceptedCount(); n != 1 {
		t.Errorf("accepted %d, want 1", n)
	}
}

func TestIdempotentInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	f := setup(t, func(c *Config) {
		c.Hold = func(key string) {
			if key == "held" {
				close(entered)
				<-release
			}
		}
	})
	b := body(SamplePO850("PO-1", 1))
	done := make(chan reply)
	go func() { done <- f.do(req{idemKey: "held", body: b}) }()
	<-entered
	r := f.do(req{idemKey: "held", body: b})
	if msg, _ := errorBody(t, r); r.status != http.StatusConflict || r.header.Get("Retry-After") != "1" || msg == "" {
		t.Errorf("while in flight: %d Retry-After %q %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	close(release)
	decodeOK(t, <-done)
	if r := f.do(req{idemKey: "held", body: b}); r.header.Get("idempotent-replayed") != "true" {
		t.Errorf("after completion: %d, not a replay", r.status)
	}
	if n := f.sim.AcceptedCount(); n != 1 {
		t.Errorf("accepted %d, want 1", n)
	}
}

func TestIdempotentErrorsNotStored(t *testing.T) {
	f := setup(t, nil)
	b := body(SamplePO850("PO-1", 1))
	r := f.do(req{path: "/x12/partnerships/later/generate-edi", idemKey: "k1", body: b})
	if r.status != http.StatusNotFound {
		t.Fatalf("unknown partnership: %d", r.status)
	}
	f.sim.AddPartnership("later", DemoPartnership("ME", "LATER"))
	r = f.do(req{path: "/x12/partnerships/later/generate-edi", idemKey: "k1", body: b})
	decodeOK(t, r)
	if r.header.Get("idempotent-replayed") != "" {
		t.Error("a retry after an error was answered as a replay")
	}
}

func TestIdempotencyTTL(t *testing.T) {
	f := setup(t, func(c *Config) { c.IdempotencyTTL = time.Hour })
	b := body(SamplePO850("PO-1", 1))
	decodeOK(t, f.do(req{idemKey: "k1", body: b}))
	f.clock.Add(time.Hour - time.Second)
	if r := f.do(req{idemKey: "k1", body: b}); r.header.Get("idempotent-replayed") != "true" {
		t.Errorf("within the TTL: not a replay")
	}
	f.clock.Add(time.Second)
	if r := f.do(req{idemKey: "k1", body: b}); r.status != 200 || r.header.Get("idempotent-replayed") != "" {
		t.Errorf("after the TTL: %d replayed=%q", r.status, r.header.Get("idempotent-replayed"))
	}
	if n := f.sim.CountByDocument()["PO-1"]; n != 2 {
		t.Errorf("PO-1 accepted %d times, want 2 (the key executes again after the TTL)", n)
	}
}
