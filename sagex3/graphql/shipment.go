package graphql

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.ShipmentWriter = (*Client)(nil)

// FindShipment looks for what an earlier delivery of the same ship notice
// made: a purchase receipt whose packing slip is the shipment ID
// (target receipt), or the inbound shipment of that ID (target shipment).
func (c *Client) FindShipment(ctx context.Context, target core.ASNTarget, s core.X3Shipment) (string, bool, error) {
	id := s.ID
	op := "x3 find shipment " + id + " (GraphQL)"
	if _, err := c.shipmentReady(ctx, op, target); err != nil {
		return "", false, err
	}
	var query, node, operation, refKey string
	switch target {
	case core.ASNReceipt:
		node, operation, refKey = c.names.Receipt, "query", "PRECEIPT.PTHNUM"
		filter := "{" + c.names.Properties["PRECEIPT.BPSNDE"] + ":" + filterLiteral(id) + "}"
		query = `{ ` + c.root + ` { ` + node + ` { query(filter: ` + gqlLiteral(filter) + `, first: 2) { edges { node { ` +
			selection([]string{c.names.Properties[refKey]}) + ` } } } } } }`
	default:
		node, operation, refKey = c.names.Shipment, c.names.ShipmentRead, "SHIPMENT.ID"
		query = `{ ` + c.root + ` { ` + node + ` { ` + operation + `(_id: ` + gqlLiteral(id) + `) { ` +
			selection([]string{c.names.Properties[refKey]}) + ` } } } }`
	}
	body, err := c.post(ctx, op, gqlRequest{Query: query})
	if err != nil {
		return "", false, err
	}
	data, err := decodeData(op, body)
	if err != nil {
		return "", false, err
	}
	raw, err := dig(op, data, c.root, node, operation)
	if err != nil {
		return "", false, err
	}
	return c.foundRef(op, target, raw, refKey)
}

// foundRef reads the reference of what was found: a receipt query's only
// node, or a shipment read's node; null or no edge means none.
func (c *Client) foundRef(op string, target core.ASNTarget, raw json.RawMessage, refKey string) (string, bool, error) {
	if target == core.ASNReceipt {
		var conn struct {
			Edges []struct {
				Node json.RawMessage `json:"node"`
			} `json:"edges"`
		}
		if json.Unmarshal(raw, &conn) != nil {
			return "", false, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the receipt listing cannot be read"}
		}
		switch len(conn.Edges) {
		case 0:
			return "", false, nil
		case 1:
			raw = conn.Edges[0].Node
		default:
			return "", false, &core.Error{Class: core.Permanent, Op: op, Status: 200,
				Message: "more than one purchase receipt carries this packing slip: an operator must tell which the ship notice made"}
		}
	}
	if len(raw) == 0 || string(raw) == "null" {
		return "", false, nil
	}
	r, err := decodeRecord(raw, c.names)
	if err != nil || r.text(refKey) == "" {
		return "", false, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the record found has no " + c.names.Properties[refKey]}
	}
	return r.text(refKey), true, nil
}

// CreateShipment records a ship notice: purchaseReceipt.create (target
// receipt, documented) or the site's shipment operation (target
// shipment). The caller looks with FindShipment first, so a second
// delivery of the same notice makes nothing new.
func (c *Client) CreateShipment(ctx context.Context, target core.ASNTarget, s core.X3Shipment) (string, json.RawMessage, error) {
	op := "x3 record shipment " + s.ID + " (GraphQL)"
	v, err := c.shipmentReady(ctx, op, target)
	if err != nil {
		return "", nil, err
	}
	node, operation, refKey, data := c.names.Shipment, c.names.ShipmentOperation, "SHIPMENT.ID", c.shipmentData(v, s)
	if target == core.ASNReceipt {
		node, operation, refKey, data = c.names.Receipt, c.names.ReceiptOperation, "PRECEIPT.PTHNUM", c.receiptData(v, s)
	}
	mutation := `mutation($data: ` + v.input + `!) { ` + c.root + ` { ` + node + ` { ` + operation +
		`(data: $data) { ` + selection([]string{c.names.Properties[refKey]}) + ` } } } }`
	body, err := c.post(ctx, op, gqlRequest{Query: mutation, Variables: map[string]any{"data": data}})
	if err != nil {
		return "", nil, err
	}
	raw, err := c.resultNode(op, body, node, operation)
	if err != nil {
		return "", nil, err
	}
	ref, ok, err := c.foundRef(op, core.ASNShipment, raw, refKey)
	if err != nil || !ok {
		return "", raw, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "X3 answered without the record it made"}
	}
	return ref, raw, nil
}

