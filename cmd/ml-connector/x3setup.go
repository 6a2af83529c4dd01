package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// x3Needs are the X3 capabilities this configuration uses: polling POs
// with their lines, writing 855s, recording 856s on the configured route,
// and polling supplier invoices when a partner receives 810s.
func x3Needs(cfg config.Config) []core.X3Capability {
	needs := []core.X3Capability{core.CapPollPOs, core.CapReadLines, core.CapWrite855, core.CapRecord856}
	for _, p := range cfg.Partners {
		if p.TransactionSettings["810"] != "" {
			return append(needs, core.CapPollInvoices)
		}
	}
	return needs
}

// startX3Setup runs discovery for the engine and the inbox, when the X3
// client can discover: it holds what the site lacks the setup for, and
// wakes them once the setup is done. nil when the client cannot discover.
func startX3Setup(ctx context.Context, cfg config.Config, db *store.DB, x3 any, eng *core.Engine, in *inboundSide,
	bus *core.Bus, log *slog.Logger) (*core.X3Setup, error) {
	d, ok := x3.(core.X3Discoverer)
	if !ok {
		log.Info("this Sage X3 client does not discover the site's setup; ml-connector check tries each route for real", "api", cfg.X3.APIName())
		return nil, db.SetControl(ctx, core.ControlX3SetupPaused, "", "engine") // a pause of an earlier run on another API
	}
	s := &core.X3Setup{Discoverer: d, Needs: x3Needs(cfg), Store: db, Probe: time.Minute, Bus: bus,
		Logger: log.With("part", "discovery"), Resumed: func() { in.Inbox.Wake(); eng.Poller.PollNow() }}
	eng.Poller.Setup, in.Inbox.Setup = s, s
	return s, s.Start(ctx)
}
