package graphql

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.X3Discoverer = (*Client)(nil)

// gqlView is what discovery learned of a site for one capability, in the
// form the client builds its requests from.
type gqlView struct {
	at    time.Time // when discovery ran
	items []core.X3SetupItem
	// present holds "scope:KEY" for each property the site has: scope
	// "order" and "invoice" for reads, "ack", "receipt" and "shipment" for
	// the inputs of those write operations.
	present map[string]bool
	// checked holds "scope:KEY" for each property discovery looked for.
	checked map[string]bool
	// input is the input type of the write operation's data argument.
	input string
	// blocked names the required objects that are missing.
	blocked []string
}

func (v *gqlView) has(scope, key string) bool { return v != nil && v.present[scope+":"+key] }

// Discover reads the site's schema by introspection and reports, for each
// capability asked for, the GraphQL objects it needs, found or missing,
// with the configuration key or X3 setup step that provides a missing
// one. The client then builds its queries and writes from what exists.
func (c *Client) Discover(ctx context.Context, needs []core.X3Capability) (core.X3Discovery, error) {
	views, err := c.discover(ctx, needs)
	if err != nil {
		return core.X3Discovery{}, err
	}
	out := core.X3Discovery{API: "graphql", At: c.now()}
	for _, cap := range needs {
		out.Items = append(out.Items, views[cap].items...)
	}
	c.setViews(views)
	return out, nil
}

func (c *Client) discover(ctx context.Context, needs []core.X3Capability) (map[core.X3Capability]*gqlView, error) {
	d := &discoverer{ctx: ctx, in: newIntrospector(c), n: c.names, target: c.asnTarget}
	q, m, err := d.in.roots(ctx)
	if err != nil {
		return nil, err
	}
	d.query, d.mutation = q, m
	views := map[core.X3Capability]*gqlView{}
	for _, cap := range needs {
		d.v = &gqlView{at: c.now(), present: map[string]bool{}, checked: map[string]bool{}}
		d.capability(cap)
		if d.err != nil {
			return nil, d.err
		}
		views[cap] = d.v
	}
	return views, nil
}

// discoverer walks the schema for one discovery; the first transport or
// protocol error stops it.
type discoverer struct {
	ctx             context.Context
	in              *introspector
	n               Names
	target          core.ASNTarget
	v               *gqlView
	query, mutation string
	err             error
}

func (d *discoverer) capability(cap core.X3Capability) {
	switch cap {
	case core.CapPollPOs:
		if node := d.nodeType(cap, d.n.Order, "query", "x3.graphql.order"); node != "" {
			d.properties(cap, "order", node, orderHeaderNeeds, fixProperty)
		}
	case core.CapReadLines:
		if node := d.nodeType(cap, d.n.Order, "read", "x3.graphql.order"); node != "" {
			d.lineProperties(cap, "order", node, d.n.OrderLines, "x3.graphql.order_lines", orderLineNeeds)
		}
	case core.CapWrite855:
		d.writeInputs(cap, "ack", d.n.Order, d.n.AckOperation, fixAckOperation, ackHeaderNeeds, ackLineNeeds, d.n.OrderLines)
	case core.CapRecord856:
		d.record856(cap)
	case core.CapPollInvoices:
		if node := d.nodeType(cap, d.n.Invoice, "query", fixInvoiceNode); node != "" {
			d.properties(cap, "invoice", node, invoiceHeaderNeeds, fixProperty)
			d.lineProperties(cap, "invoice", node, d.n.InvoiceLines, "x3.graphql.invoice_lines", invoiceLineNeeds)
		}
	}
}

