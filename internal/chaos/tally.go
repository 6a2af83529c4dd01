package chaos

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/mlconnector/ml-connector/core"
)

// Tally is the end state of one run, counted from what the simulators saw
// through their APIs (Stedi's outbound transactions, X3's purchase
// orders) and from the daemon's database (document states).
type Tally struct {
	EDIPOs     int      // X3 purchase orders of suppliers on EDI
	Sent       int      // distinct 850 revisions Stedi accepted
	Duplicates int      // transactions beyond the first of one revision: a revision delivered twice
	Stuck      int      // documents not settled (pending, sending, retrying, received, processing)
	Failed     int      // documents in the failed queue
	Acks       int      // X3 purchase orders carrying an acknowledgment (an 855 applied)
	Shipped    int      // 856s applied
	Mismatches []string // 850s whose state disagrees with what happened to them, one line each
	StuckBy    map[string]int
	Evidence   Evidence
}

// poOutcome is everything known of one PO at the end of a run.
type poOutcome struct {
	po        string
	facts     poFacts
	shipped   bool              // an 856 of the PO was applied
	accepted  []json.RawMessage // Stedi's 850 transactions of the PO
	revisions []revision        // the daemon's 850 revisions of the PO
}

// judge compares what Stedi accepted with the PO's revisions: a revision
// listed more than once is a duplicate; a revision Stedi holds must be in
// a delivered state, and the newest of them in the state its answers call
// for (shipped after an applied 856, acknowledged after an 855 written
// into X3); a revision in a delivered state must be one Stedi holds.
func (o poOutcome) judge(t *Tally) error {
	held := make([]int, len(o.revisions)) // transactions per revision
	var strangers []json.RawMessage       // accepted, but no revision of the daemon's
	for _, body := range o.accepted {
		i, err := o.match(body)
		if err != nil {
			return err
		}
		if i < 0 {
			strangers = append(strangers, body)
			continue
		}
		held[i]++
	}
	newest := -1
	for i, r := range o.revisions {
		switch {
		case held[i] > 0 && !delivered[r.state]:
			t.mismatch("%s rev %d (doc %d): Stedi accepted it, but it is %s", o.po, r.rev, r.id, r.state)
		case held[i] == 0 && delivered[r.state]:
			t.mismatch("%s rev %d (doc %d): %s, but Stedi never accepted it", o.po, r.rev, r.id, r.state)
		}
		if held[i] > 0 {
			t.Sent++
			t.Duplicates += held[i] - 1
			if newest < 0 || r.rev > o.revisions[newest].rev {
				newest = i
			}
		}
	}
	if len(strangers) > 0 {
		t.mismatch("%s: Stedi accepted %d 850(s) the database has no revision of", o.po, len(strangers))
		t.Sent += len(strangers)
	}
	if newest >= 0 && delivered[o.revisions[newest].state] {
		r := o.revisions[newest]
		if want := o.expected(); r.state != want {
			t.mismatch("%s rev %d (doc %d): %s, but its answers make it %s", o.po, r.rev, r.id, r.state, want)
		}
	}
	return nil
}

// match finds the revision whose Guide JSON is body; -1 when none.
func (o poOutcome) match(body json.RawMessage) (int, error) {
	for i, r := range o.revisions {
		same, err := core.SameTransaction(r.body, body)
		if err != nil {
			return 0, fmt.Errorf("%s rev %d: %w", o.po, r.rev, err)
		}
		if same {
			return i, nil
		}
	}
	return -1, nil
}

// expected is the state the PO's newest delivered 850 must be in.
func (o poOutcome) expected() core.State {
	switch {
	case o.shipped:
		return core.StateShipped
	case o.facts.acknowledged:
		return core.StateAcknowledged
	}
	return core.StateSent
}

func (t *Tally) mismatch(format string, args ...any) {
	t.Mismatches = append(t.Mismatches, fmt.Sprintf(format, args...))
}

// tally counts the end state of a run: the daemon has stopped; X3 and
// Stedi still answer.
func tally(ctx context.Context, w views, partnerships map[string]string) (Tally, error) {
	end, err := readEnd(ctx, w.dbPath)
	if err != nil {
		return Tally{}, err
	}
	facts, err := w.x3.purchaseOrders(ctx, onEDI(partnerships))
	if err != nil {
		return Tally{}, err
	}
	outcomes, err := gatherOutcomes(ctx, w.stedi, facts, end, partnerships)
	if err != nil {
		return Tally{}, err
	}
	t := Tally{EDIPOs: len(facts), Stuck: end.counts.stuck, Failed: end.counts.failed, Shipped: end.counts.applied856,
		StuckBy: end.counts.stuckByKindState, Evidence: end.evidence}
	for _, o := range outcomes {
		if o.facts.acknowledged {
			t.Acks++
		}
		if err := o.judge(&t); err != nil {
			return Tally{}, err
		}
	}
	return t, nil
}

// gatherOutcomes asks Stedi, PO by PO, what it sent, and puts it beside
// the rest of what is known of the PO; sorted by PO number.
func gatherOutcomes(ctx context.Context, st stediView, facts map[string]poFacts, end endState,
	partnerships map[string]string) ([]poOutcome, error) {
	var mu sync.Mutex
	var out []poOutcome
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for po, f := range facts {
		g.Go(func() error {
			accepted, err := st.accepted(gctx, po, partnerships[f.supplier])
			if err != nil {
				return err
			}
			mu.Lock()
			out = append(out, poOutcome{po: po, facts: f, shipped: end.shipped[po], accepted: accepted, revisions: end.revisions[po]})
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].po < out[j].po })
	return out, nil
}

func onEDI(partnerships map[string]string) map[string]bool {
	out := map[string]bool{}
	for supplier := range partnerships {
		out[supplier] = true
	}
	return out
}
