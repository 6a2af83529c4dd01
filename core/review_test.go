package core_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/store"
)

// changed855 changes line 1000's quantity and date, line 2000's price,
// and rejects line 3000.
var changed855 = ack("PO1", "SO-77", "1000:IC:8:2026-02-10", "2000:IP:5::2.5", "3000:IR:0")

// pending returns the changes waiting for a decision, by field.
func (r *inboxRig) pending() map[string]core.ProposedChange {
	r.t.Helper()
	cs, err := r.db.ProposedChanges(context.Background(), false, 100)
	if err != nil {
		r.t.Fatal(err)
	}
	out := map[string]core.ProposedChange{}
	for _, c := range cs {
		out[c.Field] = c
	}
	return out
}

// writesSince returns the $edit bodies X3 received after the first n.
func (r *inboxRig) writesSince(n int) []string {
	var out []string
	for _, w := range r.x3.Writes()[n:] {
		out = append(out, string(w.Patch))
	}
	return out
}

// decide records a buyer's decision as the CLI and the UI do, and wakes
// the inbox as a running engine's idle tick would.
func (r *inboxRig) decide(id int64, accept bool) core.ProposedChange {
	r.t.Helper()
	c, err := r.db.DecideChange(context.Background(), id, accept, "operator:alice")
	if err != nil {
		r.t.Fatal(err)
	}
	r.inbox.Wake()
	return c
}

func TestReview_SupplierChangesWaitAndNothingOfThemIsWritten(t *testing.T) {
	r := newInboxRig(t)
	before := r.writes()
	d := r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	if d.State != core.StateReview {
		t.Fatalf("855 ended %s (%s), want review", d.State, d.LastError)
	}
	po := r.po("PO1")
	if po.AckNumber != "SO-77" || po.AckDate != "2026-01-03" || !strings.Contains(po.AckNotes, "2 changed") {
		t.Errorf("acknowledgment not written: %q %q %q", po.AckNumber, po.AckDate, po.AckNotes)
	}
	l := po.Lines
	if l[0].AckFlag != 2 || l[0].AckNumber != "SO-77" || l[1].AckFlag != 2 || l[2].AckFlag != 2 {
		t.Errorf("line acknowledgments not written: %+v", l)
	}
	if l[0].Quantity != 10 || l[0].ExpectedReceipt != "2026-02-01" || l[1].NetPrice != 3 {
		t.Errorf("a change was written before anyone accepted it: %+v", l)
	}
	writes := r.writesSince(before)
	if len(writes) != 1 || strings.Contains(writes[0], "QTYUOM") || strings.Contains(writes[0], "EXTRCPDAT") || strings.Contains(writes[0], "NETPRI") {
		t.Errorf("writes to X3: %q, want one with the acknowledgment only", writes)
	}
	p := r.pending()
	want := map[string][3]string{core.ChangeQuantity: {"10", "8", "UN"}, core.ChangeDate: {"2026-02-01", "2026-02-10", ""},
		core.ChangePrice: {"3", "2.5", "USD"}}
	for field, w := range want {
		c, ok := p[field]
		if !ok || c.PONumber != "PO1" || c.DocumentID != d.ID || c.Current != w[0] || c.Proposed != w[1] || c.Unit != w[2] ||
			c.Supplier != r.supplier || c.Decision != core.DecisionPending {
			t.Errorf("%s change = %+v, want %v", field, c, w)
		}
	}
	if p[core.ChangeQuantity].Line != 1000 || p[core.ChangePrice].Line != 2000 || len(p) != 3 {
		t.Errorf("changes %+v", p)
	}
	if n, _ := r.db.PendingReviews(context.Background()); n != 3 {
		t.Errorf("%d changes pending, want 3", n)
	}
	// The acknowledgment changed nothing the 850 shows: nothing goes out.
	if res := r.sendAll(); res.Queued != 0 {
		t.Errorf("poll after the acknowledgment queued %d", res.Queued)
	}
}

