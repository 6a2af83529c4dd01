package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// convergeRig drives one PO's facts through the real store, on a clock
// the test moves.
type convergeRig struct {
	t     *testing.T
	ctx   context.Context
	db    *store.DB
	clock time.Time
	txs   int
}

func newConvergeRig(t *testing.T) *convergeRig {
	r := &convergeRig{t: t, ctx: context.Background(), db: openDB(t), clock: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	r.db.Now = func() time.Time { return r.clock }
	return r
}

func (r *convergeRig) tick() time.Time {
	r.clock = r.clock.Add(time.Minute)
	return r.clock
}

// revision queues a revision of PO1's 850, superseding the unsent one
// before it, and returns its id.
func (r *convergeRig) revision(rev int, supersede int64) int64 {
	r.t.Helper()
	nd := newDoc("PO1", rev)
	nd.Supersede = supersede
	if rev > 1 {
		nd.Doc.Purpose = core.PurposeReplace
	}
	if err := r.db.Intake(r.ctx, core.Intake{Actor: "poller", New: []core.NewDocument{nd}}); err != nil {
		r.t.Fatal(err)
	}
	latest, _, _ := r.db.LatestRevision(r.ctx, core.Kind850, "PO1")
	return latest.ID
}

// claim claims the due 850 (its request may reach Stedi from now on).
func (r *convergeRig) claim(id int64) {
	r.t.Helper()
	docs, err := r.db.ClaimDue(r.ctx, r.tick(), 10, time.Minute)
	if err != nil || len(docs) != 1 || docs[0].ID != id {
		r.t.Fatalf("claim: %+v, err %v; want document %d", docs, err, id)
	}
}

// outcome records the claimed 850's outcome.
func (r *convergeRig) outcome(id int64, s core.State) {
	r.t.Helper()
	o := core.Outcome{DocID: id, State: s, NextAttemptAt: r.tick()}
	if err := r.db.Complete(r.ctx, []core.Outcome{o}); err != nil {
		r.t.Fatal(err)
	}
}

// answer commits an inbound 855 or 856 of PO1 that Stedi processed now,
// and applies it, as the inbox would.
func (r *convergeRig) answer(kind core.Kind) {
	r.t.Helper()
	r.txs++
	tx := fmt.Sprintf("t%d", r.txs)
	e := core.NewInboxEntry(core.InboxEvent{ID: "e" + tx, Type: core.EventTransactionProcessed, Source: core.SourceWebhook,
		Transaction: &core.InboundTransaction{TransactionID: tx, Direction: "INBOUND", SetID: string(kind),
			PartnershipID: "p1", ProcessedAt: r.tick()}, Raw: []byte(`{}`)})
	if _, err := r.db.IntakeEvents(r.ctx, []core.InboxEntry{e}, nil); err != nil {
		r.t.Fatal(err)
	}
	docs, err := r.db.ClaimInbound(r.ctx, r.tick(), 10, time.Minute)
	if err != nil || len(docs) != 1 {
		r.t.Fatalf("claim inbound: %+v, err %v", docs, err)
	}
	o := core.InboundOutcome{DocID: docs[0].ID, Kind: kind, State: core.StateApplied, PONumber: "PO1", Answers: []string{"PO1"}}
	if err := r.db.FinishInbound(r.ctx, o); err != nil {
		r.t.Fatal(err)
	}
}

func (r *convergeRig) state(id int64) core.State {
	r.t.Helper()
	d, err := r.db.Document(r.ctx, id)
	if err != nil {
		r.t.Fatal(err)
	}
	return d.State
}

// expected is what the 850's state must be once the given facts happened.
func expected(sent, acked, shipped bool) core.State {
	switch {
	case !sent:
		return "" // the sender's: sending or retrying
	case shipped:
		return core.StateShipped
	case acked:
		return core.StateAcknowledged
	}
	return core.StateSent
}

// The found case and every other order: Stedi accepts the 850 but the
// answer is lost (the claim lapses, or the attempt ends retrying), the
// 855 and 856 are applied in any order, before or after the resend is
// answered from Stedi's cache. Every order ends acknowledged after the
// 855 and shipped after the 856, and every step in between shows what the
// facts so far say.
func TestSettle850_EveryArrivalOrderEndsTheSame(t *testing.T) {
	orders := [][]string{
		{"send", "ack", "ship"}, {"send", "ship", "ack"}, {"ack", "send", "ship"},
		{"ack", "ship", "send"}, {"ship", "ack", "send"}, {"ship", "send", "ack"},
		{"ack", "send"}, {"send", "ack"},
	}
	for _, lost := range []string{"lease lapsed", "retrying"} {
		for _, order := range orders {
			t.Run(lost+"/"+strings.Join(order, "-"), func(t *testing.T) {
				r := newConvergeRig(t)
				id := r.revision(1, 0)
				r.claim(id) // Stedi accepts this request; its answer never arrives
				if lost == "lease lapsed" {
					if _, err := r.db.RequeueExpired(r.ctx, r.tick().Add(time.Hour), r.clock); err != nil {
						t.Fatal(err)
					}
				} else {
					r.outcome(id, core.StateRetrying)
				}
				var sent, acked, shipped bool
				for _, step := range order {
					switch step {
					case "send": // the resend, answered as a replay
						r.claim(id)
						r.outcome(id, core.StateSent)
						sent = true
					case "ack":
						r.answer(core.Kind855)
						acked = true
					case "ship":
						r.answer(core.Kind856)
						shipped = true
					}
					got, want := r.state(id), expected(sent, acked, shipped)
					if want == "" && (got != core.StatePending && got != core.StateRetrying) {
						t.Fatalf("after %s: %s, want the sender's own state until Stedi's answer is recorded", step, got)
					}
					if want != "" && got != want {
						t.Fatalf("after %s: %s, want %s", step, got, want)
					}
				}
			})
		}
	}
}

// An answer belongs to the revision the partner had when Stedi processed
// it: a late 855 to revision 1 does not acknowledge revision 2, and a
// later one does.
func TestSettle850_AnswersGoToTheRevisionTheyAnswer(t *testing.T) {
	r := newConvergeRig(t)
	rev1 := r.revision(1, 0)
	r.claim(rev1)
	r.outcome(rev1, core.StateSent)
	r.answer(core.Kind855) // the partner acknowledges revision 1
	rev2 := r.revision(2, 0)
	r.claim(rev2)
	r.outcome(rev2, core.StateSent)
	if a, b := r.state(rev1), r.state(rev2); a != core.StateAcknowledged || b != core.StateSent {
		t.Fatalf("revision 1 %s, revision 2 %s; want acknowledged and sent (the change is not acknowledged yet)", a, b)
	}
	r.answer(core.Kind855) // the partner acknowledges the change
	r.answer(core.Kind856)
	if a, b := r.state(rev1), r.state(rev2); a != core.StateAcknowledged || b != core.StateShipped {
		t.Errorf("revision 1 %s, revision 2 %s; want acknowledged and shipped", a, b)
	}
	trail, _ := r.db.AuditTrail(r.ctx, rev2)
	if last := trail[len(trail)-1]; last.Action != "shipped" || !strings.Contains(last.Message, "revision 2") {
		t.Errorf("last entry of revision 2: %+v", last)
	}
}

// An answer does not replace Stedi's word: an 855 to a revision that
// went to the failed queue (its request may have gone through) leaves it
// there, and the replay that gets it sent ends acknowledged.
func TestSettle850_FailedRevisionAcknowledgedOnceReplayedAndSent(t *testing.T) {
	r := newConvergeRig(t)
	id := r.revision(1, 0)
	r.claim(id)
	r.outcome(id, core.StateFailed)
	r.answer(core.Kind855)
	if s := r.state(id); s != core.StateFailed {
		t.Fatalf("state %s, want failed until Stedi says it was sent", s)
	}
	if n, err := r.db.Replay(r.ctx, []int64{id}, "operator:alice"); err != nil || n != 1 {
		t.Fatalf("replay %d, err %v", n, err)
	}
	r.claim(id)
	r.outcome(id, core.StateSent)
	if s := r.state(id); s != core.StateAcknowledged {
		t.Errorf("state %s, want acknowledged", s)
	}
}
