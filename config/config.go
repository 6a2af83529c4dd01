// Package config reads ml-connector's configuration: one TOML file for
// everything but secrets, which come from environment variables so they
// never sit in a file that gets copied, mailed or committed.
package config

import (
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Environment variables that carry secrets.
const (
	EnvX3Password = "ML_X3_PASSWORD"
	EnvStediKey   = "ML_STEDI_API_KEY"
)

// Config is the whole configuration.
type Config struct {
	Database string            `toml:"database"`
	X3       X3                `toml:"x3"`
	Stedi    Stedi             `toml:"stedi"`
	Engine   Engine            `toml:"engine"`
	Buyer    Party             `toml:"buyer"`
	Sites    map[string]Party  `toml:"sites"`
	Buyers   map[string]string `toml:"buyers"`
	Units    map[string]string `toml:"units"`
	Partners []Partner         `toml:"partners"`
	Log      Log               `toml:"log"`
	Tunnel   Tunnel            `toml:"tunnel"` // tunnel.go
	Admin    Admin             `toml:"admin"`  // admin.go
	Alerts   Alerts            `toml:"alerts"` // alerts.go
	// Deadlines of partners' acknowledgments (deadlines.go).
	Deadlines Deadlines `toml:"deadlines"`

	Webhook Webhook `toml:"webhook"` // webhook.go, with Inbound
	Inbound Inbound `toml:"inbound"`
}

// X3 is the Sage X3 connection.
type X3 struct {
	URL          string   `toml:"url"`
	Folder       string   `toml:"folder"`
	User         string   `toml:"user"`
	Password     string   `toml:"-"` // from ML_X3_PASSWORD
	PollInterval Duration `toml:"poll_interval"`
	Overlap      Duration `toml:"overlap"`
	PageSize     int      `toml:"page_size"`
	Timeout      Duration `toml:"timeout"`
	X3API                 // x3auth.go: x3.api, x3.graphql_url, x3.graphql_root, [x3.auth]
	REST         X3REST   `toml:"rest"` // x3names.go: [x3.rest], the api1 names of the site
}

// Stedi is the Stedi connection.
type Stedi struct {
	URL               string   `toml:"url"`
	APIKey            string   `toml:"-"` // from ML_STEDI_API_KEY
	Timeout           Duration `toml:"timeout"`
	IdempotencyWindow Duration `toml:"idempotency_window"` // exactlyonce.go
}

// Engine tunes the outbound pipeline.
type Engine struct {
	Workers     int      `toml:"workers"`
	MaxAttempts int      `toml:"max_attempts"`
	BackoffBase Duration `toml:"backoff_base"`
	BackoffMax  Duration `toml:"backoff_max"`
}

// Party is a name and address used in N1 loops.
type Party struct {
	Name        string `toml:"name"`
	IDQualifier string `toml:"id_qualifier"`
	ID          string `toml:"id"`
	Address1    string `toml:"address1"`
	Address2    string `toml:"address2"`
	City        string `toml:"city"`
	State       string `toml:"state"`
	PostalCode  string `toml:"postal_code"`
	Country     string `toml:"country"`
}

// Partner maps an X3 supplier to its Stedi partnership.
type Partner struct {
	Supplier            string            `toml:"supplier"`
	PartnershipID       string            `toml:"partnership_id"`
	TransactionSettings map[string]string `toml:"transaction_settings"`
	SupplierIDQualifier string            `toml:"supplier_id_qualifier"`
	SupplierID          string            `toml:"supplier_id"`
	// RequireSupplierPart: the partner matches lines on its own part
	// number, so lines without ITMREFBPS fail the preflight.
	RequireSupplierPart bool `toml:"require_supplier_part"`
	// Deadlines over [deadlines] for this partner (deadlines.go).
	Deadlines      Deadlines `toml:"deadlines"`
	PartnerGuides            // partnerguides.go: release, releases, guides, test
	PartnerChanges           // partnerchanges.go: change_set
}

// Log configures logging.
type Log struct {
	Level  string `toml:"level"`  // debug, info, warn, error
	Format string `toml:"format"` // text or json
}

// Duration is a time.Duration written as "90s", "5m" or "1h30m".
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration back in Go notation.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Default returns the configuration every file starts from.
func Default() Config {
	return Config{
		Database: "ml-connector.db",
		X3: X3{PollInterval: Duration{time.Minute}, Overlap: Duration{5 * time.Minute}, PageSize: 100,
			Timeout: Duration{30 * time.Second}},
		Stedi: Stedi{URL: "https://core.us.stedi.com/2023-08-01", Timeout: Duration{30 * time.Second},
			IdempotencyWindow: Duration{core.DefaultIdempotencyWindow}},
		Engine: Engine{Workers: 4, MaxAttempts: 8, BackoffBase: Duration{2 * time.Second}, BackoffMax: Duration{10 * time.Minute}},
		Log:    Log{Level: "info", Format: "text"},
		Tunnel: defaultTunnel(), Admin: defaultAdmin(), Alerts: defaultAlerts(),
		Webhook: defaultWebhook(), Inbound: defaultInbound(),
	}
}

// Partners converts the partner list for the engine.
func (c Config) CorePartners() core.Partners {
	ps := core.Partners{}
	for _, p := range c.Partners {
		settings := map[core.Kind]string{}
		for set, id := range p.TransactionSettings {
			settings[core.Kind(set)] = id
		}
		cp := core.Partner{Supplier: p.Supplier, PartnershipID: p.PartnershipID,
			TransactionSettings: settings, SupplierIDQualifier: p.SupplierIDQualifier, SupplierIDOverride: p.SupplierID,
			RequireSupplierPart: p.RequireSupplierPart}
		p.PartnerGuides.apply(&cp)
		p.PartnerChanges.apply(&cp)
		ps[p.Supplier] = cp
	}
	return ps
}

// MapConfig converts the parties, units and buyers for the mapping.
func (c Config) MapConfig() core.MapConfig {
	sites := map[string]core.Party{}
	for code, s := range c.Sites {
		sites[code] = s.core()
	}
	return core.MapConfig{Buyer: c.Buyer.core(), Sites: sites, Units: c.Units, BuyerContacts: c.Buyers}
}

func (p Party) core() core.Party {
	return core.Party{Name: p.Name, IDQualifier: p.IDQualifier, ID: p.ID, Address1: p.Address1, Address2: p.Address2,
		City: p.City, State: p.State, PostalCode: p.PostalCode, Country: p.Country}
}
