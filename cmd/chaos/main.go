// Command chaos is the crash test of ml-connector's daemon (`make chaos`):
// see internal/chaos. It prints one line and exits 0 only when the run with
// kills lost, duplicated and confused nothing; 1 when it did, 2 when the
// test itself could not run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/mlconnector/ml-connector/internal/chaos"
)

func main() {
	o, err := options()
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(2)
	}
	keep := o.Dir != ""
	if o.Dir, err = runDir(o.Dir); err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	res, err := chaos.Run(ctx, o)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "chaos: %v (databases and logs kept in %s)\n", err, o.Dir)
		os.Exit(2)
	}
	fmt.Println(res.Line())
	if !res.OK() {
		fmt.Fprintf(os.Stderr, "%sdatabases and logs kept in %s\n", res.Details(), o.Dir)
		os.Exit(1)
	}
	if !keep {
		_ = os.RemoveAll(o.Dir) // a pass leaves nothing to look at
	}
}

// options reads the flags.
func options() (chaos.Options, error) {
	o := chaos.Options{Log: os.Stderr}
	flag.StringVar(&o.Binary, "bin", "bin/ml-connector", "the ml-connector binary to test")
	flag.IntVar(&o.POs, "pos", 3200, "purchase orders the simulated X3 creates (about 5 in 8 go out by EDI)")
	flag.DurationVar(&o.PosEvery, "pos-every", 20*time.Millisecond, "X3 creates them one at a time, this far apart (0: all at start)")
	flag.IntVar(&o.Kills, "kills", 20, "SIGKILLs of the daemon")
	flag.Int64Var(&o.Seed, "seed", 0, "seed of the data, the faults and the kill moments (0: a new one, printed)")
	flag.Float64Var(&o.Drop, "drop", 0.05, "share of writes to the simulators whose connection drops after they committed")
	flag.DurationVar(&o.StediDelay, "stedi-answer-delay", 100*time.Millisecond,
		"Stedi answers each write this long after carrying it out, so kills fall between its commit and the daemon's")
	flag.StringVar(&o.PartnerAcks, "partner-acks", "accept,change-quantity,change-date",
		"how the partners acknowledge, dealt to the partnerships in turn (each ships what it accepted in one 856)")
	flag.DurationVar(&o.WebhookRetry, "webhook-retry", 2*time.Second, "Stedi's interval between webhook delivery attempts")
	flag.DurationVar(&o.MaxDown, "max-down", 2*time.Second, "longest time the daemon stays dead after a kill")
	flag.DurationVar(&o.SettleTimeout, "settle-timeout", 5*time.Minute, "how long a run may take to settle after the last restart")
	flag.StringVar(&o.Dir, "dir", "", "keep the runs' databases and logs here (default: a temporary directory, removed after a pass)")
	flag.Parse()
	if o.Seed == 0 {
		o.Seed = time.Now().UnixNano() % 1_000_000_000
	}
	switch {
	case o.POs < 1:
		return o, errors.New("--pos must be at least 1")
	case o.Kills < 0:
		return o, errors.New("--kills must not be negative")
	case o.Drop < 0 || o.Drop > 1:
		return o, errors.New("--drop must be between 0 and 1")
	case o.WebhookRetry <= 0 || o.SettleTimeout <= 0 || o.MaxDown < 0 || o.StediDelay < 0 || o.PosEvery < 0:
		return o, errors.New("--webhook-retry and --settle-timeout must be positive; --max-down, --stedi-answer-delay and --pos-every not negative")
	}
	return o, nil
}

// runDir is the directory the runs keep their files in: dir made
// absolute, so that the harness and its processes read the same paths,
// or a new temporary one.
func runDir(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	return os.MkdirTemp("", "ml-chaos-")
}
