// Package demo runs both simulators on loopback with a configuration that
// points the real clients at them, plus a scenario that keeps buyers busy:
// new purchase orders, changes, timestamp-only touches, a Stedi outage, a
// record X3 cannot map until someone fixes it, and a partnership that is
// not set up at Stedi yet. The headless demo and the terminal UI demo both
// use it; tests use it to check the whole program.
package demo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// LocalProfile is the demo company's Stedi profile and ISA id.
const LocalProfile = "NORTHWIND"

// Env is a running pair of simulators and the configuration that reaches them.
type Env struct {
	X3          *x3sim.Server
	Stedi       *stedisim.Server
	X3Faults    *faultinject.Injector
	StediFaults *faultinject.Injector
	Config      config.Config
	// Unready is the supplier whose Stedi partnership is not set up at
	// first: its documents fail until the scenario sets it up.
	Unready x3sim.Supplier
	// ReplayFailed, when set, lets the scenario's operator replay the
	// failed queue late in the story.
	ReplayFailed func(context.Context) (int, error)
	// WebhookURL is where the simulated Stedi delivers its webhooks.
	WebhookURL string

	servers []*http.Server
	webhook webhookSlot // the webhook listener's handler (inbound.go)
	ready   int         // partners set up so far (guides.go)
}

// Options tune the environment.
type Options struct {
	Seed     int64
	Database string
	POs      int // purchase orders in X3 before the engine starts
}

// Start starts both simulators on 127.0.0.1 and builds the configuration.
func Start(opts Options) (*Env, error) {
	e := &Env{X3Faults: faultinject.New(opts.Seed + 1), StediFaults: faultinject.New(opts.Seed + 2)}
	x3Password, stediKey := secret(), secret()
	e.X3 = x3sim.New(x3sim.Config{Folder: "SEED", User: "EDIUSER", Password: x3Password, Seed: opts.Seed, Faults: e.X3Faults, GraphQLAPI: x3gql.New})
	e.Stedi = stedisim.New(stedisim.Config{APIKeys: []string{stediKey}, Faults: e.StediFaults,
		AckAfter: ackAfter, ShipAfter: shipAfter, SecondShipmentAfter: secondShipped, FunctionalAckAfter: faAfter,
		Seed: opts.Seed}) // inbound.go
	x3URL, err := e.serve(e.X3)
	if err != nil {
		return nil, err
	}
	stediURL, err := e.serve(e.Stedi)
	if err != nil {
		e.Close()
		return nil, err
	}
	e.Config = e.buildConfig(x3URL, stediURL+stedisim.APIVersion, opts.Database)
	e.Config.X3.Password, e.Config.Stedi.APIKey = x3Password, stediKey
	if err := e.startInbound(stediURL); err != nil {
		e.Close()
		return nil, err
	}
	if err := e.Config.Validate(); err != nil {
		e.Close()
		return nil, fmt.Errorf("demo configuration: %w", err)
	}
	e.X3.SeedPurchaseOrders(opts.POs)
	e.X3.SeedSupplierInvoices(opts.POs / 4) // self-billing invoices for received POs, and credit memos
	return e, nil
}

// serve runs h on a free loopback port and returns its base URL.
func (e *Env) serve(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("listen on loopback: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	e.servers = append(e.servers, srv)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(err)
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

// Close stops both simulators.
func (e *Env) Close() {
	e.Stedi.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, s := range e.servers {
		_ = s.Shutdown(ctx)
	}
}

// buildConfig puts every EDI supplier of the X3 data set on EDI, with a
// partnership at the Stedi simulator, except one that is left unready.
func (e *Env) buildConfig(x3URL, stediURL, database string) config.Config {
	cfg := config.Default()
	cfg.Database = database
	cfg.X3.URL, cfg.X3.Folder, cfg.X3.User = x3URL, "SEED", "EDIUSER"
	cfg.X3.PollInterval.Duration, cfg.X3.Overlap.Duration = time.Second, 5*time.Second
	cfg.X3.Timeout.Duration, cfg.Stedi.Timeout.Duration = 5*time.Second, 5*time.Second
	cfg.Stedi.URL = stediURL
	cfg.Engine.MaxAttempts = 4
	cfg.Engine.BackoffBase.Duration, cfg.Engine.BackoffMax.Duration = 300*time.Millisecond, 2*time.Second
	cfg.Buyer = config.Party{Name: "Northwind Electronics", IDQualifier: "92", ID: "ELC"}
	cfg.Sites = map[string]config.Party{
		"DC01": {Name: "Northwind DC Columbus", ID: "DC01", Address1: "4100 Logistics Pkwy", City: "Columbus", State: "OH", PostalCode: "43217", Country: "US"},
		"DC02": {Name: "Northwind DC Reno", ID: "DC02", Address1: "1250 Distribution Dr", City: "Reno", State: "NV", PostalCode: "89502", Country: "US"},
	}
	cfg.Buyers = map[string]string{"MRA": "Maria Alvarez", "KLT": "Ken Li-Tran", "DPN": "Dana Patel-Nord"}
	unreadyChosen := false
	for _, s := range e.X3.Suppliers() {
		if !s.EDI {
			continue
		}
		cfg.Partners = append(cfg.Partners, config.Partner{Supplier: s.Code, PartnershipID: s.PartnershipID,
			TransactionSettings: map[string]string{"850": stedisim.DemoSetting850, "810": stedisim.DemoSetting810}})
		if !unreadyChosen {
			e.Unready, unreadyChosen = s, true
			continue
		}
		e.Stedi.AddPartnership(s.PartnershipID, e.onboard(&cfg.Partners[len(cfg.Partners)-1], s)) // guides.go
	}
	return cfg
}

// SetUpUnreadyPartnership creates the missing partnership at Stedi, as an
// administrator would once the supplier's EDI onboarding is done.
func (e *Env) SetUpUnreadyPartnership() {
	e.Stedi.AddPartnership(e.Unready.PartnershipID, stedisim.DemoPartnership(LocalProfile, isaID(e.Unready.Code)))
}

// isaID makes an ISA-friendly id (2–15 characters) of a supplier code.
func isaID(code string) string {
	if len(code) > 15 {
		return code[:15]
	}
	return code
}

// secret returns a random credential, so the demo never ships a known one.
func secret() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
