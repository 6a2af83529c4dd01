package e2e

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// tradeInvoices puts every supplier on EDI for 850s and 810s.
func (w *world) tradeInvoices(requireSupplierPart bool) {
	for _, s := range w.x3.Suppliers() {
		w.partners[s.Code] = core.Partner{Supplier: s.Code, PartnershipID: s.PartnershipID, RequireSupplierPart: requireSupplierPart,
			TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850, core.Kind810: stedisim.DemoSetting810}}
		w.stedi.AddPartnership(s.PartnershipID, stedisim.DemoPartnership("NORTHWIND", s.Code))
	}
}

// kindState counts the documents of one kind in one state.
func (w *world) kindState(kind core.Kind, state core.State) int {
	cs, err := w.db.Counts(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	for _, c := range cs {
		if c.Kind == kind && c.State == state {
			return c.Count
		}
	}
	return 0
}

// segment returns the elements of the first id segment of an interchange
// Stedi generated (delimiters * and ~).
func segment(edi, id string) []string {
	for _, s := range strings.Split(edi, "~") {
		if el := strings.Split(s, "*"); el[0] == id {
			return el
		}
	}
	return nil
}

func elementAt(seg []string, n int) string {
	if n < len(seg) {
		return seg[n]
	}
	return ""
}

func TestInvoices_GoOutOnceAs810s_MemosMarked_TouchSendsNothing(t *testing.T) {
	w := newWorld(t, 8)
	w.tradeInvoices(false)
	nums := w.x3.SeedSupplierInvoices(8) // every fourth is a credit memo for a return
	draft := nums[1]
	w.x3.UpdateSupplierInvoice(draft, func(inv *x3sim.Invoice) { inv.Status = x3sim.InvoiceToValidate })
	w.stediFaults.SetRules(tenPercentStediFaults()...)
	w.startEngine(stediKey)
	w.waitFor("8 POs and the 7 validated invoices sent", func() bool {
		return w.kindState(core.Kind850, core.StateSent) == 8 && w.kindState(core.Kind810, core.StateSent) == 7
	})

	if n := w.stedi.CountByDocument()[draft]; n != 0 {
		t.Fatalf("invoice %s went out %d time(s) before it was validated (STA 2)", draft, n)
	}
	w.x3.UpdateSupplierInvoice(draft, func(inv *x3sim.Invoice) { inv.Status = x3sim.InvoiceValidated })
	w.waitFor("the invoice sent once validated", func() bool { return w.kindState(core.Kind810, core.StateSent) == 8 })

	byDoc := w.stedi.CountByDocument()
	for _, num := range nums {
		if byDoc[num] != 1 {
			t.Errorf("invoice %s reached Stedi %d times, want once", num, byDoc[num])
		}
	}
	for _, a := range w.stedi.Accepted() {
		if a.SetID != "810" {
			continue
		}
		inv, _ := w.x3.SupplierInvoice(a.DocumentNumber)
		big, tds := segment(a.EDI, "BIG"), segment(a.EDI, "TDS")
		wantType := ""
		if inv.Type == x3sim.InvoiceTypeCreditRet {
			wantType = "CR"
		}
		if got := elementAt(big, 7); got != wantType {
			t.Errorf("invoice %s (PIHTYP %d): BIG07 %q, want %q", inv.Number, inv.Type, got, wantType)
		}
		if got, want := elementAt(tds, 1), fmt.Sprint(int64(math.Round(inv.AmountIncTax*100))); got != want {
			t.Errorf("invoice %s: TDS01 %s, want %s (AMTATI %.2f with two implied decimals)", inv.Number, got, want, inv.AmountIncTax)
		}
		if a.TransactionSettingID != stedisim.DemoSetting810 || !strings.HasPrefix(a.IdempotencyKey, "mlc-810-SEED-"+inv.Number+"-r1-") {
			t.Errorf("invoice %s went out under setting %s with key %s", inv.Number, a.TransactionSettingID, a.IdempotencyKey)
		}
	}
	memos := []string{nums[3], nums[7]}
	slices.Sort(memos)
	if got := memoNumbers(w); !slices.Equal(got, memos) {
		t.Errorf("credit memos sent: %v, want %v", got, memos)
	}

	// A re-stamp sends nothing; a real change sends a replacement.
	touched, changed := nums[2], nums[4]
	w.x3.TouchInvoice(touched)
	w.x3.UpdateSupplierInvoice(changed, func(inv *x3sim.Invoice) { inv.Lines[0].Quantity++ })
	w.waitFor("the replacement sent", func() bool { return w.kindState(core.Kind810, core.StateSent) == 9 })
	w.waitFor("the touched invoice seen", func() bool {
		inv, _ := w.x3.SupplierInvoice(touched)
		seen, ok, _ := w.db.SourceStamp(context.Background(), core.Kind810, touched)
		return ok && seen.Updated.Equal(inv.Updated)
	})
	if rev, _, _ := w.db.LatestRevision(context.Background(), core.Kind810, touched); rev.Number != 1 {
		t.Errorf("touched invoice has revision %d: a timestamp-only change made a new document", rev.Number)
	}
	var purposes []string
	for _, a := range w.stedi.Accepted() {
		if a.DocumentNumber == changed {
			purposes = append(purposes, a.Purpose)
		}
	}
	if strings.Join(purposes, ",") != "00,05" {
		t.Errorf("changed invoice reached Stedi with BIG08 %v, want 00 then 05", purposes)
	}
	if got := w.stedi.AcceptedCount(); got != 8+9 {
		t.Errorf("Stedi accepted %d, want 17 (8 POs, 8 invoices, 1 replacement)", got)
	}
	w.assertNoSecrets()
}

// memoNumbers lists the 810s whose BIG07 says credit memo, in order.
func memoNumbers(w *world) []string {
	var out []string
	for _, a := range w.stedi.Accepted() {
		if a.SetID == "810" && elementAt(segment(a.EDI, "BIG"), 7) == "CR" {
			out = append(out, a.DocumentNumber)
		}
	}
	slices.Sort(out) // workers send concurrently: the order is not the data's
	return out
}

func TestPreflight_MissingSupplierPartNamesTheField_ClearsWhenTheRecordChanges(t *testing.T) {
	w := newWorld(t, 0)
	w.tradeInvoices(true)
	num := w.x3.SeedPurchaseOrders(1)[0]
	w.x3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Lines[0].SupplierItem = "" })
	w.startEngine(stediKey)
	w.waitFor("the PO in the failed queue", func() bool { return w.counts()[core.StateFailed] == 1 })

	docs, _ := w.db.ListDocuments(context.Background(), storeFilterFailed())
	want := fmt.Sprintf("PO %s line 1000: item has no supplier part number (ITMREFBPS)", num)
	if len(docs) != 1 || !strings.Contains(docs[0].LastError, want) || docs[0].IdempotencyKey != "" {
		t.Fatalf("failed document %+v: want %q and no idempotency key", docs, want)
	}
	if w.stedi.AcceptedCount() != 0 {
		t.Fatal("a document that failed the preflight reached Stedi")
	}

	w.x3.Touch(num)
	w.waitFor("the touched PO seen", func() bool { return w.stampsSeen([]string{num}) })
	if rev, _, _ := w.db.LatestRevision(context.Background(), core.Kind850, num); rev.Number != 1 {
		t.Errorf("a re-stamp of the same content made revision %d", rev.Number)
	}

	w.x3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Lines[0].SupplierItem = "AS-FIXED-01" })
	w.waitFor("the fixed PO sent", func() bool { return w.counts()[core.StateSent] == 1 })
	if c := w.counts(); c[core.StateSuperseded] != 1 || c[core.StateFailed] != 0 {
		t.Errorf("states after the fix: %v, want the failed revision superseded", c)
	}
	if a := w.stedi.Accepted(); len(a) != 1 || a[0].Purpose != core.PurposeOriginal || !strings.Contains(a[0].EDI, "*VP*AS-FIXED-01") {
		t.Errorf("Stedi accepted %+v, want one original carrying the supplier part", a)
	}
}

