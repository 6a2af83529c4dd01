package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// checkReport is what `check` found: each part's outcome, and what
// discovery found of the X3 site.
type checkReport struct {
	outs  []admin.Outcome
	setup discovered
}

// discovered holds a discovery made by a probe that may outlive its
// timeout, hence the atomic.
type discovered struct {
	p atomic.Pointer[core.X3Discovery]
}

func (d *discovered) get() *core.X3Discovery { return d.p.Load() }

// pollerSince is where the poller's next listing starts: the database's
// cursor less the overlap (zero without a database or a cursor), so that
// check runs the very query the poller runs.
func pollerSince(cfg config.Config, db *store.DB) func(context.Context) time.Time {
	return func(ctx context.Context) time.Time {
		if db == nil {
			return time.Time{}
		}
		c, err := db.Cursor(ctx, core.CursorPurchaseOrders)
		if err != nil || c.IsZero() {
			return time.Time{}
		}
		return c.Add(-cfg.X3.Overlap.Duration)
	}
}

// x3SetupProbe discovers what the X3 site has for each capability this
// configuration uses, and fails when one of them cannot work.
func x3SetupProbe(cfg config.Config, x3 any, into *discovered) admin.Probe {
	return admin.Probe{Part: "x3 setup", Run: func(ctx context.Context) admin.Outcome {
		o := admin.Outcome{Tried: "read the prototypes of the representations each capability needs (" + cfg.X3.APIName() + ")"}
		dc, ok := x3.(core.X3Discoverer)
		if !ok {
			o.Result, o.Detail = admin.Skip, "this client does not discover the site's setup"
			return o
		}
		d, err := dc.Discover(ctx, x3Needs(cfg))
		if err != nil {
			// X3 refused or did not answer: the x3 part says why and what to do.
			o.Result, o.Detail, o.Class = admin.Skip, "not discovered: "+err.Error(), core.ClassOf(err)
			return o
		}
		into.p.Store(&d)
		blocked := d.Blocked()
		if len(blocked) == 0 {
			o.Result, o.Detail = admin.OK, fmt.Sprintf("every capability has what it needs (%d objects checked)", len(d.Items))
			return o
		}
		var names []string
		for c := range blocked {
			names = append(names, string(c))
		}
		o.Result, o.Class = admin.Fail, core.Permanent
		slices.Sort(names)
		o.Detail = fmt.Sprintf("%d capability(ies) cannot work: %s", len(blocked), strings.Join(names, ", "))
		o.Advice = "set up what the X3 SETUP section below marks missing (docs/x3-setup.md), or name your site's objects in [x3.rest]"
		return o
	}}
}

// checkItem is one line of `check --json`: an X3 object a capability
// needs, or a part of the check (capability "database", "x3", "stedi",
// "webhook").
type checkItem struct {
	Capability string `json:"capability"`
	Name       string `json:"name"`
	Status     string `json:"status"` // ok, missing (X3 objects); ok, failed, skipped (parts)
	Fix        string `json:"fix,omitempty"`
	Optional   bool   `json:"optional,omitempty"`
	Detail     string `json:"detail,omitempty"`
}

// items lists the parts, with the X3 setup part replaced by its objects
// when discovery ran.
func (r *checkReport) items() []checkItem {
	var out []checkItem
	d := r.setup.get()
	for _, o := range r.outs {
		if o.Part == "x3 setup" && d != nil {
			for _, it := range d.Items {
				out = append(out, checkItem{Capability: string(it.Capability), Name: it.Name, Status: it.Status,
					Fix: it.Fix, Optional: it.Optional})
			}
			continue
		}
		it := checkItem{Capability: o.Part, Name: o.Tried, Status: partStatus(o.Result), Detail: o.Detail}
		if !o.Passed() {
			it.Fix = o.Advice
		}
		out = append(out, it)
	}
	return out
}

func partStatus(r admin.Result) string {
	switch r {
	case admin.OK:
		return "ok"
	case admin.Skip:
		return "skipped"
	}
	return "failed"
}

// printSetup prints, per capability, whether the site has what it needs,
// and each missing object with its fix.
func printSetup(w io.Writer, d *core.X3Discovery) {
	if d == nil {
		return
	}
	fmt.Fprintf(w, "\nX3 SETUP (%s): what each capability needs\n", d.API)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range capabilitiesOf(d) {
		var missing []core.X3SetupItem
		n := 0
		for _, it := range d.Items {
			if it.Capability == c {
				n++
				if it.Status == core.SetupMissing {
					missing = append(missing, it)
				}
			}
		}
		status := "ok"
		if len(d.Blocked()[c]) > 0 {
			status = "MISSING"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d X3 object(s)\n", c, status, n)
		for _, it := range missing {
			label := "missing"
			if it.Optional {
				label = "missing (optional: left out)"
			}
			fmt.Fprintf(tw, "\t\t%s: %s\n\t\t  → %s\n", label, it.Name, it.Fix)
		}
	}
	tw.Flush()
}

func capabilitiesOf(d *core.X3Discovery) []core.X3Capability {
	var out []core.X3Capability
	seen := map[core.X3Capability]bool{}
	for _, it := range d.Items {
		if !seen[it.Capability] {
			seen[it.Capability] = true
			out = append(out, it.Capability)
		}
	}
	return out
}