// shipmentReady checks that the 856 route discovered is the one asked for.
func (c *Client) shipmentReady(ctx context.Context, op string, target core.ASNTarget) (*gqlView, error) {
	if target != c.asnTarget || (target != core.ASNReceipt && target != core.ASNShipment) {
		return nil, &core.Error{Class: core.Permanent, Op: op,
			Message: fmt.Sprintf("the GraphQL client records ship notices as %q, not %q", c.asnTarget, target)}
	}
	return c.ready(ctx, op, core.CapRecord856)
}

// receiptData is purchaseReceipt.create's data (docs/sagex3-api.md §2.7);
// the packing slip carries the shipment ID so it can be found again.
func (c *Client) receiptData(v *gqlView, s core.X3Shipment) map[string]any {
	b := inputBuilder{c: c, v: v, scope: "receipt"}
	data := b.object(kv{"PRECEIPT.PRHFCY", s.Site}, kv{"PRECEIPT.RCPDAT", cmp.Or(s.Expected, s.ShipDate)},
		kv{"PRECEIPT.BPSNUM", s.Supplier}, kv{"PRECEIPT.BPSNDE", s.ID})
	var lines []map[string]any
	for _, l := range s.Lines {
		lines = append(lines, b.object(kv{"PRECEIPTD.POHNUM", l.PONumber}, kv{"PRECEIPTD.POPLIN", l.Line},
			kv{"PRECEIPTD.ITMREF", l.Item}, kv{"PRECEIPTD.UOM", l.Unit}, kv{"PRECEIPTD.QTYUOM", l.Quantity}))
	}
	data[c.names.ReceiptLines] = lines
	return data
}

// shipmentData is the shipment operation's data.
func (c *Client) shipmentData(v *gqlView, s core.X3Shipment) map[string]any {
	b := inputBuilder{c: c, v: v, scope: "shipment"}
	data := b.object(kv{"SHIPMENT.ID", s.ID}, kv{"SHIPMENT.BPSNUM", s.Supplier}, kv{"SHIPMENT.FCY", s.Site},
		kv{"SHIPMENT.SHIDAT", s.ShipDate}, kv{"SHIPMENT.EXPDAT", s.Expected}, kv{"SHIPMENT.CARRIER", s.Carrier},
		kv{"SHIPMENT.TRACKING", s.Tracking}, kv{"SHIPMENT.BOL", s.BillOfLading})
	var lines []map[string]any
	for _, l := range s.Lines {
		lines = append(lines, b.object(kv{"SHIPMENTD.POHNUM", l.PONumber}, kv{"SHIPMENTD.POPLIN", l.Line},
			kv{"SHIPMENTD.POQSEQ", l.Seq}, kv{"SHIPMENTD.ITMREF", l.Item}, kv{"SHIPMENTD.QTY", l.Quantity},
			kv{"SHIPMENTD.UOM", l.Unit}))
	}
	data[c.names.ShipmentLines] = lines
	return data
}

// kv is one column's value for a create's data.
type kv struct {
	key   string
	value any
}

// inputBuilder sets the properties of a create's data that the site has
// (discovery already stopped the capability if a required one is missing)
// and leaves out empty values.
type inputBuilder struct {
	c     *Client
	v     *gqlView
	scope string
}

func (b inputBuilder) object(values ...kv) map[string]any {
	out := map[string]any{}
	for _, x := range values {
		if b.v.has(b.scope, x.key) && x.value != "" && x.value != 0 {
			out[firstSegment(b.c.names.Properties[x.key])] = x.value
		}
	}
	return out
}

// filterLiteral quotes a value for an Xtrem filter string ('…', with
// backslash escapes).
func filterLiteral(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