func (d *discoverer) record856(cap core.X3Capability) {
	switch d.target {
	case core.ASNFields:
		d.writeInputs(cap, "ack", d.n.Order, d.n.AckOperation, fixAckOperation, asnFieldHeaderNeeds, asnFieldLineNeeds, d.n.OrderLines)
	case core.ASNReceipt:
		if d.nodeType(cap, d.n.Receipt, "query", fixReceiptOperation(d.n.Receipt)) != "" {
			d.writeInputs(cap, "receipt", d.n.Receipt, d.n.ReceiptOperation, fixReceiptOperation, receiptHeaderNeeds, receiptLineNeeds, d.n.ReceiptLines)
		}
	default:
		if d.nodeType(cap, d.n.Shipment, d.n.ShipmentRead, fixShipmentOperation(d.n.Shipment)) != "" {
			d.writeInputs(cap, "shipment", d.n.Shipment, d.n.ShipmentOperation, fixShipmentOperation, shipmentHeaderNeeds, shipmentLineNeeds, d.n.ShipmentLines)
		}
	}
}

// item records one object: found, or missing with its fix.
func (d *discoverer) item(cap core.X3Capability, name string, found, required bool, fix string) {
	it := core.X3SetupItem{Capability: cap, Name: name, Status: core.SetupOK, Optional: !required}
	if !found {
		it.Status, it.Fix = core.SetupMissing, fix
		if required {
			d.v.blocked = append(d.v.blocked, name+" (fix: "+fix+")")
		}
	}
	d.v.items = append(d.v.items, it)
}

// field looks a field up, recording a stop on a transport error.
func (d *discoverer) field(typeName, name string) (gqlFieldInfo, bool) {
	if d.err != nil || typeName == "" {
		return gqlFieldInfo{}, false
	}
	f, ok, err := d.in.field(d.ctx, typeName, name)
	if err != nil {
		d.err = err
	}
	return f, ok
}

// nodeType finds root.node.operation on the query root and returns the
// node's type: the one read returns, or query's edges.node.
func (d *discoverer) nodeType(cap core.X3Capability, node, operation, fix string) string {
	pkg, ok := d.field(d.query, d.n.Root)
	d.item(cap, "GraphQL root "+d.n.Root, ok, true, fixRoot)
	if !ok {
		return ""
	}
	ops, ok := d.field(pkg.typeName, node)
	d.item(cap, "node "+d.n.Root+"."+node, ok, true, fix)
	if !ok {
		return ""
	}
	op, ok := d.field(ops.typeName, operation)
	d.item(cap, "operation "+node+"."+operation, ok, true, fix)
	if !ok {
		return ""
	}
	if operation != "query" {
		return op.typeName
	}
	edges, _ := d.field(op.typeName, "edges")
	n, _ := d.field(edges.typeName, "node")
	return n.typeName
}

// properties checks each needed property on a node type.
func (d *discoverer) properties(cap core.X3Capability, scope, typeName string, needs []gqlNeed, fix func(string) string) {
	for _, nd := range needs {
		path := d.n.Properties[nd.key]
		missing := ""
		if d.err == nil {
			missing, d.err = d.in.walk(d.ctx, typeName, path)
		}
		found := d.err == nil && missing == ""
		d.v.checked[scope+":"+nd.key] = true
		if found {
			d.v.present[scope+":"+nd.key] = true
		}
		d.item(cap, propertyName(typeName, path, nd.key), found, nd.required, fix(nd.key))
	}
}

// lineProperties finds a node's line collection and checks the line
// properties on its query's edges.node type.
func (d *discoverer) lineProperties(cap core.X3Capability, scope, nodeType, lines, fixKey string, needs []gqlNeed) {
	coll, ok := d.field(nodeType, lines)
	d.item(cap, "line collection "+nodeType+"."+lines, ok, true, fixKey)
	if !ok {
		return
	}
	q, _ := d.field(coll.typeName, "query")
	edges, _ := d.field(q.typeName, "edges")
	node, _ := d.field(edges.typeName, "node")
	d.properties(cap, scope, node.typeName, needs, fixProperty)
}

