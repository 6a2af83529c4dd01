package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tui"
)

// runUI is `ml-connector` without --daemon: the terminal UI attached to
// the daemon that runs on the database, or else over an engine of its own.
func runUI(ctx context.Context, c commonFlags, stdout io.Writer) error {
	// A newcomer without a configuration learns how to start first,
	// terminal or not.
	if _, err := os.Stat(c.config); errors.Is(err, fs.ErrNotExist) && c.db == "" {
		return errNoSetup(c.config)
	}
	if err := needTerminal(commandName() + " --daemon"); err != nil {
		return err
	}
	cfg, cfgErr := config.Load(c.config, os.Getenv)
	if c.db != "" {
		cfg.Database = c.db
	}
	// Watching a daemon needs no secrets and no configuration: only the database.
	if db, ok := daemonRunning(ctx, cfg.Database); ok {
		defer db.Close()
		return attachUI(ctx, db, cfg.Database)
	}
	if errors.Is(cfgErr, config.ErrNoConfig) {
		return errNoSetup(c.config)
	}
	if cfgErr != nil {
		return cfgErr
	}
	ui, uctx, logs, err := newUIRun(ctx, cfg.Database, cfg.Database+".log", stdout, commandName()+" --daemon")
	if err != nil {
		return err
	}
	defer ui.close()
	err = runDaemon(uctx, cfg, newLogger(logs, cfg.Log.Level, cfg.Log.Format), ui)
	return errors.Join(err, ui.wait())
}

// needTerminal refuses to draw a UI where nobody can see or drive it.
func needTerminal(headless string) error {
	if term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd()) {
		return nil
	}
	return fmt.Errorf("the terminal UI needs a terminal, and stdin or stdout is not one; to run without a screen: %s", headless)
}

// daemonRunning opens the database if another live engine works on it.
func daemonRunning(ctx context.Context, path string) (*store.DB, bool) {
	if _, err := os.Stat(path); err != nil {
		return nil, false
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, false
	}
	st, ok, err := db.EnginePresence(ctx)
	host, _ := os.Hostname()
	if err != nil || !ok || !st.Fresh(time.Now()) || (st.PID == os.Getpid() && st.Host == host) {
		db.Close()
		return nil, false
	}
	return db, true
}

// attachUI runs the UI beside a daemon: it reads the daemon's heartbeat
// and leaves replays, pauses and poll requests in the database.
func attachUI(ctx context.Context, db *store.DB, title string) error {
	m := tui.New(tui.Options{Store: db, Actions: tui.NewActions(db, operator("operator"), nil), Attached: true, Title: title})
	_, err := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx)).Run()
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil
	}
	return err
}

// uiRun is the terminal UI beside an engine in this process. While the
// UI owns the screen, the engine logs to a file.
type uiRun struct {
	title   string
	logPath string
	logFile *os.File
	out     io.Writer
	ctx     context.Context
	cancel  context.CancelFunc
	done    chan error
}

// newUIRun checks for a terminal and opens the engine's log file. The
// context it returns ends when the operator quits, which stops the engine.
func newUIRun(ctx context.Context, title, logPath string, out io.Writer, headless string) (*uiRun, context.Context, io.Writer, error) {
	if err := needTerminal(headless); err != nil {
		return nil, ctx, nil, err
	}
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, ctx, nil, fmt.Errorf("open the engine log: %w", err)
	}
	u := &uiRun{title: title, logPath: logPath, logFile: f, out: out}
	u.ctx, u.cancel = context.WithCancel(ctx)
	return u, u.ctx, f, nil
}

// start shows the UI over the running engine; nil (headless) does nothing.
func (u *uiRun) start(db *store.DB, bus *core.Bus, eng *core.Engine, pres *core.Presence) {
	if u == nil {
		return
	}
	events, unsubscribe := bus.Subscribe(256)
	m := tui.New(tui.Options{Store: db, Actions: tui.NewActions(db, operator("operator"), eng.Poller.PollNow),
		Events: events, Engine: pres.Snapshot, Title: u.title})
	u.done = make(chan error, 1)
	go func() {
		_, err := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(u.ctx)).Run()
		unsubscribe()
		if err == nil {
			fmt.Fprintf(u.out, "ml-connector: stopping the engine after its in-flight sends (log: %s)\n", u.logPath)
		}
		u.cancel()
		u.done <- err
	}()
}

// wait returns once the UI has given the terminal back.
func (u *uiRun) wait() error {
	if u == nil || u.done == nil {
		return nil
	}
	err := <-u.done
	u.done = nil
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil // the process was told to stop (SIGTERM, --for)
	}
	return err
}

func (u *uiRun) close() {
	if u == nil {
		return
	}
	u.cancel()
	_ = u.wait()
	u.logFile.Close()
}

// startPresence registers the engine on its database before it starts,
// so a second engine on the same database refuses to start and a UI
// opened later attaches instead.
func startPresence(ctx context.Context, db *store.DB, eng *core.Engine, bus *core.Bus, log *slog.Logger,
	describe func(*core.EngineStatus)) (*core.Presence, error) {
	p := &core.Presence{Store: db, Bus: bus, PollNow: eng.Poller.PollNow, Describe: describe, Gone: processGone,
		Logger: log.With("part", "presence")}
	if err := p.Start(ctx); err != nil {
		if errors.Is(err, core.ErrEngineRunning) {
			return nil, fmt.Errorf("%w; watch it with: ml-connector --db %s", err, db.Path())
		}
		return nil, err
	}
	return p, nil
}

// describeEngine tells the UI and attached UIs how the engine reaches its
// systems. x3 is the Sage X3 client: its token expiry shows when it has one.
func describeEngine(cfg config.Config, x3 any) func(*core.EngineStatus) {
	// The GraphQL client exposes TokenExpiry() (zero until the first call
	// and for Basic); the REST client with Basic has none.
	tok, _ := x3.(interface{ TokenExpiry() time.Time })
	return func(s *core.EngineStatus) {
		s.X3, s.X3URL, s.X3Folder = x3Label(cfg), cfg.X3.URL, cfg.X3.Folder // x3client.go
		s.StediURL, s.PollInterval = cfg.Stedi.URL, cfg.X3.PollInterval.Duration
		if tok != nil {
			s.X3TokenExpires = tok.TokenExpiry()
		}
	}
}

// processGone tells whether a process of this host has ended, where /proc
// says so (Linux); elsewhere it never claims to know, and a restart after
// a crash waits for the dead engine's heartbeat to go stale (10 s).
func processGone(pid int) bool {
	if _, err := os.Stat("/proc/self"); err != nil {
		return false
	}
	_, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	return errors.Is(err, fs.ErrNotExist)
}
