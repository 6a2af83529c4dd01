package alert

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/core"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// maxBacklog bounds the messages kept for a notifier that keeps failing.
const maxBacklog = 20

// Manager evaluates the sources periodically and whenever the engine
// reports a failure or a pause, and notifies about what changed.
type Manager struct {
	Sources   []Source
	Notifiers []Notifier
	Bus       *core.Bus     // optional: failures and pauses trigger an evaluation at once
	Interval  time.Duration // default 30s
	Name      string        // names this install in messages; default the host name
	Logger    *slog.Logger
	Now       func() time.Time
	// Memory, when set, keeps what was announced and what is still to be
	// delivered in the store (memory.go); without it a restart announces
	// the problems still present once more.
	Memory Memory

	mu      sync.Mutex
	loaded  bool
	active  map[string]Problem   // announced and not cleared, by source-prefixed key
	backlog map[string][]Message // per notifier: not delivered yet
	svc     lifecycle.Service
}

// Report is what one evaluation changed.
type Report struct {
	Raised, Cleared []Problem
}

func (m *Manager) defaults() {
	m.Interval = cmp.Or(m.Interval, 30*time.Second)
	m.Logger = cmp.Or(m.Logger, slog.New(slog.DiscardHandler))
	if m.Now == nil {
		m.Now = time.Now
	}
	if m.Name == "" {
		m.Name, _ = os.Hostname()
	}
	if m.active == nil {
		m.active, m.backlog = map[string]Problem{}, map[string][]Message{}
	}
}

// Evaluate asks every source, announces new and cleared problems, and
// retries messages not delivered before.
func (m *Manager) Evaluate(ctx context.Context) Report {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.defaults()
	if !m.recall(ctx) { // memory.go: what an earlier run announced
		return Report{}
	}
	current := m.current(ctx, m.Now())
	var r Report
	for _, k := range sortedKeys(current) {
		if _, ok := m.active[k]; !ok {
			r.Raised = append(r.Raised, keyed(k, current[k]))
		}
	}
	for _, k := range sortedKeys(m.active) {
		if _, ok := current[k]; !ok {
			r.Cleared = append(r.Cleared, keyed(k, m.active[k]))
		}
	}
	if len(r.Raised)+len(r.Cleared) > 0 {
		msg := compose(m.Name, r)
		if !m.remember(ctx, r, msg) { // memory.go: kept before anything is announced
			m.deliver(ctx)
			return Report{}
		}
		m.Logger.Info("alert", "subject", msg.Subject)
		for _, p := range r.Raised {
			m.active[p.Key] = current[p.Key]
		}
		for _, p := range r.Cleared {
			delete(m.active, p.Key)
		}
		if m.Memory == nil {
			for _, n := range m.Notifiers {
				m.backlog[n.Name()] = append(m.backlog[n.Name()], msg)
			}
		}
	}
	m.deliver(ctx)
	return r.unkeyed(current)
}

// current asks every source for its problems, by source-prefixed key.
func (m *Manager) current(ctx context.Context, now time.Time) map[string]Problem {
	current := map[string]Problem{}
	for _, s := range m.Sources {
		probs, err := s.Problems(ctx, now)
		if err != nil {
			m.Logger.Warn("alert source failed; keeping its earlier problems", "source", s.Name, "err", err)
			for k, p := range m.active {
				if strings.HasPrefix(k, s.Name+":") {
					current[k] = p
				}
			}
			continue
		}
		for _, p := range probs {
			current[s.Name+":"+p.Key] = p
		}
	}
	return current
}

// keyed is p under its source-prefixed key, as the report carries it
// until the caller gets it back with the source's own key.
func keyed(k string, p Problem) Problem {
	p.Key = k
	return p
}

