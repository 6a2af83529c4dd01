package rest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.ShipmentWriter = (*Client)(nil)

// FindShipment looks for the X3 shipment made for a ship notice: the one
// of the supplier whose reference (x3.rest.shipment_reference, the
// supplier's document number) is the notice's BSN02.
func (c *Client) FindShipment(ctx context.Context, target core.ASNTarget, s core.X3Shipment) (string, bool, error) {
	op := "x3 find shipment " + s.ID
	if err := shipmentTarget(target); err != nil {
		return "", false, c.fail(op, core.Permanent, 0, err)
	}
	n := c.names
	where := n.Get(ShipmentReference) + " eq " + quote(s.ASNNumber) + " and " + n.Get(ShipmentSupplier) + " eq " + quote(s.Supplier)
	u := c.collectionURL(n.Get(ShipmentClass), param{"representation", n.Get(ShipmentRepresentation) + ".$query"},
		param{"count", "2"}, param{"where", where})
	page, err := c.readFeedPage(ctx, op, u)
	if err != nil {
		return "", false, err
	}
	if len(page.Resources) == 0 {
		if page.next != "" {
			return "", false, c.fail(op, core.Transient, http.StatusOK, errors.New("an empty page links to a next page"))
		}
		return "", false, nil
	}
	row := page.Resources[0]
	ref, _ := row.text(n.Get(ShipmentNumber))
	if ref == "" {
		ref, _ = row.text("$key")
	}
	return cmp.Or(ref, s.ID), true, nil
}

// quote writes an SData string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// CreateShipment makes an X3 shipment against the PO lines through the
// $create facet of the shipment representation, and returns its number
// and X3's answer (201 with the record as saved).
func (c *Client) CreateShipment(ctx context.Context, target core.ASNTarget, s core.X3Shipment) (string, json.RawMessage, error) {
	op := "x3 create shipment " + s.ID
	if err := shipmentTarget(target); err != nil {
		return "", nil, c.fail(op, core.Permanent, 0, err)
	}
	body, err := c.shipmentBody(s)
	if err != nil {
		return "", nil, c.fail(op, core.Permanent, 0, err)
	}
	n := c.names
	u := c.collectionURL(n.Get(ShipmentClass), param{"representation", n.Get(ShipmentRepresentation) + ".$create"})
	answer, err := c.call(ctx, op, http.MethodPost, u, body)
	if err != nil {
		return "", nil, err
	}
	r, err := decodeResource(answer)
	if err != nil {
		return "", nil, c.fail(op, core.Permanent, http.StatusCreated, fmt.Errorf("decoding the shipment: %w", err))
	}
	ref, _ := r.text(n.Get(ShipmentNumber))
	return cmp.Or(ref, s.ID), answer, nil
}

func shipmentTarget(target core.ASNTarget) error {
	if target != core.ASNShipment {
		return fmt.Errorf("api1 records ship notices as shipments (inbound.asn_target = \"shipment\"), not as %q", target)
	}
	return nil
}

// shipmentBody maps a shipment to the site's properties, leaving out
// empty values and optional properties the site does not have.
func (c *Client) shipmentBody(s core.X3Shipment) ([]byte, error) {
	rep := c.names.Get(ShipmentRepresentation)
	if max := c.maxLength(rep, scopeHeader, c.names.Get(ShipmentReference)); max > 0 && len([]rune(s.ASNNumber)) > max {
		return nil, fmt.Errorf("the ship notice's number %q (BSN02) is longer than %s takes (%d characters): name a longer property in x3.rest.%s",
			s.ASNNumber, c.names.Get(ShipmentReference), max, ShipmentReference)
	}
	body := map[string]any{}
	c.put(body, rep, scopeHeader, map[string]any{ShipmentReference: s.ASNNumber, ShipmentSupplier: s.Supplier,
		ShipmentSite: s.Site, ShipmentShipDate: s.ShipDate, ShipmentArrivalDate: s.Expected, ShipmentCarrier: s.Carrier,
		ShipmentTracking: s.Tracking, ShipmentBillOfLading: s.BillOfLading})
	var lines []map[string]any
	for _, l := range s.Lines {
		m := map[string]any{}
		c.put(m, rep, scopeLines, map[string]any{ShipmentLinePO: l.PONumber, ShipmentLinePOLine: l.Line,
			ShipmentLinePOSeq: l.Seq, ShipmentLineItem: l.Item, ShipmentLineQuantity: l.Quantity, ShipmentLineUnit: l.Unit})
		lines = append(lines, m)
	}
	if len(lines) == 0 {
		return nil, errors.New("a shipment without lines")
	}
	body[c.names.Get(ShipmentLines)] = lines
	return json.Marshal(body)
}

// put sets each value that is not empty under the property its name key
// names, unless discovery found that optional property missing.
func (c *Client) put(into map[string]any, rep, scope string, byKey map[string]any) {
	for key, v := range byKey {
		if v == "" || v == 0 {
			continue
		}
		prop := c.names.Get(key)
		if !c.leftOut(rep, scope, prop) {
			into[prop] = v
		}
	}
}