func TestReview_AcceptWritesExactlyThatChangeOnce_Audited_NotEchoed(t *testing.T) {
	r := newInboxRig(t)
	ctx := context.Background()
	ack := r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	q := r.pending()[core.ChangeQuantity]
	before := r.writes()

	c := r.decide(q.ID, true)
	if c.Decision != core.DecisionAccepted || c.DecidedBy != "operator:alice" || c.WriteDocID == 0 {
		t.Fatalf("decision %+v", c)
	}
	w := r.settle(c.WriteDocID)
	if w.State != core.StateApplied || w.Kind != core.KindChange || w.PONumber != "PO1" {
		t.Fatalf("change document %s %s %s: %s", w.Kind, w.PONumber, w.State, w.LastError)
	}
	writes := r.writesSince(before)
	if len(writes) != 1 || !strings.Contains(writes[0], `"QTYUOM":8`) || strings.Contains(writes[0], "EXTRCPDAT") ||
		strings.Contains(writes[0], "NETPRI") || strings.Contains(writes[0], "OCN") {
		t.Errorf("writes to X3: %q, want one with line 1000's quantity only", writes)
	}
	if l := r.po("PO1").Lines; l[0].Quantity != 8 || l[0].ExpectedReceipt != "2026-02-01" || l[1].NetPrice != 3 {
		t.Errorf("PO1 lines after the accept: %+v", l)
	}
	trail, _ := r.db.AuditTrail(ctx, w.ID)
	if len(trail) == 0 || trail[0].Actor != "operator:alice" || trail[0].Action != "accepted" || !strings.Contains(trail[0].Message, "quantity 10 → 8") {
		t.Errorf("change document trail starts %+v", trail)
	}
	if !hasAction(trail, "written") || !hasAction(trail, "applied") {
		t.Errorf("change document trail %+v lacks the write", trail)
	}
	ackTrail, _ := r.db.AuditTrail(ctx, ack.ID)
	if e, ok := findAction(ackTrail, "review_accepted"); !ok || e.Actor != "operator:alice" || e.At.IsZero() {
		t.Errorf("the 855's trail does not say who accepted: %+v", ackTrail)
	}
	if _, err := r.db.DecideChange(ctx, q.ID, false, "operator:bob"); !errors.Is(err, core.ErrDecided) || !strings.Contains(err.Error(), "accepted by operator:alice") {
		t.Errorf("second decision: %v", err)
	}
	if _, err := r.db.DecideChange(ctx, 9999, true, "operator:bob"); !errors.Is(err, store.ErrUnknownChange) {
		t.Errorf("decision on an unknown change: %v", err)
	}
	// The supplier proposed it: the poller sends no 850 revision for it.
	if res := r.sendAll(); res.Read != 1 || res.Queued != 0 {
		t.Errorf("poll after the accepted change: %+v, want the PO read and nothing queued", res)
	}
	if d, _ := r.db.Document(ctx, ack.ID); d.State != core.StateReview {
		t.Errorf("the 855 is %s with two changes still waiting", d.State)
	}
}

func TestReview_RejectWritesNothing_AndRecordsTheDecision(t *testing.T) {
	r := newInboxRig(t)
	ctx := context.Background()
	ack := r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	p := r.pending()
	before := r.writes()
	for _, field := range []string{core.ChangeDate, core.ChangePrice, core.ChangeQuantity} {
		if c := r.decide(p[field].ID, false); c.Decision != core.DecisionRejected || c.WriteDocID != 0 {
			t.Errorf("rejecting the %s change: %+v", field, c)
		}
	}
	if got := r.writesSince(before); len(got) != 0 {
		t.Errorf("a rejection wrote to X3: %q", got)
	}
	all, _ := r.db.ProposedChanges(ctx, true, 100)
	for _, c := range all {
		if c.Decision != core.DecisionRejected || c.DecidedBy != "operator:alice" || c.DecidedAt.IsZero() {
			t.Errorf("decided change %+v", c)
		}
	}
	if n, _ := r.db.PendingReviews(ctx); n != 0 || len(all) != 3 {
		t.Errorf("%d pending of %d", n, len(all))
	}
	d, _ := r.db.Document(ctx, ack.ID)
	trail, _ := r.db.AuditTrail(ctx, ack.ID)
	if e, ok := findAction(trail, "review_rejected"); d.State != core.StateApplied || !ok || e.Actor != "operator:alice" {
		t.Errorf("855 %s after every change was decided; trail %+v", d.State, trail)
	}
}

func TestReview_ApplyChangesWritesQuantityAndDate_PriceStillWaits(t *testing.T) {
	r := newInboxRig(t, applyChanges)
	before := r.writes()
	d := r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	l := r.po("PO1").Lines
	if l[0].Quantity != 8 || l[0].ExpectedReceipt != "2026-02-10" || l[1].NetPrice != 3 || r.writes() != before+1 {
		t.Errorf("apply_855_changes: lines %+v after %d writes", l, r.writes()-before)
	}
	p := r.pending()
	if d.State != core.StateReview || len(p) != 1 || p[core.ChangePrice].Proposed != "2.5" {
		t.Errorf("855 %s, waiting %+v: only the price should wait", d.State, p)
	}
}

