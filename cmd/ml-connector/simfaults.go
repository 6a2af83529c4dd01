package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// simChaos holds the flags of `ml-connector sim` that make a simulator
// misbehave and pace its answers, for crash tests such as `make chaos`:
// connections dropped after the simulator committed the request, Stedi's
// webhook retries and duplicates, and how soon the partners answer.
type simChaos struct {
	drop        float64                // both: share of writes whose answer is lost after commit
	slow        time.Duration          // both: how long the answer to a write (not dropped) is held back after commit
	hookRetry   time.Duration          // stedi: between webhook delivery attempts
	hookRetries int                    // stedi: attempts after the first
	hookDup     float64                // stedi: share of deliveries sent twice
	hookReorder float64                // stedi: share of events held back behind the next
	ackAfter    time.Duration          // stedi: 855 after the 850 is accepted
	shipAfter   time.Duration          // stedi: 856 after the 850 is accepted
	posEvery    time.Duration          // x3: create the POs one at a time, this far apart
	acks        []stedisim.AckBehavior // stedi: how the partners acknowledge, dealt in turn
}

// ackNames are the values of --partner-acks.
var ackNames = map[string]stedisim.AckBehavior{"accept": stedisim.AckAcceptAll, "change-quantity": stedisim.AckChangeQuantity,
	"change-date": stedisim.AckChangeDate, "reject-line": stedisim.AckRejectLine, "none": stedisim.AckNone}

func (c *simChaos) register(fs *flag.FlagSet) {
	fs.Float64Var(&c.drop, "drop-after-commit", 0,
		"share of writes (POST, PUT, PATCH, DELETE; 0 to 1) whose connection is closed without an answer after the simulator committed them")
	fs.DurationVar(&c.slow, "answer-delay", 0,
		"hold the answer to every write back this long after the simulator carried it out, as over a slow network")
	// Stedi retries a failed delivery 4 times, 90 s apart (stedi-api.md §5.1).
	fs.DurationVar(&c.hookRetry, "webhook-retry-interval", 90*time.Second, "time between webhook delivery attempts (stedi)")
	fs.IntVar(&c.hookRetries, "webhook-retries", 4, "webhook delivery attempts after the first, then the error queue (stedi)")
	fs.Float64Var(&c.hookDup, "webhook-duplicates", 0, "share of delivered webhook events delivered once more (stedi)")
	fs.Float64Var(&c.hookReorder, "webhook-reorder", 0, "share of webhook events held back behind the next one (stedi)")
	fs.DurationVar(&c.ackAfter, "ack-after", 0, "the partners' 855 this long after Stedi accepted the 850 (stedi)")
	fs.DurationVar(&c.shipAfter, "ship-after", 0, "the partners' 856 this long after Stedi accepted the 850 (stedi)")
	fs.DurationVar(&c.posEvery, "pos-every", 0, "create the --pos purchase orders one at a time, this far apart, instead of all at start (x3)")
	fs.Func("partner-acks", "how the partners acknowledge, dealt to the partnerships in turn: a comma list of accept, change-quantity, change-date, reject-line, none (stedi; default accept)",
		func(v string) error {
			c.acks = nil
			for _, name := range strings.Split(v, ",") {
				a, ok := ackNames[strings.TrimSpace(name)]
				if !ok {
					return fmt.Errorf("%q is not one of accept, change-quantity, change-date, reject-line, none", name)
				}
				c.acks = append(c.acks, a)
			}
			return nil
		})
}

// profile is how the i-th partnership's partner answers 850s: a 997 for
// what it receives, then it ships everything it accepted in one 856.
func (c simChaos) profile(i int) stedisim.PartnerProfile {
	p := stedisim.PartnerProfile{FA: stedisim.FAAccept, Ship: stedisim.ShipFull}
	if len(c.acks) > 0 {
		p.Ack = c.acks[i%len(c.acks)]
	}
	return p
}

// validate names the first flag out of range.
func (c simChaos) validate() error {
	for name, rate := range map[string]float64{"--drop-after-commit": c.drop,
		"--webhook-duplicates": c.hookDup, "--webhook-reorder": c.hookReorder} {
		if rate < 0 || rate > 1 {
			return fmt.Errorf("%s must be between 0 and 1, got %g", name, rate)
		}
	}
	switch {
	case c.hookRetry <= 0:
		return fmt.Errorf("--webhook-retry-interval must be positive, got %s", c.hookRetry)
	case c.hookRetries < 0:
		return fmt.Errorf("--webhook-retries must not be negative, got %d", c.hookRetries)
	case c.ackAfter < 0 || c.shipAfter < 0 || c.posEvery < 0 || c.slow < 0:
		return fmt.Errorf("--ack-after, --ship-after, --pos-every and --answer-delay must not be negative")
	}
	return nil
}

// faults adds what --drop-after-commit and --answer-delay ask for to in
// (a new injector when nil); nil when nothing is asked of either. Only
// writes are touched: a read has nothing to commit, and a client that
// loses (or gives up on) the answer to a write cannot tell whether it
// took effect.
func (c simChaos) faults(seed int64, in *faultinject.Injector) *faultinject.Injector {
	var rules []faultinject.Rule
	if c.drop > 0 {
		rules = append(rules, faultinject.Rule{Match: isWrite, Rate: c.drop, Fault: faultinject.Fault{DropAfterCommit: true}})
	}
	if c.slow > 0 { // the writes not dropped
		rules = append(rules, faultinject.Rule{Match: isWrite, Rate: 1, Fault: faultinject.Fault{LatencyAfterCommit: c.slow}})
	}
	if len(rules) == 0 {
		return in
	}
	if in == nil {
		in = faultinject.New(seed)
	}
	in.AddRules(rules...)
	return in
}

func isWrite(r *http.Request) bool {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// webhook applies the delivery flags to Stedi's webhook.
func (c simChaos) webhook(w stedisim.WebhookConfig, seed int64) stedisim.WebhookConfig {
	w.RetryInterval, w.Retries = c.hookRetry, c.hookRetries
	if c.hookRetries == 0 {
		w.Retries = -1 // WebhookConfig reads 0 as "the documented 4"
	}
	w.DuplicateRate, w.ReorderRate, w.Seed = c.hookDup, c.hookReorder, seed
	return w
}

// atStart is how many of n purchase orders exist when the simulator
// starts: all of them, unless --pos-every spreads them out.
func (c simChaos) atStart(n int) int {
	if c.posEvery > 0 {
		return 0
	}
	return n
}

// trickle creates n purchase orders one every --pos-every, as buyers
// would through a day, until all are made or ctx ends.
func (c simChaos) trickle(ctx context.Context, w io.Writer, sim *x3sim.Server, n int) {
	if n <= 0 {
		return
	}
	t := time.NewTicker(c.posEvery)
	defer t.Stop()
	for range n {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		sim.SeedPurchaseOrders(1)
	}
	fmt.Fprintf(w, "created %d purchase orders\n", n)
}
