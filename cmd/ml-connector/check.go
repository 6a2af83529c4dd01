package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/store"
)

// runCheck is `ml-connector check`: with the user's configuration it tries
// each part for real (the database, Sage X3, Stedi, the webhook endpoint),
// in parallel and each within a bound, and prints what it found and what
// to do. The exit status is 0 only when every part passes.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	flags := newFlagSet("check", stderr)
	c.register(flags)
	asJSON := flags.Bool("json", false, "print the outcomes as JSON")
	timeout := flags.Duration("timeout", 15*time.Second, "how long each part may take")
	guideDays := flags.Int("guide-days", defaultGuideDays, "check the outbound documents of this many days against the partners' guide schemas")
	if err := flags.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig(c.config)
	if err != nil {
		return err
	}
	if c.db != "" {
		cfg.Database = c.db
	}
	rep := checkAll(ctx, cfg, *timeout, *guideDays)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep.items()); err != nil {
			return err
		}
	} else {
		printChecks(stdout, rep.outs)
		printSetup(stdout, rep.setup.get()) // check_x3.go
	}
	for _, o := range rep.outs {
		if !o.Passed() {
			return exitError(1)
		}
	}
	return nil
}

// checkAll runs every part's check: the database, Sage X3 (the poller's
// own query and a PO with its lines), what the X3 site has set up for each
// capability (check_x3.go), Stedi, the webhook endpoint and the partners'
// guide schemas (check_guides.go).
func checkAll(ctx context.Context, cfg config.Config, timeout time.Duration, guideDays int) *checkReport {
	// One PO is enough, and every request gets the check's bound.
	cfg.X3.PageSize, cfg.X3.Timeout.Duration, cfg.Stedi.Timeout.Duration = 1, timeout, timeout
	db, dbProbe := openForCheck(ctx, cfg.Database, timeout)
	if db != nil {
		defer db.Close()
	}
	rep := &checkReport{}
	probes := []admin.Probe{dbProbe}
	x3, st, err := newClients(cfg, nil, nil)
	if err != nil {
		probes = append(probes, fixed("clients", admin.Outcome{Result: admin.Fail, Tried: "build the X3 and Stedi clients",
			Detail: err.Error(), Advice: "fix the configuration"}))
	} else {
		probes = append(probes, withTimeout(admin.X3ProbeSince(x3, x3Where(cfg), x3AuthAdvice(cfg), pollerSince(cfg, db)), timeout),
			withTimeout(x3SetupProbe(cfg, x3, &rep.setup), timeout),
			withTimeout(admin.StediProbe(st, cfg.Stedi.URL), timeout))
	}
	probes = append(probes, webhookProbe(cfg, db, timeout), withTimeout(guidesProbe(cfg, db, guideDays), timeout))
	rep.outs = admin.RunAll(ctx, probes)
	return rep
}

// openForCheck opens the database for the database and webhook checks. A
// database that does not exist yet is fine if its folder is writable.
func openForCheck(ctx context.Context, path string, timeout time.Duration) (*store.DB, admin.Probe) {
	tried := "open " + path + ", a write transaction (rolled back) and its schema version"
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		o := admin.Outcome{Result: admin.OK, Tried: "look for " + path,
			Detail: "does not exist yet; the daemon creates it at its first start, and its folder is writable"}
		if err := folderWritable(filepath.Dir(path)); err != nil {
			o = admin.Outcome{Result: admin.Fail, Tried: o.Tried, Detail: err.Error(),
				Advice: "create the folder, or make it writable by the user that runs ml-connector"}
		}
		return nil, fixed("database", o)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, fixed("database", admin.Outcome{Result: admin.Fail, Tried: tried, Detail: err.Error(),
			Advice: "check the path (database in the configuration, or --db) and that the file is readable and writable"})
	}
	sp := &admin.StoreProbe{DB: db}
	p := sp.Probe()
	run := p.Run
	p.Run = func(ctx context.Context) admin.Outcome {
		defer sp.Close()
		return run(ctx)
	}
	return db, withTimeout(p, timeout)
}

func folderWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".ml-connector-check-*")
	if err != nil {
		return fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// fixed is a probe whose outcome is already known.
func fixed(part string, o admin.Outcome) admin.Probe {
	return admin.Probe{Part: part, Run: func(context.Context) admin.Outcome { return o }}
}

func withTimeout(p admin.Probe, d time.Duration) admin.Probe {
	p.Timeout = d
	return p
}

// printChecks prints one block per part: result and what was tried, then
// what was found, then what to do.
func printChecks(w io.Writer, outs []admin.Outcome) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PART\tRESULT\tWHAT WAS TRIED / FOUND / WHAT TO DO")
	failed := 0
	for _, o := range outs {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", o.Part, o.Result, o.Tried)
		if o.Detail != "" {
			fmt.Fprintf(tw, "\t\t%s\n", o.Detail)
		}
		if o.Advice != "" && !o.Passed() {
			fmt.Fprintf(tw, "\t\t→ %s\n", o.Advice)
		}
		if !o.Passed() {
			failed++
		}
	}
	tw.Flush()
	if failed == 0 {
		fmt.Fprintf(w, "\nall %d parts passed\n", len(outs))
	} else {
		fmt.Fprintf(w, "\n%d of %d parts failed\n", failed, len(outs))
	}
}