func TestReview_ALaterAcknowledgmentSupersedesWhateverTheOrder(t *testing.T) {
	r := newInboxRig(t)
	t0 := time.Now().Add(-time.Hour)
	// In order: the second 855 answers line 1000 again as ordered.
	first := r.settle(r.deliverAt("tx-1", core.Kind855, "p1", ack("PO1", "SO-1", "1000:IC:8"), "production", t0))
	second := r.settle(r.deliverAt("tx-2", core.Kind855, "p1", ack("PO1", "SO-1", "1000:IA:10"), "production", t0.Add(time.Minute)))
	if len(r.pending()) != 0 || second.State != core.StateApplied {
		t.Errorf("after a later 855 accepted the line as ordered: %+v waiting, second 855 %s", r.pending(), second.State)
	}
	if d, _ := r.db.Document(context.Background(), first.ID); d.State != core.StateApplied {
		t.Errorf("first 855 %s, want applied: its change was superseded", d.State)
	}
	// Out of order: a later 855 (9) arrives before an earlier one (7).
	r.settle(r.deliverAt("tx-4", core.Kind855, "p1", ack("PO1", "SO-1", "2000:IC:4"), "production", t0.Add(3*time.Minute)))
	late := r.settle(r.deliverAt("tx-3", core.Kind855, "p1", ack("PO1", "SO-1", "2000:IC:3"), "production", t0.Add(2*time.Minute)))
	p := r.pending()
	if len(p) != 1 || p[core.ChangeQuantity].Proposed != "4" || late.State != core.StateApplied {
		t.Errorf("waiting %+v (want 2000 → 4 only), the earlier 855 applied late is %s", p, late.State)
	}
}

func TestReview_FailedWriteGoesToTheFailedQueue_ReplayWritesIt(t *testing.T) {
	r := newInboxRig(t)
	ctx := context.Background()
	r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	q := r.pending()[core.ChangeQuantity]
	var removed x3sim.POLine
	r.x3.UpdatePurchaseOrder("PO1", func(p *x3sim.PO) { removed, p.Lines = p.Lines[0], p.Lines[1:] })
	w := r.settle(r.decide(q.ID, true).WriteDocID)
	if w.State != core.StateFailed || !strings.Contains(w.LastError, "PO PO1 line 1000 is not on the Sage X3 purchase order") {
		t.Fatalf("write of a change to a line X3 no longer has: %s %q", w.State, w.LastError)
	}
	failed, _ := r.db.ProposedChanges(ctx, true, 100)
	for _, c := range failed {
		if c.ID == q.ID && (c.WriteState != core.StateFailed || c.WriteError == "") {
			t.Errorf("the review does not show the failed write: %+v", c)
		}
	}
	r.x3.UpdatePurchaseOrder("PO1", func(p *x3sim.PO) { p.Lines = append([]x3sim.POLine{removed}, p.Lines...) })
	if n, err := r.db.Replay(ctx, []int64{w.ID}, "operator:alice"); err != nil || n != 1 {
		t.Fatalf("replay: %d %v", n, err)
	}
	r.inbox.Wake()
	if d := r.settle(w.ID); d.State != core.StateApplied || r.po("PO1").Lines[0].Quantity != 8 {
		t.Errorf("replayed change: %s %q, quantity %v", d.State, d.LastError, r.po("PO1").Lines[0].Quantity)
	}
}

// crashAfterWrite loses the outcome of every attempt that wrote an
// accepted change into X3, as a crash between the write and its commit
// does: the lease runs out and the change is applied again.
type crashAfterWrite struct{ core.InboxStore }

func (f crashAfterWrite) FinishInbound(ctx context.Context, o core.InboundOutcome) error {
	if o.Kind == core.KindChange && hasAction(o.Audit, "written") {
		return errors.New("disk I/O error")
	}
	return f.InboxStore.FinishInbound(ctx, o)
}

func TestReview_ACrashAfterTheWriteDoesNotWriteTwice(t *testing.T) {
	r := newInboxRig(t, func(in *core.Inbox) { in.Store, in.Lease = crashAfterWrite{in.Store}, time.Second })
	r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	before := r.writes()
	w := r.settle(r.decide(r.pending()[core.ChangeQuantity].ID, true).WriteDocID)
	if w.State != core.StateApplied || w.Attempts != 1 { // a crash spends no attempt
		t.Fatalf("change document %s after %d attempts: %s", w.State, w.Attempts, w.LastError)
	}
	if got := r.writesSince(before); len(got) != 1 || r.po("PO1").Lines[0].Quantity != 8 {
		t.Errorf("X3 received %d writes for one accepted change: %q", len(got), got)
	}
	trail, _ := r.db.AuditTrail(context.Background(), w.ID)
	if !hasAction(trail, "requeued") || !hasAction(trail, "unchanged") || hasAction(trail, "written") {
		t.Errorf("trail %+v: want the requeue and the second attempt finding X3 up to date", trail)
	}
}

