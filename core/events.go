package core

import (
	"sync"
	"time"
)

// Event tells watchers (the terminal UI, logs, tests) that something
// happened. Events are hints: the store stays the source of truth.
type Event struct {
	At      time.Time
	DocID   int64
	Kind    Kind
	Key     string
	Action  string // queued, sent, retry, failed, poll, paused, resumed, ...
	State   State
	Message string
}

// ActionDeferred is the event of a document put back to wait for another
// (an 856 for the 855 of its PO): a retry that is no failure.
const ActionDeferred = "deferred"

// ActionTokenRefresh is the event of one token request to a system (Key);
// Message holds the error of a failed one.
const ActionTokenRefresh = "token_refresh"

// Bus fans events out to subscribers without ever blocking the engine: a
// subscriber that falls behind loses events, not the engine's time.
type Bus struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

// NewBus returns an empty bus.
func NewBus() *Bus { return &Bus{subs: map[chan Event]struct{}{}} }

// Subscribe returns a channel of events and a function to stop receiving.
func (b *Bus) Subscribe(buffer int) (<-chan Event, func()) {
	ch := make(chan Event, buffer)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// Publish delivers e to every subscriber that has room for it.
func (b *Bus) Publish(e Event) {
	if b == nil {
		return
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}
