package webhook

import (
	"log/slog"
	"sync"
	"time"
)

// DefaultRefusalLogEvery is how often a repeated refusal is logged: the
// first at once, then one line per interval with how many came meanwhile.
const DefaultRefusalLogEvery = time.Minute

// Refusals is what /readyz reports of refused deliveries: requests that
// carried a Stedi event but not the credentials, since the last delivery
// that was accepted. A sender with the wrong secret (a Stedi credential
// set that does not match ML_WEBHOOK_SECRET, a simulator started before it
// was exported) shows here, while scanners posting junk do not.
type Refusals struct {
	Deliveries int       `json:"deliveries"` // Stedi events refused since the last accepted one
	First      time.Time `json:"first,omitzero"`
	Last       time.Time `json:"last,omitzero"`
	LastFrom   string    `json:"last_from,omitempty"`
	Accepted   time.Time `json:"last_accepted,omitzero"` // the last delivery committed
}

// refusalLog counts refused requests and logs them without one line per
// request: 1,500 refusals make one line at once and one per interval after,
// each with the count.
type refusalLog struct {
	logger *slog.Logger
	every  time.Duration
	now    func() time.Time
	after  func(time.Duration, func()) // time.AfterFunc; the summary of a burst

	mu      sync.Mutex
	reasons map[string]*burst
	status  Refusals
}

// burst is the refusals of one reason since its last log line.
type burst struct {
	logged  time.Time
	pending int
	remote  string
	detail  string // the last one's, e.g. why its event was malformed
	timer   bool
}

func newRefusalLog(logger *slog.Logger, every time.Duration, now func() time.Time) *refusalLog {
	return &refusalLog{logger: logger, every: every, now: now, reasons: map[string]*burst{},
		after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
}

// refused records one refused request; delivery says it carried a Stedi
// event.
func (l *refusalLog) refused(reason, detail, remote string, delivery bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if delivery {
		if l.status.Deliveries == 0 {
			l.status.First = now
		}
		l.status.Deliveries++
		l.status.Last, l.status.LastFrom = now, remote
	}
	b := l.reasons[reason]
	if b == nil {
		b = &burst{}
		l.reasons[reason] = b
	}
	b.remote, b.detail = remote, detail
	if b.logged.IsZero() || now.Sub(b.logged) >= l.every {
		b.pending++
		l.logLocked(reason, b, now)
		return
	}
	b.pending++
	if !b.timer {
		b.timer = true
		l.after(l.every-now.Sub(b.logged), func() { l.flush(reason) })
	}
}

// flush logs what a burst of one reason left unlogged.
func (l *refusalLog) flush(reason string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.reasons[reason]; b != nil {
		b.timer = false
		if b.pending > 0 {
			l.logLocked(reason, b, l.now())
		}
	}
}

func (l *refusalLog) logLocked(reason string, b *burst, now time.Time) {
	attrs := []any{"last_from", b.remote}
	if b.detail != "" {
		attrs = append(attrs, "last_error", b.detail)
	}
	if b.logged.IsZero() {
		l.logger.Warn("webhook refused: "+reason, attrs...)
	} else {
		l.logger.Warn("webhook refused: "+reason, append(attrs, "count", b.pending, "since", b.logged.Format(time.RFC3339))...)
	}
	b.logged, b.pending = now, 0
}

// accepted records a delivery committed to the inbox.
func (l *refusalLog) accepted() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.status = Refusals{Accepted: l.now()}
}

func (l *refusalLog) snapshot() Refusals {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.status
}
