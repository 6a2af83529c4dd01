package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/demo"
	"github.com/mlconnector/ml-connector/store"
)

// runDemo is `ml-connector demo`: the real engine and clients against the
// built-in simulators of Sage X3 and Stedi.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", stderr)
	headless := fs.Bool("headless", false, "no terminal UI: log what happens")
	dur := fs.Duration("for", 0, "stop after this long (default: until Ctrl-C)")
	dbPath := fs.String("db", "demo.db", "database file")
	seed := fs.Int64("seed", 1, "seed of the simulated data")
	pos := fs.Int("pos", 40, "purchase orders in X3 at the start")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var ui *uiRun // the terminal UI (ui.go); nil when headless
	if !*headless {
		var err error
		if ui, ctx, stderr, err = newUIRun(ctx, "demo · "+*dbPath, *dbPath+".log", stdout, commandName()+" demo --headless"); err != nil {
			return err
		}
		defer ui.close()
	}
	if *dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *dur)
		defer cancel()
	}
	env, err := demo.Start(demo.Options{Seed: *seed, Database: *dbPath, POs: *pos})
	if err != nil {
		return err
	}
	log := newLogger(stderr, "info", "text")
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		env.Close()
		return err
	}
	defer db.Close()
	// The simulators (and the webhook listener they deliver to) stop
	// before the database closes: a delivery in between would find it
	// closed.
	defer env.Close()
	x3, st, err := newClients(env.Config, nil, log)
	if err != nil {
		return err
	}
	env.ReplayFailed = func(ctx context.Context) (int, error) {
		ids, err := db.FailedIDs(ctx)
		if err != nil {
			return 0, err
		}
		return db.Replay(ctx, ids, "operator:demo")
	}
	bus := core.NewBus()
	eng := newEngine(env.Config, db, x3, st, bus, log)
	in, err := newInbound(env.Config, db, x3, x3, st, bus, log) // inbound.go: 855/856 back into X3
	if err != nil {
		return err
	}
	env.ServeWebhook(in.Handler)
	log.Info("demo: Sage X3 and Stedi simulators on loopback", "x3", env.Config.X3.URL, "stedi", env.Config.Stedi.URL,
		"database", *dbPath)
	describe := describeEngine(env.Config, x3)
	pres, err := startPresence(ctx, db, eng, bus, log, func(s *core.EngineStatus) {
		describe(s)
		s.Endpoint = env.WebhookURL
	})
	if err != nil {
		return err
	}
	defer pres.Stop()
	setup, err := startX3Setup(ctx, env.Config, db, x3, eng, in, bus, log) // x3setup.go
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
	ui.start(db, bus, eng, pres)
	scenarioDone := make(chan struct{})
	go func() {
		env.RunScenario(ctx, log.With("part", "scenario"))
		close(scenarioDone)
	}()
	<-ctx.Done()
	<-scenarioDone
	in.Stop()
	eng.Stop()
	if err := ui.wait(); err != nil {
		return err
	}
	return printDemoSummary(stdout, db, env, *dbPath)
}

func printDemoSummary(w io.Writer, db *store.DB, env *demo.Env, path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := db.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nDemo finished. Stedi accepted %d interchange(s); partners' 855s and 856s made %d write(s) to X3 POs and %d X3 shipment(s).\n\n",
		env.Stedi.AcceptedCount(), len(env.X3.Writes()), len(env.X3.Shipments()))
	if err := printCountTable(w, counts); err != nil {
		return err
	}
	if test, err := db.TestCounts(ctx); err == nil && len(test) > 0 {
		fmt.Fprintln(w, "\nTest documents (a partner onboarding in test mode; never written to production X3):")
		if err := printCountTable(w, test); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nLook around:\n  %[2]s status --db %[1]s\n  %[2]s list --db %[1]s --state failed\n"+
		"  %[2]s show ID --db %[1]s\n  %[2]s replay --all-failed --db %[1]s\n"+
		"  %[2]s review --db %[1]s   (suppliers' changes waiting for a buyer: review accept ID, review reject ID)\n", path, commandName())
	return nil
}

// printCountTable lays counts out in aligned columns.
func printCountTable(w io.Writer, counts []store.StateCount) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tSTATE\tCOUNT")
	for _, c := range counts {
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", c.Kind, c.State, c.Count)
	}
	return tw.Flush()
}