// An invoice takes its supplier part numbers from its PO: the preflight
// names the PO line, and after the PO is fixed a replay of the invoice
// reads both again.
func TestPreflight_InvoiceNamesThePOLine_ReplayAfterTheFix(t *testing.T) {
	w := newWorld(t, 0)
	w.tradeInvoices(true)
	po := w.x3.SeedPurchaseOrders(1)[0]
	w.x3.UpdatePurchaseOrder(po, func(p *x3sim.PO) { p.Lines[0].SupplierItem = "" })
	inv := w.x3.SeedSupplierInvoices(1)[0]
	w.startEngine(stediKey)
	w.waitFor("the PO and the invoice failed", func() bool {
		return w.kindState(core.Kind850, core.StateFailed) == 1 && w.kindState(core.Kind810, core.StateFailed) == 1
	})
	docs, _ := w.db.ListDocuments(context.Background(), storeFilterFailed())
	want := fmt.Sprintf("invoice %s line 1: item has no supplier part number (ITMREFBPS of PO %s line 1000)", inv, po)
	var failed810 core.Document
	for _, d := range docs {
		if d.Kind == core.Kind810 {
			failed810 = d
		}
	}
	if !strings.Contains(failed810.LastError, want) || failed810.PONumber != po {
		t.Fatalf("failed 810 %q (PO %q): want %q", failed810.LastError, failed810.PONumber, want)
	}

	w.x3.UpdatePurchaseOrder(po, func(p *x3sim.PO) { p.Lines[0].SupplierItem = "AS-FIXED-02" })
	w.waitFor("the fixed PO sent", func() bool { return w.kindState(core.Kind850, core.StateSent) == 1 })
	// The invoice itself did not change, so the operator replays it (the
	// poller may also have read it again on its own: a record whose stamp
	// is the newest listed is re-read until a newer one shows up).
	if _, err := w.db.Replay(context.Background(), []int64{failed810.ID}, "operator:test"); err != nil {
		t.Fatalf("replay: %v", err)
	}
	w.engine.Poller.PollNow()
	w.waitFor("the invoice sent", func() bool { return w.kindState(core.Kind810, core.StateSent) == 1 })
	for _, a := range w.stedi.Accepted() {
		if a.SetID == "810" && !strings.Contains(a.EDI, "*VP*AS-FIXED-02") {
			t.Errorf("the 810 lacks the fixed supplier part: %s", a.EDI)
		}
	}
}

func TestInvoices_NotPolledWithoutAn810Partner(t *testing.T) {
	w := newWorld(t, 3)
	w.allSuppliersOnEDI() // 850 only
	w.x3.SeedSupplierInvoices(3)
	events, stop := w.bus.Subscribe(256)
	defer stop()
	w.startEngine(stediKey)
	w.waitFor("the POs sent", func() bool { return w.counts()[core.StateSent] == 3 })
	deadline := time.After(30 * time.Second)
	for polls := 0; polls < 2; {
		select {
		case e := <-events:
			if e.Action == "poll" {
				polls++
			}
		case <-deadline:
			t.Fatal("no poll after the POs went out")
		}
	}
	if c, _ := w.db.Cursor(context.Background(), core.CursorSupplierInvoices); !c.IsZero() || w.kindState(core.Kind810, core.StatePending) != 0 {
		t.Errorf("invoices were polled without a partner receiving 810s (cursor %v)", c)
	}
}
