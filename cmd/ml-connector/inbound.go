package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

// inboundSide is the return path: the webhook receiver (a handler that
// the daemon's endpoint serves, see service.go), the inbox processor
// that writes 855s and 856s into X3, and the catch-up from Stedi's
// transaction list.
type inboundSide struct {
	Handler http.Handler // nil when no webhook secret is configured
	Inbox   *core.Inbox
	CatchUp *core.CatchUp
}

// newInbound wires the inbound path. It uses the poller's partners and
// mapping, so a write-back is hashed the way the poller hashes.
func newInbound(cfg config.Config, db *store.DB, erp core.ERP, writer core.ERPWriter, edi core.EDIInbox,
	bus *core.Bus, log *slog.Logger) (*inboundSide, error) {
	in := &inboundSide{}
	in.Inbox = &core.Inbox{
		EDI: edi, ERP: erp, Writer: writer, Store: db, Partners: cfg.CorePartners(), Map: cfg.MapConfig(),
		ASNTarget: cfg.Inbound.ASNTargetOf(), Workers: cfg.Inbound.Workers, MaxAttempts: cfg.Engine.MaxAttempts,
		Backoff: core.Backoff{Base: cfg.Engine.BackoffBase.Duration, Max: cfg.Engine.BackoffMax.Duration},
		Lease:   2*(cfg.X3.Timeout.Duration+cfg.Stedi.Timeout.Duration) + 30*time.Second,
		Bus:     bus, Logger: log.With("part", "inbox"), Now: time.Now, Apply855Changes: cfg.Inbound.Apply855Changes,
	}
	if sw, ok := writer.(core.ShipmentWriter); ok {
		in.Inbox.Shipments = sw // inbound.asn_target shipment or receipt
	}
	var err error
	if in.Inbox.TestX3, err = testFolder(cfg); err != nil { // testfolder.go
		return nil, err
	}
	in.CatchUp = &core.CatchUp{
		EDI: edi, Store: db, Interval: cfg.Inbound.CatchUpInterval.Duration, Overlap: cfg.Inbound.CatchUpOverlap.Duration,
		FirstLookback: cfg.Inbound.FirstLookback.Duration, Found: in.Inbox.Wake,
		Bus: bus, Logger: log.With("part", "catchup"), Now: time.Now,
		Silence: webhookSilence(cfg),
	}
	if !cfg.Webhook.Enabled() {
		log.Warn("no webhook secret: webhooks cannot authenticate, so none are received; inbound documents come by catch-up only",
			"env", config.EnvWebhookSecret, "catchup_interval", cfg.Inbound.CatchUpInterval.Duration.String())
		return in, nil
	}
	w := cfg.Webhook
	h, err := webhook.New(webhook.Config{Path: w.Path, Auth: w.Auth, Header: w.Header, User: w.User, Secret: w.Secret, EventSecret: w.EventSecret, MaxBody: w.MaxBody},
		db, webhook.Options{Stored: in.Inbox.Wake, Logger: log.With("part", "webhook"), Bus: bus})
	if err != nil {
		return nil, err
	}
	in.Handler = h
	return in, nil
}

// webhookSilence is how long the catch-up lets inbound transactions go
// undelivered by webhooks before it says Stedi is not delivering; 0 when
// no webhook endpoint runs, since then none are expected.
func webhookSilence(cfg config.Config) time.Duration {
	if !cfg.Webhook.Enabled() || cfg.Tunnel.Provider == config.TunnelNone {
		return 0
	}
	return cfg.Inbound.WebhookSilence.Duration
}

// Start starts the processor, then the catch-up (whose first pass runs at once).
func (in *inboundSide) Start(ctx context.Context) error {
	if err := in.Inbox.Start(ctx); err != nil {
		return err
	}
	return in.CatchUp.Start(ctx)
}

// Stop stops the catch-up, then lets the processor finish what it applies.
func (in *inboundSide) Stop() {
	in.CatchUp.Stop()
	in.Inbox.Stop()
}