func findAction(trail []core.AuditEntry, action string) (core.AuditEntry, bool) {
	for _, e := range trail {
		if e.Action == action {
			return e, true
		}
	}
	return core.AuditEntry{}, false
}

func TestReview_AnAcceptedPriceIsWrittenAndNotEchoed(t *testing.T) {
	r := newInboxRig(t)
	r.settle(r.deliver("tx-855", core.Kind855, "p1", changed855))
	before := r.writes()
	w := r.settle(r.decide(r.pending()[core.ChangePrice].ID, true).WriteDocID)
	if w.State != core.StateApplied {
		t.Fatalf("price change: %s %s", w.State, w.LastError)
	}
	writes := r.writesSince(before)
	if len(writes) != 1 || !strings.Contains(writes[0], `"NETPRI":2.5`) || strings.Contains(writes[0], "QTYUOM") {
		t.Errorf("writes %q, want line 2000's net price only", writes)
	}
	if l := r.po("PO1").Lines[1]; l.NetPrice != 2.5 {
		t.Errorf("line 2000 after the accept: %+v", l)
	}
	// The 850 shows the price (PO104): the supplier's own price is not sent back.
	if res := r.sendAll(); res.Queued != 0 {
		t.Errorf("poll after the accepted price queued %d", res.Queued)
	}
}

// gatedStore holds the outcome commit of 856s until the gate opens, and
// tells when documents are claimed.
type gatedStore struct {
	core.InboxStore
	gate      chan struct{}
	finishing chan int64
	claimed   chan core.Document
}

func (g *gatedStore) FinishInbound(ctx context.Context, o core.InboundOutcome) error {
	if o.Kind == core.Kind856 {
		g.finishing <- o.DocID
		<-g.gate
	}
	return g.InboxStore.FinishInbound(ctx, o)
}

func (g *gatedStore) ClaimInbound(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]core.Document, error) {
	docs, err := g.InboxStore.ClaimInbound(ctx, now, limit, lease)
	for _, d := range docs {
		g.claimed <- d
	}
	return docs, err
}

// An 855 that comes while an 856 of its PO is written but not yet
// recorded plans against both together: it waits for the 856's commit,
// so the date the ship notice set is not taken for a change the supplier
// proposes (nor, with apply_855_changes, overwritten).
func TestReview_ThePOStaysLockedUntilTheOutcomeIsCommitted(t *testing.T) {
	g := &gatedStore{gate: make(chan struct{}), finishing: make(chan int64, 4), claimed: make(chan core.Document, 16)}
	r := newInboxRig(t, func(in *core.Inbox) { g.InboxStore, in.Store = in.Store, g })
	ship := r.deliver("tx-856", core.Kind856, "p1", asn("S1", "PO1", "1000:4"))
	if id := <-g.finishing; id != ship {
		t.Fatalf("document %d finishing, want the 856 %d", id, ship)
	}
	ack := r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-8", "1000:IA:10:2026-02-15"))
	for d := range g.claimed {
		if d.ID == ack {
			break
		}
	}
	close(g.gate)
	if d := r.settle(ship); d.State != core.StateApplied {
		t.Fatalf("856: %s %s", d.State, d.LastError)
	}
	if d := r.settle(ack); d.State != core.StateApplied || len(r.pending()) != 0 {
		t.Errorf("855 %s with %+v waiting: the ship notice's date was taken for a change", d.State, r.pending())
	}
	if l := r.po("PO1").Lines[0]; l.ExpectedReceipt != "2026-01-24" || l.ShippedQuantity != 4 {
		t.Errorf("line 1000 after both: %+v", l)
	}
}

// A date for a line X3 has none for changes nothing that was ordered: it
// is written with the acknowledgment.
func TestReview_ADateWhereX3HasNoneIsWrittenAtOnce(t *testing.T) {
	r := newInboxRig(t)
	r.x3.AddPurchaseOrder(x3sim.PO{Number: "PO2", Supplier: r.supplier, OrderDate: "2026-01-02", ReceivingSite: "DC01", Currency: "USD",
		Lines: []x3sim.POLine{{Item: "ITM-A", Unit: "UN", Quantity: 10, NetPrice: 2}}})
	r.sendAll()
	d := r.settle(r.deliver("tx-855", core.Kind855, "p1", ack("PO2", "SO-9", "1000:IA:10:2026-03-01")))
	if d.State != core.StateApplied || len(r.pending()) != 0 || r.po("PO2").Lines[0].ExpectedReceipt != "2026-03-01" {
		t.Errorf("855 %s, waiting %+v, line %+v", d.State, r.pending(), r.po("PO2").Lines[0])
	}
}
