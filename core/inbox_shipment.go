package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// asnTarget is inbound.asn_target, ASNFields when unset.
func (in *Inbox) asnTarget() ASNTarget {
	if in.ASNTarget == "" {
		return ASNFields
	}
	return in.ASNTarget
}

// recordShipment makes the X3 shipment (or receipt) of a ship notice whose
// lines all matched their POs, unless X3 already holds the one made for it
// (a second delivery of the ASN, or a crash between the X3 write and the
// commit of its outcome): the shipment's ID is the partner and BSN02.
func (in *Inbox) recordShipment(ctx context.Context, s *Shipment, targets []target, o *InboundOutcome) error {
	if in.Shipments == nil {
		return &Error{Class: Permanent, Op: "x3 record 856", Err: errors.New("this Sage X3 client cannot record ship notices as " +
			string(in.asnTarget()) + "s: set inbound.asn_target to a route it has (docs/x3-setup.md)")}
	}
	x := buildX3Shipment(s, targets)
	for _, t := range targets {
		in.answered(t, o)
	}
	ref, found, err := in.Shipments.FindShipment(ctx, in.asnTarget(), x)
	if err != nil {
		return fmt.Errorf("look for the %s of ship notice %s in Sage X3: %w", in.asnTarget(), x.ID, err)
	}
	o.Shipment = &RecordedShipment{ID: x.ID, Ref: ref}
	if found {
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "unchanged",
			Message: fmt.Sprintf("Sage X3 already holds %s %s for ship notice %s; nothing created", in.asnTarget(), ref, x.ID)})
		return nil
	}
	sent, _ := json.Marshal(x)
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "write",
		Message: fmt.Sprintf("create the %s of ship notice %s: %d line(s)", in.asnTarget(), x.ID, len(x.Lines)),
		Payload: &Payload{Kind: PayloadX3Patch, ContentType: "application/json", Body: sent}})
	ref, answer, err := in.Shipments.CreateShipment(ctx, in.asnTarget(), x)
	if err != nil {
		return fmt.Errorf("create the %s of ship notice %s in Sage X3: %w", in.asnTarget(), x.ID, err)
	}
	o.Shipment.Ref = ref
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "written",
		Message: fmt.Sprintf("Sage X3 recorded %s %s for ship notice %s", in.asnTarget(), ref, x.ID),
		Payload: &Payload{Kind: PayloadX3Answer, ContentType: "application/json", Body: answer}})
	return nil
}

// recordedBefore applies, writing nothing, a ship notice another applied
// document already recorded in X3 (the partner sent it again): its
// quantities are not counted twice.
func (in *Inbox) recordedBefore(ctx context.Context, d Document, s *Shipment, o InboundOutcome) (InboundOutcome, bool) {
	ledger, ok := in.Store.(ShipmentLedger)
	supplier, known := in.Partners.supplierOf(d.PartnershipID)
	if s == nil || in.asnTarget() == ASNFields || !ok || !known {
		return o, false
	}
	id := ShipmentID(supplier, s.ID)
	doc, ref, found, err := ledger.ShipmentRecorded(ctx, id)
	if err != nil || !found || doc == d.ID {
		return o, false
	}
	o.State = StateApplied
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "unchanged",
		Message: fmt.Sprintf("ship notice %s was recorded by inbound document %d as %s %s; nothing written", id, doc, in.asnTarget(), ref)})
	return o, true
}

// ShipmentID is the identity of the X3 shipment made for a ship notice:
// the partner (the PO's supplier) and BSN02, which a supplier keeps
// unique among its own ship notices.
func ShipmentID(supplier, asnNumber string) string { return supplier + "/" + asnNumber }

// buildX3Shipment turns a ship notice whose lines matched into what X3
// records: one line per PO line shipped, with this notice's quantity.
func buildX3Shipment(s *Shipment, targets []target) X3Shipment {
	first := targets[0].po
	x := X3Shipment{ID: ShipmentID(first.Supplier, s.ID), ASNNumber: s.ID, Supplier: first.Supplier,
		Site: first.ReceivingSite, ShipDate: firstNonEmpty(s.ShippedDate, s.Date), BillOfLading: s.BillOfLading}
	if s.Carrier != nil {
		x.Carrier = firstNonEmpty(s.Carrier.SCAC, s.Carrier.Routing)
	}
	if len(s.Tracking) > 0 {
		x.Tracking = s.Tracking[0]
	}
	for _, t := range targets {
		for _, sl := range t.patch.Shipped {
			line := poLine(t.po, sl.Line)
			x.Lines = append(x.Lines, X3ShipmentLine{PONumber: t.po.Number, Line: sl.Line, Seq: line.Seq,
				Item: line.Item, Quantity: sl.Quantity, Unit: line.Unit})
			x.Expected = max(x.Expected, sl.Delivery)
		}
	}
	return x
}

func poLine(po *PurchaseOrder, n int) POLine {
	for _, l := range po.Lines {
		if l.Line == n {
			return l
		}
	}
	return POLine{Line: n}
}