// writeInputs finds root.node.operation on the mutation root, its data
// argument's input type, and the properties (header, and lines under the
// collection) the write sets.
func (d *discoverer) writeInputs(cap core.X3Capability, scope, node, operation string, fix func(string) string,
	header, lines []gqlNeed, linesName string) {
	name := "mutation " + d.n.Root + "." + node + "." + operation
	pkg, ok := d.field(d.mutation, d.n.Root)
	ops, ok2 := d.field(pkg.typeName, node)
	op, ok3 := d.field(ops.typeName, operation)
	input := op.args["data"]
	d.item(cap, name, ok && ok2 && ok3 && input != "", true, fix(node))
	if input == "" {
		return
	}
	d.v.input = input
	d.inputProperties(cap, scope, input, header, fix)
	lineInput, ok, err := d.in.inputField(d.ctx, input, linesName)
	if err != nil {
		d.err = err
		return
	}
	d.item(cap, "input "+input+"."+linesName, ok, true, fix(node))
	if ok {
		d.inputProperties(cap, scope, lineInput, lines, fix)
	}
}

func (d *discoverer) inputProperties(cap core.X3Capability, scope, input string, needs []gqlNeed, fix func(string) string) {
	for _, nd := range needs {
		if d.err != nil {
			return
		}
		path := d.n.Properties[nd.key]
		_, ok, err := d.in.inputField(d.ctx, input, path)
		if err != nil {
			d.err = err
			return
		}
		d.v.checked[scope+":"+nd.key] = true
		if ok {
			d.v.present[scope+":"+nd.key] = true
		}
		d.item(cap, propertyName(input, path, nd.key), ok, nd.required, fix(nd.key))
	}
}

func propertyName(typeName, path, key string) string {
	src := propSource(key)
	if src == srcUnconfirmd {
		src = "name unconfirmed"
	} else if i := strings.Index(src, " ("); i > 0 {
		src = src[:i]
	}
	return fmt.Sprintf("property %s.%s (%s, %s)", typeName, path, key, src)
}

// The fixes discovery names for what is missing (docs/x3-setup.md (GraphQL)
// has the steps).
const (
	fixRoot        = `x3.graphql_root: this site's purchasing root (xtremX3Purchasing on 2021–2022 releases)`
	fixInvoiceNode = `x3.graphql.invoice: this site's supplier-invoice node (Sage documents none; docs/x3-setup.md step G6)`
)

func fixProperty(key string) string {
	return fmt.Sprintf(`x3.graphql.properties."%s": this site's name for the property (introspect the node; docs/x3-setup.md step G2)`, key)
}

func fixAckOperation(key string) string {
	if strings.Contains(key, ".") {
		return fmt.Sprintf(`X3 setup: map %s in the acknowledgment API operation (GESAPIOPE; docs/x3-setup.md step G3), or x3.graphql.properties."%s"`, key, key)
	}
	return `X3 setup: an API operation (GESAPIOPE) of mutation type Update on node purchaseOrder with the acknowledgment properties (docs/x3-setup.md step G3); x3.graphql.ack_operation if it has another name`
}

func fixReceiptOperation(key string) string {
	if strings.Contains(key, ".") {
		return fmt.Sprintf(`X3 setup: expose %s on purchaseReceipt's create (docs/x3-setup.md step G4), or x3.graphql.properties."%s"`, key, key)
	}
	return `X3 setup: an active Create operation on purchaseReceipt (GESAPIOPE; docs/x3-setup.md step G4), or inbound.asn_target = "shipment"`
}

func fixShipmentOperation(key string) string {
	if strings.Contains(key, ".") {
		return fmt.Sprintf(`X3 setup: map %s in the shipment operation (docs/x3-setup.md step G5), or x3.graphql.properties."%s"`, key, key)
	}
	return `X3 setup: a node on inbound shipments (GESSHIP) with read and a Create operation (GESAPIOPE; docs/x3-setup.md step G5); x3.graphql.shipment and shipment_operation name it, or inbound.asn_target = "receipt"`
}

// now is the client's clock, for the discovery's time.
func (c *Client) now() time.Time {
	if c.clock != nil {
		return c.clock()
	}
	return time.Now()
}

// blockedError says why a capability cannot work, naming what is missing.
func (v *gqlView) blockedError(op string, cap core.X3Capability) error {
	if len(v.blocked) == 0 {
		return nil
	}
	return &core.Error{Class: core.Permanent, Op: op, Code: SetupMissingCode, Err: ErrSetupMissing,
		Message: fmt.Sprintf("Sage X3 cannot %s over GraphQL: missing %s", cap, strings.Join(v.blocked, "; "))}
}
