package core

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// ControlX3SetupPaused holds why work with Sage X3 waits for the site's
// setup (a representation, facet, collection or property a capability
// needs and discovery did not find); empty when nothing waits. The
// capabilities that can work go on: a missing acknowledgment
// representation holds the write-back, not the polling.
const ControlX3SetupPaused = "x3.setup.paused"

// defaultSetupProbe is how often discovery runs again while something is
// missing or discovery itself failed.
const defaultSetupProbe = time.Minute

// X3Gate tells the workers which capabilities the X3 site, as last
// discovered, cannot serve. X3Setup implements it.
type X3Gate interface {
	// Blocked says why c cannot work ("" when it can, or nothing is known yet).
	Blocked(c X3Capability) string
	// Refused is told that X3 refused a write of capability c for good. It
	// discovers again and returns Blocked(c): missing setup explains the
	// refusal when it is not "".
	Refused(ctx context.Context, c X3Capability) string
}

// X3SetupStore keeps the latest discovery and the pause it implies.
type X3SetupStore interface {
	ControlStore
	SaveX3Discovery(ctx context.Context, d X3Discovery) error
	LatestX3Discovery(ctx context.Context) (X3Discovery, bool, error)
}

// X3Setup runs discovery at start, again after a refused write, and every
// Probe while something is missing, so that work held for a missing setup
// goes out by itself once an administrator has done it. Each result is
// kept in the store; ControlX3SetupPaused says what waits and why.
type X3Setup struct {
	Discoverer X3Discoverer
	Needs      []X3Capability // what this configuration uses
	Store      X3SetupStore
	Probe      time.Duration // default 1m
	// Resumed is called when a capability that was blocked works again
	// (the inbox's Wake, the poller's PollNow).
	Resumed func()
	Bus     *Bus
	Logger  *slog.Logger

	svc     lifecycle.Service
	again   chan struct{}
	mu      sync.Mutex // one discovery at a time
	state   atomic.Pointer[X3Discovery]
	failing atomic.Bool // the last discovery failed: try again at the next probe
}

var _ X3Gate = (*X3Setup)(nil)

// Start takes the stored discovery as what is known, then discovers at
// once and again whenever something is missing.
func (s *X3Setup) Start(ctx context.Context) error {
	s.Probe = cmpOr(s.Probe, defaultSetupProbe)
	s.again = make(chan struct{}, 1)
	if d, ok, err := s.Store.LatestX3Discovery(ctx); err == nil && ok {
		s.state.Store(&d)
	}
	return s.svc.Start(ctx, s.loop)
}

// Stop stops the probes.
func (s *X3Setup) Stop() { s.svc.Stop() }

func (s *X3Setup) loop(ctx context.Context) {
	lifecycle.Every(ctx, s.Probe, s.again, func(ctx context.Context) {
		if d := s.state.Load(); d == nil || s.failing.Load() || len(d.Blocked()) > 0 {
			s.Discover(ctx) //nolint:errcheck // logged; tried again at the next probe
		}
	})
}

// Blocked says why c cannot work on the site as last discovered.
func (s *X3Setup) Blocked(c X3Capability) string {
	d := s.state.Load()
	if d == nil {
		return ""
	}
	return describeBlocked(c, d.Blocked()[c])
}

// Refused discovers again after X3 refused a write of capability c.
func (s *X3Setup) Refused(ctx context.Context, c X3Capability) string {
	if _, err := s.Discover(ctx); err != nil {
		return ""
	}
	return s.Blocked(c)
}

// Discover asks X3 what it has, keeps the answer, and pauses or resumes
// the capabilities it decides.
func (s *X3Setup) Discover(ctx context.Context) (X3Discovery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.Discoverer.Discover(ctx, s.Needs)
	if err != nil {
		if !s.failing.Swap(true) && ctx.Err() == nil {
			s.Logger.Warn("Sage X3 discovery failed; what X3 has set up is checked again later", "err", err)
		}
		return d, err
	}
	s.failing.Store(false)
	if err := s.Store.SaveX3Discovery(ctx, d); err != nil {
		s.Logger.Error("keep the Sage X3 discovery", "err", err)
	}
	prev := s.state.Swap(&d)
	s.announce(ctx, prev, d)
	return d, nil
}

// announce logs what changed since the previous discovery (each missing
// optional object once), and sets or lifts the pause.
func (s *X3Setup) announce(ctx context.Context, prev *X3Discovery, d X3Discovery) {
	var before map[string]bool
	if prev != nil {
		before = missingNames(*prev)
	}
	for _, it := range d.Items {
		if it.Status == SetupMissing && !before[string(it.Capability)+"\x00"+it.Name] {
			level := slog.LevelError
			if it.Optional {
				level = slog.LevelWarn
			}
			s.Logger.Log(ctx, level, "Sage X3 lacks an object the connector uses", "capability", it.Capability,
				"object", it.Name, "optional", it.Optional, "fix", it.Fix)
		}
	}
	reason := pauseReason(d)
	was, _, _ := s.Store.Control(ctx, ControlX3SetupPaused)
	if reason == was {
		return
	}
	if err := s.Store.SetControl(ctx, ControlX3SetupPaused, reason, "discovery"); err != nil {
		s.Logger.Error("record the Sage X3 setup pause", "err", err)
		return
	}
	if reason == "" {
		s.Logger.Info("Sage X3 has every object the connector uses; work held for its setup resumes")
		s.Bus.Publish(Event{Action: "resumed", Message: "Sage X3 setup complete"})
		if s.Resumed != nil {
			s.Resumed()
		}
		return
	}
	s.Logger.Error("work with Sage X3 waits for its setup (docs/x3-setup.md)", "reason", reason)
	s.Bus.Publish(Event{Action: "paused", Message: reason})
	if was != "" && s.Resumed != nil {
		s.Resumed() // some capability may have come back while another is still missing
	}
}

func missingNames(d X3Discovery) map[string]bool {
	out := map[string]bool{}
	for _, it := range d.Items {
		if it.Status == SetupMissing {
			out[string(it.Capability)+"\x00"+it.Name] = true
		}
	}
	return out
}

// pauseReason is the operator's message for what waits: one clause per
// blocked capability, in a fixed order.
func pauseReason(d X3Discovery) string {
	blocked := d.Blocked()
	caps := make([]X3Capability, 0, len(blocked))
	for c := range blocked {
		caps = append(caps, c)
	}
	slices.Sort(caps)
	var parts []string
	for _, c := range caps {
		parts = append(parts, describeBlocked(c, blocked[c]))
	}
	return strings.Join(parts, "; ")
}

func describeBlocked(c X3Capability, items []X3SetupItem) string {
	if len(items) == 0 {
		return ""
	}
	var what []string
	for _, it := range items {
		s := it.Name + " is missing"
		if it.Fix != "" {
			s += " (" + it.Fix + ")"
		}
		what = append(what, s)
	}
	return fmt.Sprintf("%s waits for Sage X3 setup: %s", c, strings.Join(what, ", "))
}
