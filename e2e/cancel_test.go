package e2e

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/x12"
)

// revisions returns the stored revisions of a PO, oldest first.
func (w *world) revisions(po string) []core.Document {
	docs, err := w.db.ListDocuments(context.Background(), storeFilterPO(po))
	if err != nil {
		w.t.Fatal(err)
	}
	slices.Reverse(docs)
	return docs
}

// revisionState is the state of revision rev of po ("" when not stored).
func (w *world) revisionState(po string, rev int) core.State {
	for _, d := range w.revisions(po) {
		if d.Revision == rev {
			return d.State
		}
	}
	return ""
}

// accepted lists what Stedi accepted of a PO, oldest first: set and
// purpose ("850/00", "860/04") and the interchange.
func (w *world) accepted(po string) (kinds []string, edi []string) {
	for _, a := range w.stedi.Accepted() {
		if a.DocumentNumber == po {
			kinds, edi = append(kinds, a.SetID+"/"+a.Purpose), append(edi, a.EDI)
		}
	}
	return kinds, edi
}

// strictX12 parses an interchange Stedi produced and returns the errors
// the project's validator finds in it.
func strictX12(t *testing.T, edi string) (*x12.Interchange, []x12.Finding) {
	t.Helper()
	ic, err := x12.Parse([]byte(edi))
	if err != nil {
		t.Fatalf("the X12 Stedi produced does not parse: %v\n%s", err, edi)
	}
	var errs []x12.Finding
	for _, f := range x12.Validate(ic, x12.Strict) {
		if f.Severity == x12.Error {
			errs = append(errs, f)
		}
	}
	return ic, errs
}

// segments lists the segments of one ID of an interchange's first set.
func segments(ic *x12.Interchange, id string) []x12.Segment {
	var out []x12.Segment
	for _, s := range ic.Groups[0].Sets[0].Body {
		if s.ID == id {
			out = append(out, s)
		}
	}
	return out
}

