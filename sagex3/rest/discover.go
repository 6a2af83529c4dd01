package rest

import (
	"context"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.X3Discoverer = (*Client)(nil)

// facetNeed is what a capability needs of one representation's facet:
// properties of the record and, for lines, of one child collection.
type facetNeed struct {
	class, rep string // name keys
	facet      string
	props      []propNeed
	lines      string // name key of the collection; "" when no lines are needed
	lineProps  []propNeed
	step       string // the step of docs/x3-setup.md that sets it up
}

type propNeed struct {
	key      string
	optional bool
}

func req(keys ...string) []propNeed { return needs(false, keys) }
func opt(keys ...string) []propNeed { return needs(true, keys) }

func needs(optional bool, keys []string) []propNeed {
	out := make([]propNeed, len(keys))
	for i, k := range keys {
		out[i] = propNeed{key: k, optional: optional}
	}
	return out
}

// facetNeeds lists what a capability needs on this client's route.
func (c *Client) facetNeeds(cap core.X3Capability) []facetNeed {
	switch cap {
	case core.CapPollPOs:
		return []facetNeed{{class: POClass, rep: PORepresentation, facet: "$query", step: "step 2",
			props: append(req(PONumber, POUpdated), opt(POUpdatedDate)...)}}
	case core.CapReadLines:
		return []facetNeed{{class: POClass, rep: PORepresentation, facet: "$details", step: "step 2",
			props: append(req(PONumber, POSupplier, POReceivingSite, POOrderDate),
				opt(POSupplierName, POCompany, POOrderSite, POBuyer, POExpectedReceipt, POCurrency, POPaymentTerms, POReference, POTotal, POUpdated,
					POClosed, POReceived)...),
			lines: POLines, lineProps: append(req(LineNumber, LineItem, LineUnit, LineQuantity, LineNetPrice),
				opt(LineSeq, LineDescription, LineSupplierItem, LineExpectedReceipt, LineStatus, LineClosed, LineClosedByReceipt)...)}}
	case core.CapWrite855:
		return []facetNeed{{class: POClass, rep: POEditRepresentation, facet: "$edit", step: "step 3",
			props: append(req(POAckNumber), opt(POAckDate, POAckNotes)...),
			lines: POLines, lineProps: append(req(LineAckFlag), opt(LineAckNumber, LineAckDate, LineQuantity, LineExpectedReceipt, LineNetPrice)...)}}
	case core.CapRecord856:
		return c.shipmentNeeds()
	case core.CapPollInvoices:
		return []facetNeed{
			{class: InvoiceClass, rep: InvoiceRepresentation, facet: "$query", step: "step 6",
				props: append(req(InvoiceNumber, InvoiceUpdated), opt(InvoiceUpdatedDate)...)},
			{class: InvoiceClass, rep: InvoiceRepresentation, facet: "$details", step: "step 6",
				props: append(req(InvoiceNumber, InvoiceSupplier, InvoiceStatus),
					opt(InvoiceType, InvoiceSupplierDoc, InvoiceSupplierDate, InvoiceAccountingDate, InvoiceCurrency,
						InvoiceAmount, InvoiceAmountTax, InvoicePaymentTerms, InvoiceSite, InvoiceCompany)...),
				lines: InvoiceLines, lineProps: append(req(InvoiceLineNumber, InvoiceLineQuantity),
					opt(InvoiceLineItem, InvoiceLineDesc, InvoiceLineUnit, InvoiceLineNetPrice, InvoiceLineAmount,
						InvoiceLinePO, InvoiceLinePOLine, InvoiceLinePOSeq)...)},
		}
	}
	return nil
}

// shipmentNeeds is what recording ship notices needs on the route
// inbound.asn_target chose.
func (c *Client) shipmentNeeds() []facetNeed {
	if c.asnTarget == core.ASNFields {
		return []facetNeed{{class: POClass, rep: POEditRepresentation, facet: "$edit", step: "step 5",
			props: append(req(POASNNumber), opt(POShipDate, POCarrier, POTracking, POBillOfLading)...),
			lines: POLines, lineProps: append(req(LineShippedQuantity), opt(LineExpectedReceipt)...)}}
	}
	return []facetNeed{
		{class: ShipmentClass, rep: ShipmentRepresentation, facet: "$create", step: "step 4",
			props: append(req(ShipmentReference, ShipmentSupplier), opt(ShipmentSite, ShipmentShipDate, ShipmentArrivalDate,
				ShipmentCarrier, ShipmentTracking, ShipmentBillOfLading)...),
			lines: ShipmentLines, lineProps: append(req(ShipmentLinePO, ShipmentLinePOLine, ShipmentLineQuantity),
				opt(ShipmentLinePOSeq, ShipmentLineItem, ShipmentLineUnit)...)},
		{class: ShipmentClass, rep: ShipmentRepresentation, facet: "$query", step: "step 4",
			props: append(req(ShipmentReference, ShipmentSupplier), opt(ShipmentNumber)...)},
	}
}

// Discover reads the prototype of every representation facet the
// capabilities need and says, object by object, what the site has. The
// error is for a discovery that could not run (X3 unreachable, refused
// credentials); a missing representation is an item, not an error.
func (c *Client) Discover(ctx context.Context, caps []core.X3Capability) (core.X3Discovery, error) {
	d := core.X3Discovery{API: "rest", At: time.Now().UTC()}
	if c.asnTarget == core.ASNReceipt && contains(caps, core.CapRecord856) {
		d.Items = append(d.Items, core.X3SetupItem{Capability: core.CapRecord856, Name: "purchaseReceipt.create (GraphQL)",
			Status: core.SetupMissing, Fix: `inbound.asn_target = "receipt" needs x3.api = "graphql"; over api1 use "shipment" or "fields"`})
	}
	protos := map[string]*prototype{}
	found := &foundProperties{missing: map[string]bool{}, maxLen: map[string]int{}}
	for _, cp := range caps {
		for _, fn := range c.facetNeeds(cp) {
			key := c.names.Get(fn.class) + "/" + c.names.Get(fn.rep) + "." + fn.facet
			p, seen := protos[key]
			if !seen {
				var err error
				if p, err = c.fetchPrototype(ctx, c.names.Get(fn.class), c.names.Get(fn.rep), fn.facet); err != nil {
					return d, err
				}
				protos[key] = p
			}
			d.Items = append(d.Items, fn.check(cp, p, c.names)...)
			if fn.facet == "$edit" || fn.facet == "$create" {
				found.note(fn, p, c.names)
			}
		}
	}
	c.found.Store(found)
	return d, nil
}

func contains(caps []core.X3Capability, c core.X3Capability) bool {
	for _, x := range caps {
		if x == c {
			return true
		}
	}
	return false
}

// check turns a prototype (nil: the facet does not exist) into items.
func (fn facetNeed) check(cp core.X3Capability, p *prototype, n Names) []core.X3SetupItem {
	class, rep := n.Get(fn.class), n.Get(fn.rep)
	where := rep + "." + fn.facet
	facet := core.X3SetupItem{Capability: cp, Name: fmt.Sprintf("%s representation %s facet %s", class, rep, fn.facet), Status: core.SetupOK}
	if p == nil {
		facet.Status = core.SetupMissing
		facet.Fix = fmt.Sprintf("create representation %s of class %s with the %s facet (docs/x3-setup.md, %s), or name yours in x3.rest.%s",
			rep, class, fn.facet, fn.step, fn.rep)
		return []core.X3SetupItem{facet}
	}
	items := []core.X3SetupItem{facet}
	items = append(items, checkProps(cp, fn.props, p, n, where, rep, fn.step)...)
	if fn.lines == "" {
		return items
	}
	coll := n.Get(fn.lines)
	lines, ok := p.collections[coll]
	li := core.X3SetupItem{Capability: cp, Name: fmt.Sprintf("line collection %s in %s", coll, where), Status: core.SetupOK}
	if !ok {
		li.Status = core.SetupMissing
		li.Fix = fmt.Sprintf("set x3.rest.%s to the line collection of %s (it has: %s), or add the lines to it (docs/x3-setup.md, %s)",
			fn.lines, rep, orNone(p.collectionNames()), fn.step)
		return append(items, li)
	}
	items = append(items, li)
	return append(items, checkProps(cp, fn.lineProps, lines, n, where+" lines "+coll, rep, fn.step)...)
}

func checkProps(cp core.X3Capability, props []propNeed, p *prototype, n Names, where, rep, step string) []core.X3SetupItem {
	var items []core.X3SetupItem
	for _, pn := range props {
		name := n.Get(pn.key)
		it := core.X3SetupItem{Capability: cp, Name: fmt.Sprintf("property %s in %s", name, where), Status: core.SetupOK, Optional: pn.optional}
		if _, ok := p.props[name]; !ok {
			it.Status = core.SetupMissing
			it.Fix = fmt.Sprintf("add %s to representation %s (docs/x3-setup.md, %s), or set x3.rest.%s to the property your site uses",
				name, rep, step, pn.key)
		}
		items = append(items, it)
	}
	return items
}

// foundProperties is what the last discovery found of the facets the
// client writes through ($edit, $create): the optional properties a site
// lacks, which a write leaves out instead of being refused for them, and
// the maximum lengths it declares.
type foundProperties struct {
	missing map[string]bool // rep, scope and property
	maxLen  map[string]int  // rep, scope and property
}

const (
	scopeHeader = "header"
	scopeLines  = "lines"
)

func foundKey(rep, scope, prop string) string { return rep + "\x00" + scope + "\x00" + prop }

// note records what fn's facet has (nothing when the facet or the
// collection is missing: the capability is blocked then).
func (f *foundProperties) note(fn facetNeed, p *prototype, n Names) {
	if p == nil {
		return
	}
	rep := n.Get(fn.rep)
	f.record(rep, scopeHeader, fn.props, p, n)
	if lines, ok := p.collections[n.Get(fn.lines)]; ok && fn.lines != "" {
		f.record(rep, scopeLines, fn.lineProps, lines, n)
	}
}

func (f *foundProperties) record(rep, scope string, props []propNeed, p *prototype, n Names) {
	for _, pn := range props {
		name := n.Get(pn.key)
		pp, ok := p.props[name]
		if pn.optional && !ok {
			f.missing[foundKey(rep, scope, name)] = true
		}
		if ok && pp.MaxLength > 0 {
			f.maxLen[foundKey(rep, scope, name)] = pp.MaxLength
		}
	}
}

// leftOut reports whether a write through rep leaves prop out: discovery
// found it missing, and it is optional.
func (c *Client) leftOut(rep, scope, prop string) bool {
	f := c.found.Load()
	return f != nil && f.missing[foundKey(rep, scope, prop)]
}

// maxLength is the length discovery found declared for prop (0: unknown).
func (c *Client) maxLength(rep, scope, prop string) int {
	if f := c.found.Load(); f != nil {
		return f.maxLen[foundKey(rep, scope, prop)]
	}
	return 0
}
