package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/store"
)

// commonFlags are the flags every command takes.
type commonFlags struct {
	config string
	db     string
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	def := os.Getenv("ML_CONFIG")
	if def == "" {
		def = "ml-connector.toml"
	}
	fs.StringVar(&c.config, "config", def, "configuration file")
	fs.StringVar(&c.db, "db", "", "database file (default: the configuration's database)")
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// errNoSetup explains how to start when there is nothing to run against.
func errNoSetup(path string) error {
	return fmt.Errorf(`no configuration at %s.
To see ml-connector work without Sage X3 or Stedi accounts:  ml-connector demo  (or demo --headless without a screen)
To start a configuration for your systems:                   ml-connector init --config %s`, path, path)
}

// loadConfig reads the configuration, turning a missing file into advice.
func loadConfig(path string) (config.Config, error) {
	cfg, err := config.Load(path, os.Getenv)
	if errors.Is(err, config.ErrNoConfig) {
		return cfg, errNoSetup(path)
	}
	return cfg, err
}

// openStore opens the database named by --db, or else by the configuration.
func openStore(ctx context.Context, c commonFlags) (*store.DB, error) {
	path := c.db
	if path == "" {
		cfg, err := config.Load(c.config, os.Getenv)
		if errors.Is(err, config.ErrNoConfig) {
			return nil, fmt.Errorf("no --db given and %w", errNoSetup(c.config))
		}
		if cfg.Database == "" {
			return nil, fmt.Errorf("no --db given and no database in %s", c.config)
		}
		path = cfg.Database // secrets may be absent here: reading needs none
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w (run the daemon or the demo first, or pass --db)", path, err)
	}
	return store.Open(ctx, path)
}

// newLogger builds the process logger; json for log collectors.
func newLogger(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(strings.ToUpper(level)))
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// operator names the person behind a command, for the audit trail.
func operator(prefix string) string {
	name := os.Getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return prefix + ":" + name
}

// documentIDArg reads the one document ID a command takes.
func documentIDArg(fs *flag.FlagSet, cmd string) (int64, error) {
	if fs.NArg() != 1 {
		return 0, fmt.Errorf("%s takes one document ID", cmd)
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("document ID %q is not a number", fs.Arg(0))
	}
	return id, nil
}
