package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
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
	cfg, err := loadConfig(c.config)
	if err != nil {
		return err
	}
	if c.db != "" {
		cfg.Database = c.db
	}
	if !*daemon {
		return fmt.Errorf("the terminal UI is not part of this build yet; run the engine headless with: ml-connector --daemon --config %s", c.config)
	}
	log := newLogger(stderr, cfg.Log.Level, cfg.Log.Format)
	return runDaemon(ctx, cfg, log)
}

// runDaemon runs the engine until ctx ends (SIGINT/SIGTERM), then drains.
func runDaemon(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer db.Close()
	x3, st, err := newClients(cfg)
	if err != nil {
		return err
	}
	eng := newEngine(cfg, db, x3, st, core.NewBus(), log)
	if err := eng.Start(ctx); err != nil {
		return err
	}
	log.Info("ml-connector running", "database", cfg.Database, "x3", cfg.X3.URL, "folder", cfg.X3.Folder,
		"stedi", cfg.Stedi.URL, "partners", len(cfg.Partners))
	<-ctx.Done()
	log.Info("stopping: finishing in-flight sends")
	eng.Stop()
	log.Info("stopped")
	return nil
}
