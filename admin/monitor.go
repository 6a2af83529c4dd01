package admin

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// Monitor runs probes at start and then periodically, and keeps their
// last outcomes: /readyz, the metrics and the alerts read those instead of
// calling X3 or Stedi for every request.
type Monitor struct {
	Probes []Probe
	Every  time.Duration // default 1m
	Logger *slog.Logger

	mu      sync.Mutex
	last    map[string]Outcome
	checked chan struct{} // closed after the first round
	svc     lifecycle.Service
}

// Start runs a first round in the background, then one every Every.
func (m *Monitor) Start(ctx context.Context) error {
	m.mu.Lock()
	m.init()
	m.mu.Unlock()
	return m.svc.Start(ctx, m.loop)
}

// Stop ends the periodic checks and waits for a round in progress.
func (m *Monitor) Stop() { m.svc.Stop() }

func (m *Monitor) init() {
	m.Every = cmp.Or(m.Every, time.Minute)
	m.Logger = cmp.Or(m.Logger, slog.New(slog.DiscardHandler))
	if m.last == nil {
		m.last = map[string]Outcome{}
		m.checked = make(chan struct{})
	}
}

func (m *Monitor) loop(ctx context.Context) {
	lifecycle.Every(ctx, m.Every, nil, func(ctx context.Context) { m.RunOnce(ctx) })
}

// RunOnce runs every probe now and records the outcomes.
func (m *Monitor) RunOnce(ctx context.Context) []Outcome {
	m.mu.Lock()
	m.init()
	m.mu.Unlock()
	outs := RunAll(ctx, m.Probes)
	if ctx.Err() != nil {
		return outs // cut short by shutdown: not a finding
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, o := range outs {
		prev, seen := m.last[o.Part]
		o.Since = o.At
		if seen && prev.Result == o.Result {
			o.Since = prev.Since
		}
		if !seen || prev.Result != o.Result {
			m.logChange(o)
		}
		m.last[o.Part] = o
		outs[i] = o
	}
	select {
	case <-m.checked:
	default:
		close(m.checked)
	}
	return outs
}

func (m *Monitor) logChange(o Outcome) {
	if o.Passed() {
		m.Logger.Info("check passed", "check", o.Part, "detail", o.Detail)
		return
	}
	m.Logger.Warn("check failed", "check", o.Part, "err", o.Detail, "advice", o.Advice)
}

// Checked is closed once the first round has finished.
func (m *Monitor) Checked() <-chan struct{} {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	return m.checked
}

// Outcomes returns the last outcome of each probe, in the probes' order;
// a probe not run yet is missing.
func (m *Monitor) Outcomes() []Outcome {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Outcome
	for _, p := range m.Probes {
		if o, ok := m.last[p.Part]; ok {
			out = append(out, o)
		}
	}
	return out
}

// Ready reports whether every probe has run and passed.
func (m *Monitor) Ready() bool {
	outs := m.Outcomes()
	if len(outs) < len(m.Probes) {
		return false
	}
	for _, o := range outs {
		if !o.Passed() {
			return false
		}
	}
	return true
}

// Passing returns part → passed, for the metrics.
func (m *Monitor) Passing() map[string]bool {
	out := map[string]bool{}
	for _, o := range m.Outcomes() {
		out[o.Part] = o.Passed()
	}
	return out
}
