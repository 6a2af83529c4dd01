// Package faultinject wraps a simulator's http.Handler with the failures real
// services show: error statuses, slow answers, and connections dropped before
// or after the server committed the request. Both simulators use it for tests
// and for the demo's "a few failures to replay".
package faultinject

import (
	"bytes"
	"math/rand"
	"net/http"
	"sync"
	"time"
)

// Fault is one kind of failure.
type Fault struct {
	Status  int           // answer with this status instead of calling the handler
	Body    string        // body sent with Status (JSON)
	Header  http.Header   // extra headers sent with Status (e.g. Retry-After)
	Latency time.Duration // delay before handling
	// DropBeforeCommit closes the connection without calling the handler.
	DropBeforeCommit bool
	// DropAfterCommit calls the handler (so its write is committed) and then
	// closes the connection instead of sending the response.
	DropAfterCommit bool
	// LatencyAfterCommit calls the handler and holds its answer back this
	// long: the write is done while the client still waits, as over a
	// slow network. A client that goes away meanwhile never gets it.
	LatencyAfterCommit time.Duration
}

// Rule applies a Fault to a share of the matching requests.
type Rule struct {
	Match func(*http.Request) bool // nil matches every request
	Rate  float64                  // probability in [0,1]
	Fault Fault
}

// Injector decides, request by request, whether to inject a fault. The zero
// value is not usable; call New.
type Injector struct {
	mu       sync.Mutex
	rng      *rand.Rand
	rules    []Rule
	queued   []Rule // one-shot faults, applied to the next matching requests in order
	injected int
}

// New returns an Injector whose random choices follow seed, so a test run
// is repeatable.
func New(seed int64) *Injector {
	return &Injector{rng: rand.New(rand.NewSource(seed))}
}

// SetRules replaces the probabilistic rules.
func (in *Injector) SetRules(rules ...Rule) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rules = rules
}

// AddRules appends probabilistic rules after the present ones.
func (in *Injector) AddRules(rules ...Rule) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rules = append(in.rules, rules...)
}

// Next queues a fault for the next n requests that match.
func (in *Injector) Next(n int, match func(*http.Request) bool, f Fault) {
	in.mu.Lock()
	defer in.mu.Unlock()
	for range n {
		in.queued = append(in.queued, Rule{Match: match, Rate: 1, Fault: f})
	}
}

// Injected reports how many faults were injected so far.
func (in *Injector) Injected() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.injected
}

func (in *Injector) pick(r *http.Request) (Fault, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	for i, q := range in.queued {
		if q.Match == nil || q.Match(r) {
			in.queued = append(in.queued[:i], in.queued[i+1:]...)
			in.injected++
			return q.Fault, true
		}
	}
	for _, rule := range in.rules {
		if rule.Match != nil && !rule.Match(r) {
			continue
		}
		if in.rng.Float64() < rule.Rate {
			in.injected++
			return rule.Fault, true
		}
	}
	return Fault{}, false
}

// Wrap returns h with fault injection in front of it.
func (in *Injector) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := in.pick(r)
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		if f.Latency > 0 {
			select {
			case <-time.After(f.Latency):
			case <-r.Context().Done():
				return
			}
		}
		switch {
		case f.DropBeforeCommit:
			drop(w)
		case f.DropAfterCommit:
			h.ServeHTTP(&heldWriter{header: http.Header{}}, r)
			drop(w)
		case f.LatencyAfterCommit > 0:
			held := &heldWriter{header: http.Header{}}
			h.ServeHTTP(held, r)
			select {
			case <-time.After(f.LatencyAfterCommit):
				held.send(w)
			case <-r.Context().Done():
			}
		case f.Status != 0:
			for k, vs := range f.Header {
				w.Header()[k] = vs
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.Status)
			_, _ = w.Write([]byte(f.Body))
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// drop closes the client connection without an HTTP response.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// heldWriter lets a handler run to completion while its answer is held
// back, to be lost or sent later.
type heldWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (d *heldWriter) Header() http.Header         { return d.header }
func (d *heldWriter) Write(b []byte) (int, error) { return d.body.Write(b) }
func (d *heldWriter) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}

// send writes the held answer to w.
func (d *heldWriter) send(w http.ResponseWriter) {
	for k, vs := range d.header {
		w.Header()[k] = vs
	}
	if d.status != 0 {
		w.WriteHeader(d.status)
	}
	_, _ = w.Write(d.body.Bytes())
}
