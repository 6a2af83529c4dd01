// Package admin is the daemon's face to the people and programs that look
// after it: checks that try each part for real (shared by the `check`
// command and the periodic checks behind /readyz), and the local admin
// HTTP endpoint with /healthz, /readyz and /metrics.
package admin

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Result says how a check went.
type Result string

const (
	OK   Result = "OK"
	Fail Result = "FAIL"
	Skip Result = "SKIP" // not configured: nothing to try
	Warn Result = "WARN" // works, but someone should look (webhooks.go)
)

// Outcome is what one check found.
type Outcome struct {
	Part   string          `json:"part"`
	Result Result          `json:"result"`
	Tried  string          `json:"tried"`            // what was tried, in words
	Detail string          `json:"detail,omitempty"` // what came back: what was found, or the error
	Advice string          `json:"advice,omitempty"` // what to do about a failure
	Class  core.ErrorClass `json:"class,omitempty"`  // the failure's class, when classified
	At     time.Time       `json:"at"`
	// Since is when Result last changed (periodic checks only).
	Since time.Time `json:"since,omitzero"`
}

// Passed reports whether the outcome does not stand in the way (OK, SKIP or WARN).
func (o Outcome) Passed() bool { return o.Result != Fail }

// Probe tries one part. Run must honour ctx; RunAll bounds it anyway.
type Probe struct {
	Part    string
	Timeout time.Duration // default 15s
	Run     func(ctx context.Context) Outcome
}

// grace is how long RunAll waits past a probe's timeout before it gives
// up on a Run that ignores its context.
const grace = 2 * time.Second

// RunAll runs the probes in parallel, each under its own timeout, and
// returns their outcomes in the probes' order. It never takes much longer
// than the longest timeout, whatever the network does.
func RunAll(ctx context.Context, probes []Probe) []Outcome {
	out := make([]Outcome, len(probes))
	var wg sync.WaitGroup
	for i, p := range probes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = runOne(ctx, p)
		}()
	}
	wg.Wait()
	return out
}

func runOne(ctx context.Context, p Probe) Outcome {
	timeout := cmp.Or(p.Timeout, 15*time.Second)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan Outcome, 1)
	go func() { done <- p.Run(ctx) }()
	var o Outcome
	select {
	case o = <-done:
	case <-time.After(timeout + grace):
		o = Outcome{Result: Fail, Detail: fmt.Sprintf("no answer within %s", timeout),
			Advice: "the part hangs: check the network path to it", Class: core.Transient}
	}
	o.Part = p.Part
	if o.At.IsZero() {
		o.At = time.Now()
	}
	return o
}
