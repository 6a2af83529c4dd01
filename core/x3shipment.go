package core

import (
	"context"
	"encoding/json"
)

// ASNTarget is where an 856 goes in Sage X3 (inbound.asn_target).
type ASNTarget string

const (
	// ASNShipment: an X3 inbound shipment (function GESSHIP) against the PO
	// lines, created through a representation with a $create facet (api1)
	// or a configured GraphQL operation.
	ASNShipment ASNTarget = "shipment"
	// ASNReceipt: a purchase receipt (PRECEIPT; GraphQL
	// purchaseReceipt.create), for sites that receive straight from the ASN.
	ASNReceipt ASNTarget = "receipt"
	// ASNFields: configured columns of the PO (custom Y* columns the site
	// added), written like an acknowledgment.
	ASNFields ASNTarget = "fields"
)

// X3Shipment is a ship notice as Sage X3 records it, against PO lines.
type X3Shipment struct {
	// ID is the shipment's identity: BSN02 and the partner, so a second
	// delivery of the same ASN finds the shipment it made.
	ID           string
	ASNNumber    string // BSN02
	Supplier     string // BPSNUM
	Site         string // receiving site
	ShipDate     string // YYYY-MM-DD
	Expected     string // expected delivery, YYYY-MM-DD
	Carrier      string
	Tracking     string
	BillOfLading string
	Lines        []X3ShipmentLine
}

// X3ShipmentLine is what one PO line ships.
type X3ShipmentLine struct {
	PONumber string
	Line     int     // POPLIN
	Seq      int     // POQSEQ
	Item     string  // ITMREF
	Quantity float64 // in the PO line's order unit
	Unit     string
}

// ShipmentWriter records ship notices in X3's own objects.
type ShipmentWriter interface {
	// FindShipment looks for the object made for s (by its identity: the
	// partner and BSN02, s.Supplier and s.ASNNumber, together s.ID); ok
	// is false when there is none.
	FindShipment(ctx context.Context, target ASNTarget, s X3Shipment) (ref string, ok bool, err error)
	// CreateShipment makes it and returns X3's reference and its answer.
	CreateShipment(ctx context.Context, target ASNTarget, s X3Shipment) (ref string, answer json.RawMessage, err error)
}
