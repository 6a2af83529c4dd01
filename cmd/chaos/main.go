// Command chaos is the crash test of ml-connector's daemon (`make chaos`):
// see internal/chaos. It prints one line and exits 0 only when the run with
// kills lost, duplicated and confused nothing.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mlconnector/ml-connector/internal/chaos"
)

func main() {
	var o chaos.Options
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
	o.Log = os.Stderr
	keep := o.Dir != ""
	if !keep {
		dir, err := os.MkdirTemp("", "ml-chaos-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "chaos:", err)
			os.Exit(2)
		}
		o.Dir = dir
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
		_ = os.RemoveAll(o.Dir) // a clean pass leaves nothing to look at
	}
}
