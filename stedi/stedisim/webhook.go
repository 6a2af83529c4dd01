package stedisim

import (
	"encoding/base64"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Webhook defaults, as Stedi documents them (stedi-api.md §5.1).
const (
	defaultRetries       = 4
	defaultRetryInterval = 90 * time.Second
	defaultHookTimeout   = 5 * time.Second
)

// Credential is how webhook deliveries authenticate to the receiver: an
// APIKey or Basic. A nil Credential is Stedi's "None", which sends
// x-stedi-noauth: dummy.
type Credential interface {
	apply(h http.Header)
}

// APIKey sends Value in the header named Header (e.g. Authorization with
// "Bearer …", or X-Api-Key).
type APIKey struct {
	Header, Value string
}

func (k APIKey) apply(h http.Header) { h.Set(k.Header, k.Value) }

// Basic sends HTTP Basic credentials.
type Basic struct {
	User, Password string
}

func (b Basic) apply(h http.Header) {
	h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(b.User+":"+b.Password)))
}

// WebhookConfig is the one webhook of the simulated account. It receives
// transaction.processed.v2 for inbound transactions and file.failed.v2.
type WebhookConfig struct {
	URL        string
	Credential Credential
	// Retries after a failed first attempt; 0 means the documented 4,
	// negative means none. Then the event goes to the error queue.
	Retries int
	// RetryInterval between attempts; default 90 s.
	RetryInterval time.Duration
	// Timeout of one attempt; default 5 s. A slower answer is a failure.
	Timeout time.Duration
	// DuplicateRate is the probability that a delivered event is
	// delivered once more; ReorderRate that an event is held back and
	// sent after the next one. Both draw from Seed.
	DuplicateRate, ReorderRate float64
	Seed                       int64
	// IncludeOutbound also sends transaction.processed.v2 for the 850s
	// the simulator accepted, as Stedi does for outbound transactions.
	IncludeOutbound bool
	// EventDestinationSecret, when set (whsec_…), makes the webhook one
	// of Stedi's Event Destinations (destination.go): thin v1.event
	// bodies signed with it, instead of the webhook envelope with
	// Credential. PreviousEventSecret signs too, as during a rotation.
	EventDestinationSecret, PreviousEventSecret string
	// OnDelivery, if set, is called after every attempt (and every
	// dropped event) from the delivery goroutine; it must not block.
	OnDelivery func(Delivery)
}

func (c WebhookConfig) withDefaults() WebhookConfig {
	switch {
	case c.Retries == 0:
		c.Retries = defaultRetries
	case c.Retries < 0:
		c.Retries = 0
	}
	if c.RetryInterval <= 0 {
		c.RetryInterval = defaultRetryInterval
	}
	if c.Timeout <= 0 {
		c.Timeout = defaultHookTimeout
	}
	return c
}

// Outcome is what became of one delivery attempt.
type Outcome string

const (
	Delivered   Outcome = "delivered"   // the receiver answered 2xx
	Retrying    Outcome = "retrying"    // failed; another attempt is scheduled
	ErrorQueued Outcome = "error-queue" // failed for the last time; see WebhookErrors
	Dropped     Outcome = "dropped"     // webhooks were paused; the event is gone
)

// Delivery is one attempt to deliver one event.
type Delivery struct {
	EventID         string
	EventType       string // transaction.processed.v2 or file.failed.v2
	TransactionID   string // "" for file events
	FileExecutionID string
	Attempt         int  // 1 for the first attempt at an event (or at its duplicate)
	Duplicate       bool // a second delivery of an event already delivered
	Status          int  // the receiver's HTTP status; 0 when none came back
	Err             string
	Outcome         Outcome
	At              time.Time // wall clock
}

// WebhookError is an event in the error queue: every attempt failed.
type WebhookError struct {
	EventID, EventType, TransactionID, FileExecutionID string
	Attempts                                           int
	LastStatus                                         int
	LastError                                          string
	Payload                                            []byte // the body that was POSTed
}

// SetWebhook sets (or replaces) the account's webhook. Events emitted
// from now on are delivered to it once Start runs.
func (s *Server) SetWebhook(cfg WebhookConfig) {
	h := s.hooks
	cfg = cfg.withDefaults()
	h.mu.Lock()
	h.cfg = &cfg
	h.rng = rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5eed))
	h.client = &http.Client{Timeout: cfg.Timeout}
	h.mu.Unlock()
	h.poke()
}

// PauseWebhooks models an outage of the receiver's side (a tunnel down):
// until ResumeWebhooks, every attempt that falls due is dropped, not
// queued. Catching up is the receiver's business.
func (s *Server) PauseWebhooks() { s.hooks.setPaused(true) }

// ResumeWebhooks ends PauseWebhooks.
func (s *Server) ResumeWebhooks() { s.hooks.setPaused(false) }

// Deliveries returns every attempt so far, oldest first.
func (s *Server) Deliveries() []Delivery {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return slices.Clone(s.hooks.log)
}

// WebhookErrors returns the error queue: events whose every attempt failed.
func (s *Server) WebhookErrors() []WebhookError {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return slices.Clone(s.hooks.failed)
}

// SetPublicURL sets the scheme and host that events use in artifact URLs
// (default DefaultPublicURL), e.g. the httptest server's URL.
func (s *Server) SetPublicURL(u string) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	s.hooks.public = u
}

func (s *Server) publicBase() string {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return s.hooks.public
}

// webhooks holds the webhook, its queue, its log and its error queue.
type webhooks struct {
	mu      sync.Mutex
	cfg     *WebhookConfig // nil: no webhook
	client  *http.Client
	rng     *rand.Rand
	paused  bool
	public  string
	pending []*pending
	log     []Delivery
	failed  []WebhookError
	wake    chan struct{} // capacity 1: "the queue changed"

	deauthorized bool // the receiver answered 401 (deauth.go)
}

// pending is one event waiting for its next attempt.
type pending struct {
	ev       *event
	attempts int
	due      time.Time // wall clock
	dup      bool
	held     bool // already held back once for reordering
}

func newWebhooks() *webhooks {
	return &webhooks{public: DefaultPublicURL, wake: make(chan struct{}, 1)}
}

func (h *webhooks) poke() {
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

func (h *webhooks) setPaused(p bool) {
	h.mu.Lock()
	h.paused = p
	h.mu.Unlock()
	h.poke()
}

func (h *webhooks) wantsOutbound() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cfg != nil && h.cfg.IncludeOutbound
}

// enqueue queues events for delivery, together, so that a batch is visible
// to the delivery goroutine (and to reordering) at once. Without a webhook
// events are not kept, as with Stedi.
func (h *webhooks) enqueue(evs ...*event) {
	if len(evs) == 0 {
		return
	}
	h.mu.Lock()
	if h.cfg == nil {
		h.mu.Unlock()
		return
	}
	now := time.Now()
	for _, e := range evs {
		if e.outbound && !h.cfg.IncludeOutbound {
			continue
		}
		h.pending = append(h.pending, &pending{ev: e, due: now})
	}
	h.mu.Unlock()
	h.poke()
}
