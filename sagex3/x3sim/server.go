// Package x3sim simulates the Sage X3 api1 web API (Syracuse REST with
// SData-style JSON) for purchase orders, suppliers and supplier invoices. It is a plain
// http.Handler used by tests, by the demo and by `ml-connector sim x3`.
//
// It follows the documented api1 shapes (see docs/sagex3-api.md §1, §6):
// feeds with $resources and $links.$next.$url, $details records with
// embedded child arrays, partial-merge $edit, Basic auth and $diagnoses
// error envelopes. It never special-cases any particular client.
//
// Beside api1 it serves, over the same data, the GraphQL API (POST
// /xtrem/api and the cloud form /v1/service/{endPoint}/api: package x3gql,
// wired through Config.GraphQLAPI; x3sim authenticates, graphqlapi.go),
// the connected-application JWT check (connectedapp.go) and the cloud
// token API (cloudtoken.go), with token lifetimes on Config.Now (see Clock).
package x3sim

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mlconnector/ml-connector/internal/faultinject"
)

// Config sets up a simulator. Every field is optional.
type Config struct {
	Folder   string // Syracuse endpoint in the URL; default "SEED"
	User     string // Basic-auth user; default "admin"
	Password string // Basic-auth password; default "admin"
	Seed     int64  // makes the generated data repeatable
	// Now is the simulator's clock, so tests control UPDDATTIM; default time.Now.
	Now func() time.Time
	// Faults, when set, sits in front of the handler to inject failures.
	Faults *faultinject.Injector
	// Site is the setup the simulated X3 has (site.go); default SiteConfigured.
	Site Site
	// Names of the site's representations and collections (site.go).
	Names Names
	// RefuseDateTimeLiterals makes a date-time literal in where a syntax
	// error (400), as on a server that takes date literals only.
	RefuseDateTimeLiterals bool
	// GraphQL names the schema's parts where releases differ (graphqlnames.go).
	GraphQL GraphQLNames
	// GraphQLAPI builds the GraphQL API the simulator serves (x3gql.New);
	// nil serves none: its paths answer 404.
	GraphQLAPI func(*Server, GraphQLSite) GraphQLHandler
}

// Server is the simulator. It is safe for concurrent use.
type Server struct {
	cfg     Config
	handler http.Handler
	// Master data never changes after New, so it needs no lock.
	suppliers     []Supplier // BPSNUM ascending
	supplierTable supplierTable

	mu      sync.RWMutex
	rng     *rand.Rand
	pos     map[string]*PO // never changed in place: writers store a clone
	keys    []string       // POHNUM ascending, for key-ordered paging
	items   []Item
	nextSeq map[string]int    // next PO sequence number per site
	locks   map[string]string // POHNUM -> user holding the record lock
	writes  []Write

	invoices invoiceBook  // supplier invoices (PINVOICE)
	shipSeq  atomic.Int64 // numbers of the shipments api1 creates (shipment.go)

	names Names                                      // the site's names, defaults applied
	reps  atomic.Pointer[map[string]*representation] // by class/name (representation.go); SetSite swaps them

	tokens tokenState // GraphQL and cloud token API: applications and tokens

	graphQL GraphQLHandler // the site's GraphQL API (Config.GraphQLAPI), nil when none
	inbound inboundBook    // purchase receipts and shipments made over GraphQL
}

// Write is one $edit request the simulator received.
type Write struct {
	PO     string          // POHNUM from the URL
	User   string          // the Basic-auth user who sent it
	Time   time.Time       // the simulator clock when it arrived
	Patch  json.RawMessage // the request body verbatim
	Status int             // the HTTP status answered
}

// New returns a simulator with its master data (suppliers, items) in place
// and no purchase orders yet; add them with SeedPurchaseOrders or
// AddPurchaseOrder.
func New(cfg Config) *Server {
	if cfg.Folder == "" {
		cfg.Folder = "SEED"
	}
	if cfg.User == "" {
		cfg.User = "admin"
	}
	if cfg.Password == "" {
		cfg.Password = "admin"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{
		cfg:       cfg,
		rng:       rand.New(rand.NewPCG(uint64(cfg.Seed), 0x58335349)), // "X3SI"
		pos:       map[string]*PO{},
		suppliers: masterSuppliers(),
		items:     masterItems(),
		nextSeq:   map[string]int{},
		locks:     map[string]string{},
		names:     cfg.Names.withDefaults(),
	}
	s.SetSite(cfg.site())
	s.supplierTable = newSupplierTable(s.suppliers)
	names := cfg.GraphQL.withDefaults()
	if cfg.GraphQLAPI != nil {
		s.graphQL = cfg.GraphQLAPI(s, GraphQLSite{Site: cfg.site(), Names: names, Folder: cfg.Folder})
	}
	s.handler = http.HandlerFunc(s.serve)
	if cfg.Faults != nil {
		s.handler = cfg.Faults.Wrap(s.handler)
	}
	return s
}

// ServeHTTP answers one api1 request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// serve authenticates, routes and dispatches one request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if s.serveModern(w, r) {
		return
	}
	user, err := s.authenticate(r)
	if err != nil {
		writeUnauthorized(w, err)
		return
	}
	rt, err := parseRoute(r, s.cfg.Folder)
	if err != nil {
		writeError(w, err)
		return
	}
	rt.refuseDateTime = s.cfg.RefuseDateTimeLiterals
	s.dispatch(w, r, rt, user)
}

// Now reads the clock at the precision X3 stores update stamps.
func (s *Server) Now() time.Time {
	return stampTime(s.cfg.Now())
}

// SetSite changes how far the site's api1 is set up, as an X3
// administrator would while it runs (docs/x3-setup.md): what the next
// api1 request sees. The GraphQL schema stays the one New built.
func (s *Server) SetSite(site Site) {
	reps := siteRepresentations(site, s.names)
	s.reps.Store(&reps)
}