// unkeyed gives the report's problems back their source's own keys.
func (r Report) unkeyed(current map[string]Problem) Report {
	out := Report{}
	for _, p := range r.Raised {
		out.Raised = append(out.Raised, current[p.Key])
	}
	for _, p := range r.Cleared {
		cleared := p
		_, cleared.Key, _ = strings.Cut(p.Key, ":")
		out.Cleared = append(out.Cleared, cleared)
	}
	return out
}

// deliver sends each notifier's backlog in order, stopping at its first
// failure; the rest waits for the next evaluation.
func (m *Manager) deliver(ctx context.Context) {
	if m.Memory != nil {
		m.deliverStored(ctx) // memory.go
		return
	}
	for _, n := range m.Notifiers {
		queue := m.backlog[n.Name()]
		for len(queue) > 0 {
			if err := m.notify(ctx, n, queue[0]); err != nil {
				m.Logger.Warn("alert not delivered; will retry", "via", n.Name(), "err", err)
				break
			}
			queue = queue[1:]
		}
		if len(queue) > maxBacklog {
			m.Logger.Warn("alert backlog full; dropping the oldest", "via", n.Name(), "dropped", len(queue)-maxBacklog)
			queue = queue[len(queue)-maxBacklog:]
		}
		m.backlog[n.Name()] = queue
	}
}

// notify delivers one message, bounded in time.
func (m *Manager) notify(ctx context.Context, n Notifier, msg Message) error {
	nctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return n.Notify(nctx, msg)
}

// Start evaluates at once, then every Interval and after engine events
// that may raise or clear a problem.
func (m *Manager) Start(ctx context.Context) error {
	if m.svc.Running() {
		return nil
	}
	m.mu.Lock()
	m.defaults()
	m.mu.Unlock()
	var events <-chan core.Event
	unsubscribe := func() {}
	if m.Bus != nil {
		events, unsubscribe = m.Bus.Subscribe(256)
	}
	return m.svc.Start(ctx, func(ctx context.Context) {
		defer unsubscribe()
		m.loop(ctx, events)
	})
}

// Stop ends the loop and waits for an evaluation in progress.
func (m *Manager) Stop() { m.svc.Stop() }

func (m *Manager) loop(ctx context.Context, events <-chan core.Event) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case e := <-events:
			if !relevant(e) {
				continue
			}
		}
		m.Evaluate(ctx)
		t.Reset(m.Interval)
	}
}

// relevant reports events after which the problems may have changed.
func relevant(e core.Event) bool {
	switch e.Action {
	case string(core.StateFailed), string(core.StateSent), "paused", "resumed", "replayed", "tunnel",
		"webhook_silent", "webhook_delivering",
		core.ActionOverdue, string(core.StateApplied): // an acknowledgment late, or one that came
		return true
	}
	return e.State == core.StateFailed
}

func sortedKeys(m map[string]Problem) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// maxListed bounds the problems listed in one message.
const maxListed = 20

func compose(name string, r Report) Message {
	var subject string
	switch {
	case len(r.Raised) == 1 && len(r.Cleared) == 0:
		subject = "PROBLEM: " + r.Raised[0].Title
	case len(r.Raised) == 0 && len(r.Cleared) == 1:
		subject = "CLEARED: " + r.Cleared[0].Title
	default:
		subject = fmt.Sprintf("%d new problem(s), %d cleared", len(r.Raised), len(r.Cleared))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ml-connector on %s\n", name)
	list := func(label string, ps []Problem) {
		for i, p := range ps {
			if i == maxListed {
				fmt.Fprintf(&b, "… and %d more %s\n", len(ps)-maxListed, strings.ToLower(label))
				break
			}
			fmt.Fprintf(&b, "\n%s: %s\n", label, p.Title)
			if p.Detail != "" {
				fmt.Fprintf(&b, "  %s\n", p.Detail)
			}
		}
	}
	list("PROBLEM", r.Raised)
	list("CLEARED", r.Cleared)
	return Message{Subject: fmt.Sprintf("[ml-connector %s] %s", name, subject), Text: b.String()}
}
