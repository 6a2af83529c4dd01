package core_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/store"
)

// toShipments sends the rig's 856s into X3 shipments.
func toShipments(r *inboxRig) {
	r.inbox.Stop()
	r.inbox.ASNTarget, r.inbox.Shipments = core.ASNShipment, r.client
	if err := r.inbox.Start(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

func TestInbox_856BecomesOneX3Shipment_AlsoWhenTheSameASNComesTwice(t *testing.T) {
	r := newInboxRig(t)
	toShipments(r)
	before := r.writes()
	d := r.settle(r.deliver("tx-856", core.Kind856, "p1", asn("ASN-1", "PO1", "1000:4", "2000:5")))
	if d.State != core.StateApplied {
		t.Fatalf("856 ended %s: %s", d.State, d.LastError)
	}
	ships := r.x3.Shipments()
	if len(ships) != 1 {
		t.Fatalf("%d shipments, want 1", len(ships))
	}
	sh := ships[0]
	if sh.Reference != "ASN-1" || sh.Supplier != r.supplier || sh.Carrier != "UPSN" || sh.BillOfLading != "BOL-ASN-1" ||
		sh.Expected != "2026-01-24" || len(sh.Lines) != 2 || sh.Lines[0].Quantity != 4 || sh.Lines[1].POLine != 2000 {
		t.Errorf("shipment %+v", sh)
	}
	if po := r.po("PO1"); po.Lines[0].InTransit != 4 || r.writes() != before {
		t.Errorf("the PO carries the shipment (in transit %v) and was not written (%d writes)", po.Lines[0].InTransit, r.writes()-before)
	}
	if out, _ := r.db.ListDocuments(context.Background(), store.Filter{Kind: core.Kind850}); out[0].State != core.StateShipped {
		t.Errorf("850 state %s, want shipped", out[0].State)
	}

	// The same ship notice again, as another transaction: X3 holds it.
	d2 := r.settle(r.deliver("tx-856-again", core.Kind856, "p1", asn("ASN-1", "PO1", "1000:4", "2000:5")))
	if d2.State != core.StateApplied || len(r.x3.Shipments()) != 1 {
		t.Errorf("second delivery: %s, %d shipments", d2.State, len(r.x3.Shipments()))
	}
	if !auditSays(t, r, d2.ID, "was recorded by inbound document") || !auditSays(t, r, d2.ID, sh.ID) {
		t.Error("the audit trail does not say the ship notice was recorded before")
	}
	// A third 856 of the PO ships the rest: the duplicate counted nothing.
	if d3 := r.settle(r.deliver("tx-856-rest", core.Kind856, "p1", asn("ASN-2", "PO1", "1000:6"))); d3.State != core.StateApplied {
		t.Errorf("the rest of the line: %s %s", d3.State, d3.LastError)
	}
}

// X3 made the shipment but its answer was lost: the retry finds it.
func TestInbox_ShipmentWhoseAnswerWasLostIsFoundNotRemade(t *testing.T) {
	r := newInboxRig(t)
	toShipments(r)
	r.faults.Next(1, x3sim.IsWrite, faultinject.Fault{DropAfterCommit: true})
	d := r.settle(r.deliver("tx-856", core.Kind856, "p1", asn("ASN-9", "PO1", "1000:4")))
	if d.State != core.StateApplied || len(r.x3.Shipments()) != 1 || d.Attempts < 2 {
		t.Errorf("856 %s after %d attempts, %d shipments; want applied once, on a later attempt", d.State, d.Attempts, len(r.x3.Shipments()))
	}
}

// failingFinish loses the outcome of inbound documents, as a process
// that dies between the X3 write and the commit of its outcome.
type failingFinish struct {
	*store.DB
	lost atomic.Int32
}

func (f *failingFinish) FinishInbound(context.Context, core.InboundOutcome) error {
	f.lost.Add(1)
	return errors.New("disk gone")
}

func TestInbox_ShipmentMadeBeforeACrashIsFoundAfterTheRestart(t *testing.T) {
	r := newInboxRig(t)
	toShipments(r)
	r.inbox.Stop()
	crashing := &failingFinish{DB: r.db}
	first := &core.Inbox{EDI: r.stedi, ERP: r.client, Writer: r.client, Store: crashing, Partners: r.partners, Map: r.mc,
		ASNTarget: core.ASNShipment, Shipments: r.client, Idle: 10 * time.Millisecond,
		Bus: r.bus, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
	if err := first.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	id := r.deliver("tx-856", core.Kind856, "p1", asn("ASN-5", "PO1", "1000:4", "3000:2"))
	first.Wake()
	r.waitFor(func() bool { return crashing.lost.Load() >= 5 })
	first.Stop() // the process is gone; its claim stays, with a lease
	if n := len(r.x3.Shipments()); n != 1 {
		t.Fatalf("%d shipments before the restart, want the one X3 made", n)
	}

	if err := r.inbox.Start(context.Background()); err != nil { // the restart requeues the claim
		t.Fatal(err)
	}
	r.inbox.Wake()
	d := r.settle(id)
	if d.State != core.StateApplied || len(r.x3.Shipments()) != 1 {
		t.Errorf("after the restart: %s, %d shipments; want applied, one shipment", d.State, len(r.x3.Shipments()))
	}
}

// The write side waits while X3 lacks its setup, and goes on by itself
// once an administrator has done it: no replay, no attempt spent.
func TestInbox_WriteBackWaitsForX3SetupThenGoesOutByItself(t *testing.T) {
	r := newInboxRigOn(t, rigSite{sim: func(c *x3sim.Config) { c.Site = x3sim.SiteStock }})
	r.inbox.Stop()
	setup := &core.X3Setup{Discoverer: r.client, Needs: []core.X3Capability{core.CapWrite855, core.CapRecord856},
		Store: r.db, Probe: 20 * time.Millisecond, Resumed: r.inbox.Wake, Bus: r.bus,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r.inbox.ASNTarget, r.inbox.Shipments, r.inbox.Setup = core.ASNShipment, r.client, setup
	if err := r.inbox.Start(context.Background()); err != nil {
		t.Fatal(err)
	}

	id := r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-1", "1000:IA:10", "2000:IA:5", "3000:IA:2"))
	r.waitFor(func() bool {
		d, _ := r.db.Document(context.Background(), id)
		return strings.Contains(d.LastError, "waiting for Sage X3 setup")
	})
	d, _ := r.db.Document(context.Background(), id)
	reason, _, _ := r.db.Control(context.Background(), core.ControlX3SetupPaused)
	if d.State != core.StateRetrying || d.Attempts != 0 || !strings.Contains(reason, "YPOACK facet $edit") ||
		!strings.Contains(reason, "YSHIPASN facet $create") || !strings.Contains(d.LastError, "docs/x3-setup.md") {
		t.Errorf("document %s (%d attempts): %s; pause %q", d.State, d.Attempts, d.LastError, reason)
	}

	r.x3.SetSite(x3sim.SiteConfigured) // the administrator's setup
	if err := setup.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(setup.Stop)
	d = r.settle(id)
	reason, _, _ = r.db.Control(context.Background(), core.ControlX3SetupPaused)
	if d.State != core.StateApplied || r.po("PO1").AckNumber != "SO-1" || reason != "" {
		t.Errorf("after the setup: %s %s, ack %q, pause %q", d.State, d.LastError, r.po("PO1").AckNumber, reason)
	}
}

// A site that named its line collection and representations otherwise
// works once the configuration names them.
func TestInbox_SiteWithOtherNamesWorksAfterConfiguration(t *testing.T) {
	names, err := rest.NewNames(map[string]string{rest.POLines: "ZLINES", rest.POEditRepresentation: "ZACK",
		rest.ShipmentRepresentation: "ZSHIP", rest.ShipmentLines: "ZSHIPD"})
	if err != nil {
		t.Fatal(err)
	}
	r := newInboxRigOn(t, rigSite{
		sim: func(c *x3sim.Config) {
			c.Names = x3sim.Names{POLines: "ZLINES", POEditRepresentation: "ZACK", ShipmentRepresentation: "ZSHIP", ShipmentLines: "ZSHIPD"}
		},
		client: func(c *rest.Config) { c.Names = names },
	})
	toShipments(r)
	if d := r.settle(r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-2", "1000:IC:8"))); d.State != core.StateReview {
		t.Fatalf("855: %s %s", d.State, d.LastError)
	}
	// The buyer accepts the new quantity: written through the renamed objects too.
	if d := r.settle(r.decide(r.pending()[core.ChangeQuantity].ID, true).WriteDocID); d.State != core.StateApplied {
		t.Fatalf("accepted change: %s %s", d.State, d.LastError)
	}
	if d := r.settle(r.deliver("tx-856", core.Kind856, "p1", asn("ASN-2", "PO1", "1000:8"))); d.State != core.StateApplied {
		t.Fatalf("856: %s %s", d.State, d.LastError)
	}
	if po := r.po("PO1"); po.AckNumber != "SO-2" || po.Lines[0].Quantity != 8 || len(r.x3.Shipments()) != 1 {
		t.Errorf("PO %+v, %d shipments", po, len(r.x3.Shipments()))
	}
}

func auditSays(t *testing.T, r *inboxRig, id int64, part string) bool {
	t.Helper()
	trail, err := r.db.AuditTrail(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range trail {
		if strings.Contains(e.Message, part) {
			return true
		}
	}
	return false
}

// waitFor re-checks cond on every event, and now and then: some waits
// (a lost commit) publish nothing.
func (r *inboxRig) waitFor(cond func() bool) {
	r.t.Helper()
	events, stop := r.bus.Subscribe(256)
	defer stop()
	deadline := time.After(30 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-events:
		case <-tick.C:
		case <-deadline:
			r.t.Fatal("timed out")
		}
	}
}