// A buyer cancels a PO after its 850 went out: the cancellation (BEG01 01)
// is a revision of its own, committed before it is sent; Stedi takes it
// while the answer is lost, the process restarts, and the resend under the
// same key is answered from Stedi's cache: the partner gets it once, over
// api1 as over GraphQL.
func TestCancel_CancelledPOReachesThePartnerOnce_AcrossARestart(t *testing.T) {
	for _, tr := range x3Transports[:2] {
		t.Run(tr.name, func(t *testing.T) {
			w := newWorld(t, 4)
			w.allSuppliersOnEDI()
			w.erp = tr.setup(w)
			w.maxAttempts = 1000 // Stedi is down for as long as the test needs
			w.startEngine(stediKey)
			w.waitFor("4 POs sent", func() bool { return w.counts()[core.StateSent] == 4 })
			po := w.x3.PurchaseOrderNumbers()[0]

			w.stediFaults.Next(2, isPost, faultinject.Fault{DropAfterCommit: true})
			w.stediFaults.SetRules(faultinject.Rule{Match: isPost, Rate: 1,
				Fault: faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable"}`}})
			w.x3.CancelPurchaseOrder(po)
			w.waitFor("Stedi took the cancellation, the sender still retries", func() bool {
				kinds, _ := w.accepted(po)
				return len(kinds) == 2 && w.revisionState(po, 2) == core.StateRetrying
			})
			w.engine.Stop()
			w.stediFaults.SetRules()
			w.startEngine(stediKey)
			w.waitFor("the cancellation recorded sent", func() bool { return w.revisionState(po, 2) == core.StateSent })

			kinds, edi := w.accepted(po)
			if strings.Join(kinds, ",") != "850/00,850/01" {
				t.Fatalf("the partner got %v, want the 850 then its cancellation, once each", kinds)
			}
			ic, errs := strictX12(t, edi[1])
			if beg := segments(ic, "BEG"); len(errs) > 0 || len(beg) != 1 || beg[0].Element(1) != "01" || beg[0].Element(3) != po {
				t.Errorf("cancellation X12: BEG %v, findings %v", beg, errs)
			}
			revs := w.revisions(po)
			if len(revs) != 2 || revs[1].Purpose != core.PurposeCancel || revs[1].IdempotencyKey == revs[0].IdempotencyKey {
				t.Errorf("revisions %+v", revs)
			}
			trail, _ := w.db.AuditTrail(context.Background(), revs[1].ID)
			if text := trailText(trail); !strings.Contains(text, "850 cancellation (purpose 01)") || !strings.Contains(text, "idempotency cache") {
				t.Errorf("cancellation trail:\n%s", text)
			}

			w.x3.Touch(po) // a closed PO re-stamped: nothing more goes
			w.waitFor("the re-stamp seen", func() bool { return w.stampsSeen([]string{po}) })
			if n := len(w.revisions(po)); n != 2 {
				t.Errorf("%d revisions after a re-stamp, want 2", n)
			}
		})
	}
}

// A partner on change orders gets the cancellation and the line changes
// as 860s, which the project's validator accepts.
func TestCancel_ChangeSet860_PartnerGets860s(t *testing.T) {
	w := newWorld(t, 6)
	for _, s := range w.x3.Suppliers() {
		w.partners[s.Code] = core.Partner{Supplier: s.Code, PartnershipID: s.PartnershipID, ChangeSet: core.Kind860,
			TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850, core.Kind860: stedisim.DemoSetting860}}
		w.stedi.AddPartnership(s.PartnershipID, stedisim.DemoPartnership("NORTHWIND", s.Code))
	}
	w.startEngine(stediKey)
	w.waitFor("6 POs sent", func() bool { return w.counts()[core.StateSent] == 6 })
	changed := w.poWithLines(2)
	cancelled := w.x3.PurchaseOrderNumbers()[0]
	if cancelled == changed {
		cancelled = w.x3.PurchaseOrderNumbers()[1]
	}
	// The buyer's three edits are made while no poll runs, so the changed
	// PO's line cancellation and quantity change go out as one 860.
	w.engine.Stop()
	w.x3.CancelPurchaseOrder(cancelled)
	first := w.firstLine(changed)
	w.x3.CancelPurchaseOrderLine(changed, first)
	w.x3.UpdatePurchaseOrder(changed, func(po *x3sim.PO) { po.Lines[1].Quantity += 4 })
	w.startEngine(stediKey)
	w.waitFor("both 860s sent", func() bool {
		return w.revisionState(cancelled, 2) == core.StateSent && w.revisionState(changed, 2) == core.StateSent
	})

	for po, want := range map[string]string{cancelled: "01", changed: "04"} {
		kinds, edi := w.accepted(po)
		if len(kinds) != 2 || kinds[1] != "860/"+want {
			t.Fatalf("PO %s: the partner got %v, want 850/00 then 860/%s", po, kinds, want)
		}
		ic, errs := strictX12(t, edi[1])
		if len(errs) > 0 || ic.Groups[0].GS.Element(1) != "PC" || segments(ic, "BCH")[0].Element(1) != want {
			t.Errorf("PO %s: 860 findings %v\n%s", po, errs, edi[1])
		}
		revs := w.revisions(po)
		if last := revs[len(revs)-1]; last.Set != core.Kind860 || last.Purpose != want {
			t.Errorf("PO %s: last revision set %q purpose %q", po, last.Set, last.Purpose)
		}
	}
	_, edi := w.accepted(changed)
	ic, _ := strictX12(t, edi[len(edi)-1])
	var pocs []string
	for _, s := range segments(ic, "POC") {
		pocs = append(pocs, s.Element(2))
	}
	if !slices.Contains(pocs, "DI") || !slices.Contains(pocs, "QI") || len(pocs) != 2 {
		t.Errorf("POC02 codes %v, want DI for the cancelled line and QI for the raised one", pocs)
	}
}

// A line the buyer cancels goes out (default change set) as a replacement
// 850 without it.
func TestCancel_LineCancelledGoesAsAReplacementWithoutIt(t *testing.T) {
	w := newWorld(t, 6)
	w.allSuppliersOnEDI()
	w.startEngine(stediKey)
	w.waitFor("6 POs sent", func() bool { return w.counts()[core.StateSent] == 6 })
	po := w.poWithLines(2)
	p, _ := w.x3.PurchaseOrder(po)
	line := p.Lines[0].Line
	w.x3.CancelPurchaseOrderLine(po, line)
	w.waitFor("the replacement sent", func() bool { return w.revisionState(po, 2) == core.StateSent })

	kinds, edi := w.accepted(po)
	if strings.Join(kinds, ",") != "850/00,850/05" {
		t.Fatalf("the partner got %v", kinds)
	}
	ic, errs := strictX12(t, edi[1])
	var lines []string
	for _, s := range segments(ic, "PO1") {
		lines = append(lines, s.Element(1))
	}
	if len(errs) > 0 || slices.Contains(lines, strconv.Itoa(line)) || len(lines) != len(p.Lines)-1 {
		t.Errorf("replacement PO1 lines %v (cancelled %d of %d), findings %v", lines, line, len(p.Lines), errs)
	}
}

// A PO received in full is closed by receipt: nothing is sent, and the
// revision that says so is in the trail.
func TestCancel_ClosedByReceiptSendsNothing(t *testing.T) {
	w := newWorld(t, 3)
	w.allSuppliersOnEDI()
	w.startEngine(stediKey)
	w.waitFor("3 POs sent", func() bool { return w.counts()[core.StateSent] == 3 })
	po := w.x3.PurchaseOrderNumbers()[1]
	if err := w.x3.ReceiveInFull(po); err != nil {
		t.Fatal(err)
	}
	w.waitFor("the closure recorded", func() bool { return w.revisionState(po, 2) == core.StateClosed })
	if kinds, _ := w.accepted(po); len(kinds) != 1 {
		t.Errorf("a PO received in full reached the partner again: %v", kinds)
	}
	revs := w.revisions(po)
	trail, _ := w.db.AuditTrail(context.Background(), revs[1].ID)
	if text := trailText(trail); !strings.Contains(text, "closed in Sage X3 by receipt") || revs[1].Payload != nil || revs[1].IdempotencyKey != "" {
		t.Errorf("closed revision %+v, trail:\n%s", revs[1], text)
	}
	if revs[0].State != core.StateSent {
		t.Errorf("the sent 850 is now %s", revs[0].State)
	}
}

// A PO cancelled before any 850 reached the partner sends nothing: the
// revision that never went (here held by a unit no partner knows) is
// withdrawn, and the closed one says why.
func TestCancel_BeforeAny850WentOutSendsNothing(t *testing.T) {
	w := newWorld(t, 2)
	w.allSuppliersOnEDI()
	w.startEngine(stediKey)
	w.waitFor("2 POs sent", func() bool { return w.counts()[core.StateSent] == 2 })
	nums := w.x3.SeedPurchaseOrders(1)
	po := nums[0]
	w.x3.UpdatePurchaseOrder(po, func(p *x3sim.PO) { p.Lines[0].Unit = "GROSS" })
	w.waitFor("the PO held in the failed queue", func() bool { return w.lastState(po) == core.StateFailed })
	w.x3.CancelPurchaseOrder(po)
	w.waitFor("the cancellation recorded", func() bool { return w.lastState(po) == core.StateClosed })

	if kinds, _ := w.accepted(po); len(kinds) != 0 {
		t.Errorf("a PO cancelled before it went out reached the partner: %v", kinds)
	}
	revs := w.revisions(po)
	last := revs[len(revs)-1]
	if revs[len(revs)-2].State != core.StateSuperseded || last.Purpose != core.PurposeCancel {
		t.Errorf("revisions %+v", revs)
	}
	trail, _ := w.db.AuditTrail(context.Background(), last.ID)
	if text := trailText(trail); !strings.Contains(text, "cancelled in Sage X3 before any 850 reached the partner; nothing sent") {
		t.Errorf("trail:\n%s", text)
	}
}

// poWithLines returns a PO of at least n lines.
func (w *world) poWithLines(n int) string {
	for _, num := range w.x3.PurchaseOrderNumbers() {
		if p, _ := w.x3.PurchaseOrder(num); len(p.Lines) >= n && p.Closed != 2 {
			return num
		}
	}
	w.t.Fatalf("no PO with %d lines", n)
	return ""
}

func (w *world) firstLine(po string) int {
	p, _ := w.x3.PurchaseOrder(po)
	return p.Lines[0].Line
}

// lastState is the state of the newest revision of po.
func (w *world) lastState(po string) core.State {
	if revs := w.revisions(po); len(revs) > 0 {
		return revs[len(revs)-1].State
	}
	return ""
}

func storeFilterPO(po string) store.Filter { return store.Filter{PONumber: po, Limit: 1000} }

// A site whose PO representation does not show how an order was closed
// (here RCPFLG and RCPCLEFLG named as properties it lacks) gets a closed
// PO in the failed queue, naming the fields, and nothing is sent; once the
// names are right, the replayed PO goes out as a cancellation.
func TestCancel_SiteNotShowingReceiptsIsReportedNotGuessed(t *testing.T) {
	w := newWorld(t, 2)
	w.allSuppliersOnEDI()
	blind := true
	w.erp = func() core.ERP {
		overrides := map[string]string{}
		if blind {
			overrides = map[string]string{rest.POReceived: "ZRCPFLG", rest.LineClosedByReceipt: "ZRCPCLEFLG"}
		}
		names, err := rest.NewNames(overrides)
		if err != nil {
			t.Fatal(err)
		}
		c, err := rest.New(rest.Config{BaseURL: w.x3URL, Folder: "SEED", User: "EDIUSER", Password: x3Password, Names: names})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	w.startEngine(stediKey)
	w.waitFor("2 POs sent", func() bool { return w.counts()[core.StateSent] == 2 })
	po := w.x3.PurchaseOrderNumbers()[0]
	w.x3.CancelPurchaseOrder(po)
	w.waitFor("the closed PO held", func() bool { return w.lastState(po) == core.StateFailed })
	last := w.revisions(po)[1]
	if !strings.Contains(last.LastError, "RCPCLEFLG") || !strings.Contains(last.LastError, "nothing is sent") {
		t.Errorf("failed with %q", last.LastError)
	}
	if kinds, _ := w.accepted(po); len(kinds) != 1 {
		t.Errorf("the partner got %v", kinds)
	}

	w.engine.Stop()
	blind = false // the administrator names the fields: x3.rest.po_received, line_closed_by_receipt
	if _, err := w.db.Replay(context.Background(), []int64{last.ID}, "operator"); err != nil {
		t.Fatal(err)
	}
	w.startEngine(stediKey)
	w.waitFor("the cancellation sent", func() bool { return w.lastState(po) == core.StateSent })
	if kinds, _ := w.accepted(po); strings.Join(kinds, ",") != "850/00,850/01" {
		t.Errorf("the partner got %v", kinds)
	}
}
