package graphql_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// A stock X3 has no acknowledgment operation and none of the undocumented
// properties: discovery says so with the fix, reads go on without the
// optional properties (logged once), the write is refused before anything
// is sent.
func TestStockSiteDiscoveryReportsTheMissingWriteOperationWithItsFix(t *testing.T) {
	f := x3test.NewSite(t, x3test.Stock)
	x3test.AddSamplePO(f.Sim)
	var logs bytes.Buffer
	c := f.GraphQLWith(t, x3auth.ConnectedApp, func(g *graphql.Config) {
		g.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	d, err := c.Discover(context.Background(), x3test.AllCapabilities)
	if err != nil {
		t.Fatal(err)
	}

	blocked := d.Blocked()
	ack, ok := x3test.FindItem(d, core.CapWrite855, "mutation x3Purchasing.purchaseOrder.update")
	if !ok || ack.Status != core.SetupMissing || ack.Optional || !strings.Contains(ack.Fix, "GESAPIOPE") ||
		!strings.Contains(ack.Fix, "x3.graphql.ack_operation") || len(blocked[core.CapWrite855]) == 0 {
		t.Errorf("855 operation item %+v, blocked %v", ack, blocked[core.CapWrite855])
	}
	if len(blocked[core.CapPollPOs]) != 0 || len(blocked[core.CapReadLines]) != 0 {
		t.Errorf("reading POs is blocked on a stock site: %v", blocked)
	}
	if buyer, ok := x3test.FindItem(d, core.CapPollPOs, "buyer.code (PORDER.BUY"); !ok || buyer.Status != core.SetupMissing ||
		!buyer.Optional || !strings.Contains(buyer.Fix, `x3.graphql.properties."PORDER.BUY"`) {
		t.Errorf("buyer item %+v", buyer)
	}
	if inv, ok := x3test.FindItem(d, core.CapPollInvoices, "node x3Purchasing.purchaseInvoice"); !ok || inv.Status != core.SetupMissing {
		t.Errorf("invoice node item %+v", inv)
	}

	po, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil {
		t.Fatalf("read on a stock site: %v", err)
	}
	if po.Supplier != "AURORA" || po.ReceivingSite != "DC01" || len(po.Lines) != 2 || po.Lines[1].Quantity != 1000 ||
		po.Buyer != "" || po.Lines[0].NetPrice != 0 {
		t.Errorf("read %+v", po)
	}
	_, _ = c.PurchaseOrder(context.Background(), "PODC0100042")
	if n := strings.Count(logs.String(), "(PORDER.BUY,"); n != 1 {
		t.Errorf("the missing buyer property was logged %d times, want once:\n%s", n, logs.String())
	}

	before := f.Count(x3test.IsGraphQL)
	_, err = c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"})
	ce := f.Classified(t, err, core.Permanent)
	if ce.Code != graphql.SetupMissingCode || !errors.Is(err, graphql.ErrSetupMissing) || !strings.Contains(ce.Message, "GESAPIOPE") {
		t.Errorf("write on a stock site: %+v", ce)
	}
	if f.Count(x3test.IsGraphQL) != before {
		t.Error("the refused write was sent")
	}
}

// An older release names the root and the line collection otherwise; the
// client reads and writes it after a change of configuration only.
func TestRenamedRootAndCollectionWorkAfterAConfigurationChange(t *testing.T) {
	older := func(c *x3sim.Config) {
		c.GraphQL = x3sim.GraphQLNames{Root: "xtremX3Purchasing", OrderLines: "purchaseOrderQuantityLines"}
	}
	f := x3test.NewSite(t, older)
	x3test.AddSamplePO(f.Sim)

	defaults := f.GraphQL(t, x3auth.ConnectedApp)
	_, err := defaults.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.Classified(t, err, core.Permanent); !strings.Contains(ce.Message, "GraphQL root x3Purchasing") {
		t.Errorf("with the default names: %v", err)
	}

	c := f.GraphQLWith(t, x3auth.ConnectedApp, func(g *graphql.Config) {
		g.Names = graphql.Names{Root: "xtremX3Purchasing", OrderLines: "purchaseOrderQuantityLines"}
	})
	po, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil || len(po.Lines) != 2 || po.Lines[0].SupplierItem != "AS-32F411-LQ64" {
		t.Fatalf("read with the configured names: %+v %v", po, err)
	}
	patch := map[string]any{"OCNNUM": "ACK-1", graphql.LinesField: []map[string]any{{"POPLIN": 2000, "POQSEQ": 1, "LINOCNFLG": 2}}}
	if _, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", patch); err != nil {
		t.Fatal(err)
	}
	if stored, _ := f.Sim.PurchaseOrder("PODC0100042"); stored.AckNumber != "ACK-1" || stored.Lines[1].AckFlag != 2 {
		t.Errorf("stored %+v", stored)
	}
}

// A property renamed on the site (here the client is told another name
// for the line's supplier product, which this site lacks): optional, so
// it is left out and reported; required ones stop the capability.
func TestAMissingRequiredPropertyStopsItsCapabilityNamingIt(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQLWith(t, x3auth.ConnectedApp, func(g *graphql.Config) {
		g.Names = graphql.Names{Properties: map[string]string{"PORDERQ.QTYUOM": "orderedQuantity",
			"PORDERQ.ITMREFBPS": "supplierItemCode"}}
	})
	_, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	ce := f.Classified(t, err, core.Permanent)
	if !strings.Contains(ce.Message, "property PurchaseOrderLine.orderedQuantity (PORDERQ.QTYUOM") ||
		strings.Contains(ce.Message, "supplierItemCode") {
		t.Errorf("message %q: want the missing required property named, not the optional one", ce.Message)
	}
}

func receiptTarget(g *graphql.Config)  { g.ASNTarget = core.ASNReceipt }
func shipmentTarget(g *graphql.Config) { g.ASNTarget = core.ASNShipment }

var asn = core.X3Shipment{ID: "ASN-77/P1", ASNNumber: "ASN-77", Supplier: "AURORA", Site: "DC01", ShipDate: "2026-12-01",
	Expected: "2026-12-03", Carrier: "UPSN", Tracking: "1Z999",
	Lines: []core.X3ShipmentLine{{PONumber: "PODC0100042", Line: 1000, Seq: 1, Item: "MCU-32F411", Quantity: 120, Unit: "EA"}}}

// The 856 as a purchase receipt (the documented purchaseReceipt.create):
// made once, and found again by its packing slip.
func TestReceiptIsCreatedOnceAndFoundAgain(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQLWith(t, x3auth.ConnectedApp, receiptTarget)
	ctx := context.Background()
	for delivery := 1; delivery <= 2; delivery++ {
		ref, found, err := c.FindShipment(ctx, core.ASNReceipt, asn)
		if err != nil {
			t.Fatal(err)
		}
		if found != (delivery == 2) {
			t.Fatalf("delivery %d: found %v (%q)", delivery, found, ref)
		}
		if !found {
			if ref, _, err = c.CreateShipment(ctx, core.ASNReceipt, asn); err != nil || ref == "" {
				t.Fatalf("create: %q %v", ref, err)
			}
		}
	}
	r := f.Sim.Receipts()
	if len(r) != 1 || r[0].PackingSlip != asn.ID || r[0].Date != "2026-12-03" || r[0].Lines[0].Quantity != 120 || r[0].CreatedBy != x3test.User {
		t.Errorf("receipts %+v", r)
	}
}

// The 856 as an inbound shipment through the configured operation.
func TestShipmentIsCreatedThroughTheConfiguredOperationOnce(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQLWith(t, x3auth.ConnectedApp, shipmentTarget)
	ctx := context.Background()
	if _, found, err := c.FindShipment(ctx, core.ASNShipment, asn); err != nil || found {
		t.Fatalf("before: %v %v", found, err)
	}
	ref, _, err := c.CreateShipment(ctx, core.ASNShipment, asn)
	if err != nil || ref != asn.ID {
		t.Fatalf("create: %q %v", ref, err)
	}
	if ref, found, err := c.FindShipment(ctx, core.ASNShipment, asn); err != nil || !found || ref != asn.ID {
		t.Errorf("after: %q %v %v", ref, found, err)
	}
	s := f.Sim.Shipments()
	if len(s) != 1 || s[0].Carrier != "UPSN" || s[0].Lines[0].POLine != 1000 || s[0].Lines[0].Quantity != 120 {
		t.Errorf("shipments %+v", s)
	}
}

// On a stock site the receipt can be made (documented) but not found
// again (no packing-slip property), and no shipment operation exists.
func TestStockSiteLacksWhatFindsAShipmentAgain(t *testing.T) {
	f := x3test.NewSite(t, x3test.Stock)
	ctx := context.Background()
	for _, tc := range []struct {
		setup  func(*graphql.Config)
		target core.ASNTarget
		want   string
	}{
		{receiptTarget, core.ASNReceipt, "PRECEIPT.BPSNDE"},
		{shipmentTarget, core.ASNShipment, "node x3Purchasing.purchaseShipment"},
	} {
		c := f.GraphQLWith(t, x3auth.ConnectedApp, tc.setup)
		d, err := c.Discover(ctx, []core.X3Capability{core.CapRecord856})
		if err != nil {
			t.Fatal(err)
		}
		it, ok := x3test.FindItem(d, core.CapRecord856, tc.want)
		if !ok || it.Status != core.SetupMissing || it.Fix == "" {
			t.Errorf("%s: item %+v", tc.target, it)
		}
		_, _, err = c.FindShipment(ctx, tc.target, asn)
		if !errors.Is(err, graphql.ErrSetupMissing) {
			t.Errorf("%s: find on a stock site: %v", tc.target, err)
		}
	}
}

func TestDiscoveryIsStampedWithTheClientClock(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.GraphQLWith(t, x3auth.ConnectedApp, func(g *graphql.Config) { g.Now = f.Clock.Now })
	d, err := c.Discover(context.Background(), []core.X3Capability{core.CapPollPOs})
	if err != nil || d.API != "graphql" || !d.At.Equal(f.Clock.Now()) || len(d.Items) == 0 {
		t.Errorf("discovery %+v %v", d, err)
	}
	for _, it := range d.Items {
		if it.Capability != core.CapPollPOs {
			t.Errorf("item of a capability not asked for: %+v", it)
		}
	}
}

// A capability found blocked is looked at again after a minute: the X3
// administrator's setup is taken up without a restart.
func TestABlockedCapabilityIsDiscoveredAgainAfterAMinute(t *testing.T) {
	f := x3test.NewSite(t, x3test.Stock)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQLWith(t, x3auth.ConnectedApp, func(g *graphql.Config) { g.Now = f.Clock.Now })
	ctx := context.Background()
	for range 2 {
		if _, err := c.UpdatePurchaseOrder(ctx, "PODC0100042", map[string]any{"OCNNUM": "A"}); !errors.Is(err, graphql.ErrSetupMissing) {
			t.Fatalf("stock site: %v", err)
		}
	}
	before := f.Count(x3test.IsGraphQL)
	_, _ = c.UpdatePurchaseOrder(ctx, "PODC0100042", map[string]any{"OCNNUM": "A"})
	if f.Count(x3test.IsGraphQL) != before {
		t.Error("a blocked capability was rediscovered within the minute")
	}
	f.Clock.Advance(61 * time.Second)
	_, _ = c.UpdatePurchaseOrder(ctx, "PODC0100042", map[string]any{"OCNNUM": "A"})
	if f.Count(x3test.IsGraphQL) == before {
		t.Error("a blocked capability was not looked at again after a minute")
	}
}
