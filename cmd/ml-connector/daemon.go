package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// runRoot is `ml-connector [--daemon]`.
func runRoot(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("ml-connector", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	c.register(fs)
	daemon := fs.Bool("daemon", false, "run the engine headless")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*daemon {
		return runUI(ctx, c, stdout)
	}
	cfg, err := loadConfig(c.config)
	if err != nil {
		return err
	}
	if c.db != "" {
		cfg.Database = c.db
	}
	log := newLogger(stderr, cfg.Log.Level, cfg.Log.Format)
	return runDaemon(ctx, cfg, log, nil)
}

// runDaemon runs the engine until ctx ends (SIGINT/SIGTERM), then drains.
// ui, when not nil, is the terminal UI shown over the running engine (ui.go).
func runDaemon(ctx context.Context, cfg config.Config, log *slog.Logger, ui *uiRun) error {
	db, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer db.Close()
	bus := core.NewBus()
	x3, st, err := newClients(cfg, bus, log)
	if err != nil {
		return err
	}
	eng := newEngine(cfg, db, x3, st, bus, log)
	endpoint := tunnel.NewTracker(cfg.Tunnel.Provider) // where webhooks come in, also for attached UIs (service.go)
	pres, err := startPresence(ctx, db, eng, bus, log, withEndpoint(describeEngine(cfg, x3), endpoint))
	if err != nil {
		return err
	}
	defer pres.Stop()
	in, err := newInbound(cfg, db, x3, x3, st, bus, log) // inbound.go
	if err != nil {
		return err
	}
	svc, err := startServices(ctx, cfg, db, bus, x3, st, in.Handler, endpoint, log) // service.go
	if err != nil {
		return err
	}
	defer svc.stop()
	setup, err := startX3Setup(ctx, cfg, db, x3, eng, in, bus, log) // x3setup.go: discovery holds what X3 lacks the setup for
	if err != nil {
		return err
	}
	if setup != nil {
		defer setup.Stop()
	}
	if err := eng.Start(ctx); err != nil {
		return err
	}
	if err := in.Start(ctx); err != nil {
		return err
	}
	log.Info("ml-connector running", "database", cfg.Database, "x3", cfg.X3.URL, "folder", cfg.X3.Folder,
		"stedi", cfg.Stedi.URL, "partners", len(cfg.Partners))
	ui.start(db, bus, eng, pres)
	<-ctx.Done()
	log.Info("stopping: finishing in-flight sends")
	svc.stopWebhooks()
	if err := stopWithin(drainBound(cfg), func() { in.Stop(); eng.Stop() }, log); err != nil { // drain.go
		return err
	}
	log.Info("stopped")
	return nil
}
