package tunnel

import (
	"sync"
	"time"
)

// State is where a tunnel stands.
type State string

const (
	StateStarting     State = "starting"     // not opened yet
	StateConnecting   State = "connecting"   // an Open is under way; Err holds its last failure
	StateOnline       State = "online"       // requests can reach the handler at URL
	StateReconnecting State = "reconnecting" // the ngrok session dropped; the SDK is reconnecting
	StateOffline      State = "offline"      // Open failed; Service tries again later
	StateStopped      State = "stopped"      // closed on purpose
)

// Status is the state of the way in, as shown to operators. It never holds
// a secret: errors are redacted before they get here.
type Status struct {
	Provider string    `json:"provider"`
	State    State     `json:"state"`
	URL      string    `json:"url,omitempty"`   // the webhook URL to give Stedi, when known
	Error    string    `json:"error,omitempty"` // the last failure, empty when online
	Since    time.Time `json:"since"`           // when State last changed
}

// StatusSource is what readers of the tunnel state need (the terminal UI
// header, the metrics, the alerts).
type StatusSource interface {
	Status() Status
}

// Tracker holds the current Status. Set never blocks, so it can be called
// from the ngrok SDK's event handler; watchers learn about changes through
// Changed and then read Status.
type Tracker struct {
	mu      sync.Mutex
	st      Status
	changed chan struct{}
	now     func() time.Time
}

// NewTracker returns a tracker in StateStarting.
func NewTracker(provider string) *Tracker {
	t := &Tracker{changed: make(chan struct{}, 1), now: time.Now}
	t.st = Status{Provider: provider, State: StateStarting, Since: t.now()}
	return t
}

// Status returns the current status.
func (t *Tracker) Status() Status {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.st
}

// Changed is signalled (coalesced) after every change. It has one reader:
// the process's status recorder.
func (t *Tracker) Changed() <-chan struct{} { return t.changed }

// Set records a new state. URL is kept from the previous status when the
// new one has none, so a reconnecting tunnel still shows its address.
func (t *Tracker) Set(state State, url, errText string) {
	t.mu.Lock()
	if url == "" && state != StateStopped {
		url = t.st.URL
	}
	if t.st.State == state && t.st.URL == url && t.st.Error == errText {
		t.mu.Unlock()
		return
	}
	since := t.st.Since
	if t.st.State != state {
		since = t.now()
	}
	t.st = Status{Provider: t.st.Provider, State: state, URL: url, Error: errText, Since: since}
	t.mu.Unlock()
	select {
	case t.changed <- struct{}{}:
	default:
	}
}
