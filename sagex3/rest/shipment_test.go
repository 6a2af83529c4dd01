package rest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
)

func sampleShipment() core.X3Shipment {
	return core.X3Shipment{ID: core.ShipmentID("AURORA", "ASN-77"), ASNNumber: "ASN-77", Supplier: "AURORA", Site: "DC01",
		ShipDate: "2026-11-27", Expected: "2026-11-30", Carrier: "FDEG", Tracking: "1Z1", BillOfLading: "BOL1",
		Lines: []core.X3ShipmentLine{{PONumber: "PODC0100042", Line: 2000, Seq: 1, Item: "IC-LDO-33", Quantity: 400, Unit: "EA"}}}
}

func TestShipmentIsCreatedOnceAndFoundAgain(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)
	ctx := context.Background()
	if _, found, err := c.FindShipment(ctx, core.ASNShipment, sampleShipment()); err != nil || found {
		t.Fatalf("before: found %v, %v", found, err)
	}
	ref, answer, err := c.CreateShipment(ctx, core.ASNShipment, sampleShipment())
	if err != nil {
		t.Fatal(err)
	}
	got := f.Sim.Shipments()
	if len(got) != 1 || ref != got[0].ID || got[0].Reference != "ASN-77" || got[0].Supplier != "AURORA" ||
		got[0].Carrier != "FDEG" || got[0].Lines[0].Quantity != 400 || !strings.Contains(string(answer), ref) {
		t.Errorf("created %q %s: %+v", ref, answer, got)
	}
	again, found, err := c.FindShipment(ctx, core.ASNShipment, sampleShipment())
	if err != nil || !found || again != ref {
		t.Errorf("found %q %v %v, want %q", again, found, err, ref)
	}
	other := sampleShipment()
	other.Supplier = "BLUERIDGE"
	if _, found, _ := c.FindShipment(ctx, core.ASNShipment, other); found {
		t.Error("another supplier's notice of the same number found this shipment")
	}
}

func TestShipmentRefusals(t *testing.T) {
	f := x3test.NewSite(t, x3test.Stock)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)
	ctx := context.Background()
	_, _, err := c.CreateShipment(ctx, core.ASNShipment, sampleShipment())
	if ce := x3test.Classified(t, err, core.Permanent); ce.Status != 404 {
		t.Errorf("a stock site has no shipment representation: %v", err)
	}
	_, _, err = c.CreateShipment(ctx, core.ASNReceipt, sampleShipment())
	x3test.Classified(t, err, core.Permanent)

	g := x3test.NewSite(t)
	x3test.AddSamplePO(g.Sim)
	c = g.REST(t)
	if _, err := c.Discover(ctx, []core.X3Capability{core.CapRecord856}); err != nil {
		t.Fatal(err)
	}
	long := sampleShipment()
	long.ASNNumber = strings.Repeat("9", 25)
	_, _, err = c.CreateShipment(ctx, core.ASNShipment, long)
	if ce := x3test.Classified(t, err, core.Permanent); !strings.Contains(ce.Error(), "x3.rest.shipment_reference") {
		t.Errorf("a BSN02 longer than the discovered length: %v", err)
	}
	if len(g.Sim.Shipments()) != 0 {
		t.Error("a refused shipment was created")
	}
}
