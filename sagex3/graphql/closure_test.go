package graphql_test

import (
	"context"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

// A buyer's cancellation and a receipt in full read the same over api1
// and GraphQL (CLEFLG/isClosed, RCPFLG/receiptStatus, LINCLEFLG, RCPCLEFLG),
// and tell apart as the engine needs them to.
func TestClosureReadsTheSameOverRESTAndGraphQL(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(3)
	nums := f.Sim.PurchaseOrderNumbers()
	cancelled, lineCancelled, received := nums[0], nums[1], nums[2]
	f.Sim.CancelPurchaseOrder(cancelled)
	f.Sim.CancelPurchaseOrderLine(lineCancelled, 1000)
	if err := f.Sim.ReceiveInFull(received); err != nil {
		t.Fatal(err)
	}
	want := map[string]core.Closure{cancelled: core.Cancelled, lineCancelled: core.Open, received: core.ClosedByReceipt}
	for name, read := range map[string]func(string) (*core.PurchaseOrder, error){
		"rest": func(n string) (*core.PurchaseOrder, error) { return f.REST(t).PurchaseOrder(context.Background(), n) },
		"graphql": func(n string) (*core.PurchaseOrder, error) {
			return f.GraphQL(t, x3auth.Basic).PurchaseOrder(context.Background(), n)
		},
	} {
		for num, closure := range want {
			po, err := read(num)
			if err != nil {
				t.Fatalf("%s %s: %v", name, num, err)
			}
			if got, err := core.ClosureOf(po); got != closure || err != nil {
				t.Errorf("%s: PO %s reads as closure %v (%v), want %v: %+v", name, num, got, err, closure, po)
			}
		}
		po, _ := read(lineCancelled)
		if !po.Lines[0].CancelledByBuyer() || len(po.OrderedLines()) != len(po.Lines)-1 {
			t.Errorf("%s: line 1000 of %s is not read as cancelled by the buyer: %+v", name, lineCancelled, po.Lines)
		}
	}
}

// A stock GraphQL site documents isClosed and receiptStatus on the order
// only: the lines' closure is reported missing (optional), and a closed
// PO still reads as what the header says.
func TestStockSiteReportsTheLineClosureItLacks(t *testing.T) {
	f := x3test.NewSite(t, x3test.Stock)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQL(t, x3auth.ConnectedApp)
	d, err := c.Discover(context.Background(), x3test.AllCapabilities)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"PORDERQ.LINCLEFLG", "PORDERQ.RCPCLEFLG"} {
		if it, ok := x3test.FindItem(d, core.CapReadLines, key); !ok || it.Status != core.SetupMissing || !it.Optional {
			t.Errorf("%s: item %+v", key, it)
		}
	}
	for _, key := range []string{"isClosed (PORDER.CLEFLG", "receiptStatus (PORDER.RCPFLG"} {
		if it, ok := x3test.FindItem(d, core.CapPollPOs, key); !ok || it.Status != core.SetupOK {
			t.Errorf("%s: item %+v", key, it)
		}
	}
	if err := f.Sim.ReceiveInFull("PODC0100042"); err != nil {
		t.Fatal(err)
	}
	po, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil {
		t.Fatal(err)
	}
	if closure, err := core.ClosureOf(po); closure != core.ClosedByReceipt || err != nil || po.Lines[0].Closed != core.FlagUnread {
		t.Errorf("closure %v (%v), lines %+v", closure, err, po.Lines)
	}
}
