// Package stedisim is an in-process simulator of Stedi's EDI Core API, as
// documented (the project's research notes, stedi-api.md): generate-edi
// with authentication, request validation, partner checks of the Guide JSON,
// X12 rendering, per-partnership control numbers and idempotency. On the
// inbound side it plays the trading partners, who answer accepted 850s
// with 855s and 856s as their PartnerProfile says, and Stedi's processing
// of what they send: transactions with their X12 and Guide JSON
// (GET /transactions, pre-signed downloads) and webhook events with
// retries, duplicates and an error queue. It serves the project's tests,
// the demo, and `ml-connector sim stedi`. It follows the documented API
// only and never special-cases the project's client.
package stedisim

import (
	"maps"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mlconnector/ml-connector/internal/faultinject"
)

// APIVersion is the path prefix of the Core API; the simulator serves every
// route with and without it, so a client may use either base URL.
const APIVersion = "/2023-08-01"

// Config sets up a Server. Only APIKeys is needed for a working simulator;
// partnerships can be added later with AddPartnership.
type Config struct {
	APIKeys      []string
	Partnerships map[string]Partnership
	Now          func() time.Time      // default time.Now
	Faults       *faultinject.Injector // optional: wraps the whole handler
	// IdempotencyTTL is how long a completed request can be replayed;
	// default 24h, as documented.
	IdempotencyTTL time.Duration
	// Hold, when set, is called with the request's Idempotency-Key ("" if
	// none) after the key is marked in flight and before the request
	// completes, so a test can hold one request and provoke a 409.
	Hold func(idempotencyKey string)

	// When the simulated partners answer an accepted 850, on the Now
	// clock: the 855 after AckAfter, the (first) 856 after ShipAfter, the
	// second 856 of a partial shipment after SecondShipmentAfter (but not
	// before the first), all counted from the 850's acceptance. Zero means
	// at once: at the next ProcessDue.
	AckAfter, ShipAfter, SecondShipmentAfter time.Duration
	// FunctionalAckAfter is when the partners' translators send their
	// 997s after a file arrives (PartnerProfile.FA); zero: at once.
	FunctionalAckAfter time.Duration
	// SchedulerTick is how often Start runs ProcessDue (wall time);
	// default 200 ms.
	SchedulerTick time.Duration
	// Seed makes the ids of inbound transactions, files and events
	// repeatable; 0 picks a random seed.
	Seed int64
}

// Partnership is one local profile paired with one partner profile.
type Partnership struct {
	LocalISAQual, LocalISAID     string // ISA05/ISA06 of outbound files
	PartnerISAQual, PartnerISAID string // ISA07/ISA08
	LocalAppID, PartnerAppID     string // GS02/GS03
	TransactionSettings          map[string]TransactionSetting
}

// TransactionSetting binds a transaction setting id to a set and release.
type TransactionSetting struct {
	SetID     string // e.g. "850"
	Release   string // e.g. "005010"
	Direction string // "outbound" or "inbound"
	// Schema is the JSON Schema of the setting's guide: generate-edi
	// refuses (400) a transaction that does not validate against it. Nil
	// checks only what every guide needs (check.go).
	Schema []byte
}

// Direction values of a TransactionSetting.
const (
	Outbound = "outbound"
	Inbound  = "inbound"
)

// Server simulates the Core API. It is an http.Handler and safe for
// concurrent use.
type Server struct {
	keys    map[string]bool
	now     func() time.Time
	hold    func(string)
	handler http.Handler

	mu           sync.RWMutex
	partnerships map[string]partnership

	idem     *idemStore
	accepted acceptedLog

	// The inbound side: partners, Stedi's processing, transactions,
	// webhooks. inboundMu serializes file processing, so files are
	// numbered in the order they arrive.
	tick      time.Duration
	ids       idSource
	signer    presigner
	desk      *partnerDesk
	inboundMu sync.Mutex
	seen      map[[32]byte]int // files processed, by content hash
	txs       txStore
	hooks     *webhooks
	life      lifecycle
}

// partnership is a Partnership with its outbound control number counter.
// The counter is a pointer so AddPartnership can replace the settings of a
// known partnership without resetting its numbering.
type partnership struct {
	Partnership
	counter *atomic.Int64
	guides  map[string]guideSchema // by transaction setting id (guidecheck.go)
}

// New returns a Server for cfg.
func New(cfg Config) *Server {
	s := &Server{
		keys:         map[string]bool{},
		now:          cfg.Now,
		hold:         cfg.Hold,
		partnerships: map[string]partnership{},
		idem:         newIdemStore(cfg.IdempotencyTTL),
		tick:         cfg.SchedulerTick,
		ids:          newIDSource(cfg.Seed),
		desk:         newPartnerDesk(delays{cfg.AckAfter, cfg.ShipAfter, cfg.SecondShipmentAfter, cfg.FunctionalAckAfter}),
		seen:         map[[32]byte]int{},
		hooks:        newWebhooks(),
	}
	s.signer = presigner{key: s.ids.secret("download-urls")}
	if s.now == nil {
		s.now = time.Now
	}
	if s.tick <= 0 {
		s.tick = defaultSchedulerTick
	}
	for _, k := range cfg.APIKeys {
		s.keys[k] = true
	}
	for id, p := range cfg.Partnerships {
		s.AddPartnership(id, p)
	}
	s.handler = s.routes()
	if cfg.Faults != nil {
		s.handler = cfg.Faults.Wrap(s.handler)
	}
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// AddPartnership adds or replaces a partnership. Replacing keeps the
// partnership's control number sequence, as Stedi keeps it on the
// partnership.
func (s *Server) AddPartnership(id string, p Partnership) {
	p.TransactionSettings = maps.Clone(p.TransactionSettings)
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.partnerships[id]
	if !ok {
		old.counter = new(atomic.Int64)
	}
	s.partnerships[id] = partnership{Partnership: p, counter: old.counter, guides: compileGuides(p.TransactionSettings)}
}

func (s *Server) partnership(id string) (partnership, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.partnerships[id]
	return p, ok
}
