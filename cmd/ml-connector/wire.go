package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/x12"
)

// newClients builds the Sage X3 and Stedi clients from the configuration.
// bus, when not nil, hears of every X3 token request (for the metrics);
// log, when not nil, what the X3 client says once.
func newClients(cfg config.Config, bus *core.Bus, log *slog.Logger) (sagex3.API, *stedi.Client, error) {
	x3, err := newX3Client(cfg, httpClient(cfg.X3.Timeout.Duration), bus, log) // x3client.go: REST or GraphQL
	if err != nil {
		return nil, nil, err
	}
	st, err := stedi.New(stedi.Config{BaseURL: cfg.Stedi.URL, APIKey: cfg.Stedi.APIKey,
		HTTPClient: httpClient(cfg.Stedi.Timeout.Duration)})
	if err != nil {
		return nil, nil, err
	}
	return x3, st, nil
}

// httpClient keeps enough idle connections for the worker pool and bounds
// every request, so a hung peer cannot hold a document's lease forever.
func httpClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	return &http.Client{Timeout: timeout, Transport: tr}
}

// outboundEDI is what the sender needs of Stedi: sending, and past the
// idempotency window, finding out what was sent (stedi.Client).
type outboundEDI interface {
	core.EDI
	core.OutboundLookup
}

// newEngine wires the outbound pipeline.
func newEngine(cfg config.Config, db *store.DB, erp core.ERP, edi outboundEDI, bus *core.Bus, log *slog.Logger) *core.Engine {
	now := time.Now
	return &core.Engine{
		Store: db, Bus: bus, Logger: log,
		Poller: &core.Poller{
			ERP: erp, Store: db, Partners: cfg.CorePartners(), Map: cfg.MapConfig(), Folder: cfg.X3.Folder,
			Interval: cfg.X3.PollInterval.Duration, Overlap: cfg.X3.Overlap.Duration, Fetchers: 8,
			Bus: bus, Logger: log.With("part", "poller"), Now: now, CheckX12: x12.CheckGuideJSON,
			Absorbed: db, // write-backs of 855s/856s are not echoed (inbound.go)
		},
		Sender: &core.Sender{
			EDI: edi, Store: db, Workers: cfg.Engine.Workers, MaxAttempts: cfg.Engine.MaxAttempts,
			Backoff: core.Backoff{Base: cfg.Engine.BackoffBase.Duration, Max: cfg.Engine.BackoffMax.Duration},
			Lease:   2*cfg.Stedi.Timeout.Duration + 30*time.Second,
			Bus:     bus, Logger: log.With("part", "sender"), Now: now,
			Lookup: edi, Window: cfg.Stedi.IdempotencyWindow.Duration,
			Deadlines: cfg.CoreDeadlines(), // what partners owe once a document is sent
		},
		Watch: &core.AckWatch{Store: db, Bus: bus, Logger: log.With("part", "watch"), Now: now},
	}
}
