package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// TestReview_PartnersChangesWaitForTheBuyer_AnAcceptIsWrittenOnce is the
// buyer's review end to end: partners answer with changed quantities and
// dates; the acknowledgments are written into the X3 simulator, the
// changes are not; a buyer's accept (committed to the store, as the CLI
// and the UI do) is written by the running engine exactly once, audited
// with the buyer's name, and sends no 850 back to the supplier; a reject
// writes nothing.
func TestReview_PartnersChangesWaitForTheBuyer_AnAcceptIsWrittenOnce(t *testing.T) {
	l := newLoop(t, 10)
	for i, s := range l.x3.Suppliers() {
		p := stedisim.PartnerProfile{Ack: stedisim.AckChangeQuantity, Ship: stedisim.ShipNone}
		if i%2 == 1 {
			p.Ack = stedisim.AckChangeDate
		}
		l.stedi.SetPartnerProfile(s.PartnershipID, p)
	}
	l.start()
	l.waitFor("10 POs sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == 10 })
	acks, err := l.stedi.ProcessDue()
	if err != nil || len(acks) != 10 {
		t.Fatalf("%d 855s, err %v", len(acks), err)
	}
	l.waitFor("every 855 applied, its changes waiting", func() bool {
		docs := l.inboundDocs()
		for _, tx := range acks {
			if docs[tx].State != core.StateReview {
				return false
			}
		}
		return true
	})
	for _, w := range l.x3.Writes() {
		if strings.Contains(string(w.Patch), "QTYUOM") || strings.Contains(string(w.Patch), "EXTRCPDAT") {
			t.Errorf("PO %s: a change was written before anyone decided: %s", w.PO, w.Patch)
		}
	}
	if n := l.kindState(core.Kind850, core.StateAcknowledged); n != 10 {
		t.Errorf("%d 850s acknowledged, want 10: an 855 whose changes wait still acknowledges its PO", n)
	}
	ctx := context.Background()
	pending, err := l.db.ProposedChanges(ctx, false, 100)
	if err != nil || len(pending) < 10 {
		t.Fatalf("%d changes waiting, err %v; want one per PO at least", len(pending), err)
	}
	qty, date := firstOf(pending, core.ChangeQuantity), firstOf(pending, core.ChangeDate)
	if qty.ID == 0 || date.ID == 0 {
		t.Fatalf("no quantity or no date change among %+v", pending)
	}
	before, sent := len(l.x3.Writes()), l.stedi.AcceptedCount()

	c, err := l.db.DecideChange(ctx, qty.ID, true, "operator:buyer")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.db.DecideChange(ctx, date.ID, false, "operator:buyer"); err != nil {
		t.Fatal(err)
	}
	l.waitFor("the accepted change written", func() bool {
		d, err := l.db.Document(ctx, c.WriteDocID)
		return err == nil && (d.State == core.StateApplied || d.State == core.StateFailed)
	})
	writes := l.x3.Writes()[before:]
	if len(writes) != 1 || writes[0].PO != qty.PONumber || writes[0].Status != 200 {
		t.Fatalf("writes after the decisions: %+v, want one on PO %s", writes, qty.PONumber)
	}
	var body map[string][]map[string]any
	_ = json.Unmarshal(writes[0].Patch, &body)
	for _, lines := range body { // the line is named by its $uuid (and perhaps its number); the quantity is all it sets
		for k := range lines[0] {
			if k != "$uuid" && k != "POPLIN" && k != "POQSEQ" && k != "QTYUOM" {
				t.Errorf("the write sets %s besides the accepted change: %s", k, writes[0].Patch)
			}
		}
		if len(body) != 1 || len(lines) != 1 || lines[0]["QTYUOM"] != mustFloat(t, qty.Proposed) {
			t.Errorf("the write is not exactly the accepted change: %s", writes[0].Patch)
		}
	}
	if po, _ := l.x3.PurchaseOrder(qty.PONumber); po.Lines[0].Quantity != mustFloat(t, qty.Proposed) {
		t.Errorf("PO %s line %d holds %v, want the accepted %s", qty.PONumber, qty.Line, po.Lines[0].Quantity, qty.Proposed)
	}
	trail, _ := l.db.AuditTrail(ctx, c.WriteDocID)
	if len(trail) == 0 || trail[0].Actor != "operator:buyer" || !hasAction(trail, "written") {
		t.Errorf("the audit trail does not name the buyer and the write: %+v", trail)
	}
	// The poller reads the PO the write moved and sends nothing.
	l.pollsAfter(writes[0].Time)
	if got := l.stedi.AcceptedCount(); got != sent {
		t.Errorf("Stedi accepted %d 850s after the accepted change, want %d: the supplier's own change was echoed", got, sent)
	}
	l.assertNoSecrets()
}

func firstOf(cs []core.ProposedChange, field string) core.ProposedChange {
	for _, c := range cs {
		if c.Field == field {
			return c
		}
	}
	return core.ProposedChange{}
}

func hasAction(trail []core.AuditEntry, action string) bool {
	for _, e := range trail {
		if e.Action == action {
			return true
		}
	}
	return false
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return f
}
