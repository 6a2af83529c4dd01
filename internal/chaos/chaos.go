// Package chaos is the project's crash test of the daemon (`make chaos`).
// It runs the standalone simulators (`ml-connector sim x3`, `sim stedi`)
// and `ml-connector --daemon` as separate processes on loopback, kills
// the daemon with SIGKILL at random moments while purchase orders go out,
// partners answer by webhook and a share of the writes lose their answer
// after the simulator committed them, restarts it after each kill, lets
// it finish, and compares the end state with a run of the same seed
// without kills.
package chaos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// Options size and seed a chaos test.
type Options struct {
	Binary        string        // the ml-connector binary under test
	POs           int           // purchase orders X3 creates; about 5 in 8 are for suppliers on EDI
	PosEvery      time.Duration // X3 creates them one at a time, this far apart; 0: all at start
	Kills         int           // SIGKILLs of the daemon in the chaos run
	Seed          int64         // the data, the faults and the kill moments
	Drop          float64       // share of writes whose answer is lost after the simulator committed them
	StediDelay    time.Duration // how long Stedi holds back its answer to a write it carried out
	PartnerAcks   string        // how the partners acknowledge, dealt to the partnerships in turn (sim stedi --partner-acks)
	WebhookRetry  time.Duration // Stedi's interval between webhook delivery attempts
	MaxDown       time.Duration // longest time the daemon stays dead after a kill
	SettleTimeout time.Duration // how long a run may take to settle after the last restart
	Dir           string        // where the runs keep their databases and logs (required)
	Log           io.Writer     // progress; nil for none
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// Result compares the chaos run with the clean run of the same seed.
type Result struct {
	Seed         int64
	Kills        int
	Clean, Chaos Tally
	Settled      bool // both runs reached their end state in time
	Wall         time.Duration
}

// OK reports whether the chaos run lost, duplicated and confused nothing:
// no duplicate, nothing stuck, no state mismatch in either run, and the
// chaos run sent, acknowledged, shipped and failed what the clean run did.
func (r Result) OK() bool {
	clean := func(t Tally) bool { return t.Duplicates == 0 && t.Stuck == 0 && len(t.Mismatches) == 0 }
	return r.Settled && clean(r.Clean) && clean(r.Chaos) && r.Chaos.Sent == r.Clean.Sent &&
		r.Chaos.Acks == r.Clean.Acks && r.Chaos.Shipped == r.Clean.Shipped && r.Chaos.Failed == r.Clean.Failed
}

// Line is the one-line summary `make chaos` prints: the chaos run's
// figures beside the clean run's; duplicates, stuck and mismatches count
// both runs.
func (r Result) Line() string {
	c, k := r.Clean, r.Chaos
	return fmt.Sprintf("chaos: kills %d · POs sent %d of %d (clean %d) · duplicates %d · stuck %d · failed %d (clean %d) · "+
		"855s applied %d (clean %d) · 856s applied %d (clean %d) · state mismatches %d · seed %d · %s",
		r.Kills, k.Sent, k.EDIPOs, c.Sent, k.Duplicates+c.Duplicates, k.Stuck+c.Stuck, k.Failed, c.Failed,
		k.Acks, c.Acks, k.Shipped, c.Shipped, len(k.Mismatches)+len(c.Mismatches), r.Seed, r.Wall.Round(time.Second))
}

// Details lists what went wrong, for the reader of a failed run.
func (r Result) Details() string {
	var b strings.Builder
	if !r.Settled {
		b.WriteString("a run did not reach its end state in time: see NOT settled above\n")
	}
	for _, run := range []struct {
		name string
		t    Tally
	}{{"clean", r.Clean}, {"chaos", r.Chaos}} {
		name, t := run.name, run.t
		for _, m := range t.Mismatches {
			fmt.Fprintf(&b, "%s: mismatch: %s\n", name, m)
		}
		for ks, n := range t.StuckBy {
			fmt.Fprintf(&b, "%s: stuck: %d %s\n", name, n, ks)
		}
	}
	return b.String()
}

// killPlan draws the moments of the kills: how long the daemon runs before
// each, and how long it stays dead after.
type killPlan struct {
	kills        int
	rng          *rand.Rand
	minUp, maxUp time.Duration
	maxDown      time.Duration
}

// newKillPlan spreads kills over about busy, the time the clean run took:
// each uptime is drawn between 200 ms and twice its share.
func newKillPlan(o Options, busy time.Duration) *killPlan {
	p := &killPlan{kills: o.Kills, rng: rand.New(rand.NewPCG(uint64(o.Seed), 0xC4A05)), minUp: 200 * time.Millisecond,
		maxDown: o.MaxDown}
	p.maxUp = max(2*busy/time.Duration(max(o.Kills, 1)), 2*p.minUp)
	return p
}

func (p *killPlan) next() (up, down time.Duration) {
	up = p.minUp + time.Duration(p.rng.Int64N(int64(p.maxUp-p.minUp)))
	if p.maxDown > 0 {
		down = time.Duration(p.rng.Int64N(int64(p.maxDown)))
	}
	return up, down
}

// Run plays the clean run and then the chaos run of the same seed.
func Run(ctx context.Context, o Options) (Result, error) {
	start := time.Now()
	if o.Dir == "" {
		return Result{}, errors.New("no directory for the runs' databases and logs")
	}
	o.logf("chaos: seed %d, %d POs, %d kills; databases and logs in %s", o.Seed, o.POs, o.Kills, o.Dir)
	clean, err := run(ctx, o, "clean", nil)
	if err != nil {
		return Result{}, fmt.Errorf("clean run: %w", err)
	}
	chaos, err := run(ctx, o, "chaos", newKillPlan(o, clean.busy))
	if err != nil {
		return Result{}, fmt.Errorf("chaos run: %w", err)
	}
	return Result{Seed: o.Seed, Kills: chaos.kills, Clean: clean.tally, Chaos: chaos.tally,
		Settled: clean.settled && chaos.settled, Wall: time.Since(start)}, nil
}
