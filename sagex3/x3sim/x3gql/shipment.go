package x3gql

import (
	"context"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// gqlShipment resolves the shipment node a configured site sets up on
// inbound shipments (GESSHIP); see sdl.go.
type gqlShipment struct{ sh *x3sim.Shipment }

func (g *gqlShipment) ID() gqlID                      { return gqlID(g.sh.ID) }
func (g *gqlShipment) Supplier() *gqlSupplier         { return supplierOf(g.sh.Supplier, "") }
func (g *gqlShipment) ReceiptSite() *gqlCode          { return codeOf(g.sh.Site) }
func (g *gqlShipment) ShipmentDate() *gqlDate         { return dateOf(g.sh.ShipDate) }
func (g *gqlShipment) ExpectedDeliveryDate() *gqlDate { return dateOf(g.sh.Expected) }
func (g *gqlShipment) Carrier() *string               { return textOf(g.sh.Carrier) }
func (g *gqlShipment) TrackingNumber() *string        { return textOf(g.sh.Tracking) }
func (g *gqlShipment) BillOfLading() *string          { return textOf(g.sh.BillOfLading) }
func (g *gqlShipment) Lines() *gqlShipmentLines       { return &gqlShipmentLines{g.sh} }

type gqlShipmentLines struct{ sh *x3sim.Shipment }

func (c *gqlShipmentLines) Query(args gqlPageArgs) (*gqlConnection[*gqlShipmentLine], error) {
	lines := make([]*gqlShipmentLine, len(c.sh.Lines))
	for i := range c.sh.Lines {
		lines[i] = &gqlShipmentLine{n: i + 1, l: c.sh.Lines[i]}
	}
	return pageOf(lines, args)
}

type gqlShipmentLine struct {
	n int
	l x3sim.ShipmentLine
}

func (g *gqlShipmentLine) LineNumber() int32              { return int32(g.n * 1000) }
func (g *gqlShipmentLine) PurchaseOrder() string          { return g.l.PO }
func (g *gqlShipmentLine) PurchaseOrderLineNumber() int32 { return int32(g.l.POLine) }
func (g *gqlShipmentLine) PurchaseOrderSequenceNumber() *int32 {
	n := int32(g.l.POSeq)
	return &n
}
func (g *gqlShipmentLine) Product() *gqlProduct { return &gqlProduct{code: g.l.Item} }
func (g *gqlShipmentLine) Quantity() gqlDecimal { return gqlDecimal(g.l.Quantity) }
func (g *gqlShipmentLine) Unit() *gqlCode       { return codeOf(g.l.Unit) }

// gqlShipmentOperations resolves the shipment node's read(_id:).
type gqlShipmentOperations struct{ s *x3sim.Server }

func (o *gqlShipmentOperations) Read(args gqlReadArgs) *gqlShipment {
	sh, ok := o.s.Shipment(string(args.ID))
	if !ok {
		return nil
	}
	return &gqlShipment{&sh}
}

// gqlShipmentMutations resolves the shipment operation's create.
type gqlShipmentMutations struct{ s *x3sim.Server }

func (m *gqlShipmentMutations) Create(ctx context.Context, args gqlDataArgs) (*gqlShipment, error) {
	d := inputOf(args.Data)
	sh := x3sim.Shipment{ID: d.text("id"), Supplier: d.text("supplier"), Site: d.text("receiptSite"),
		ShipDate: d.text("shipmentDate"), Expected: d.text("expectedDeliveryDate"), Carrier: d.text("carrier"),
		Tracking: d.text("trackingNumber"), BillOfLading: d.text("billOfLading"), Created: m.s.Now(), CreatedBy: gqlUser(ctx)}
	for _, line := range d.list("lines") {
		sh.Lines = append(sh.Lines, x3sim.ShipmentLine{PO: line.text("purchaseOrder"), POLine: line.integer("purchaseOrderLineNumber"),
			POSeq: line.integer("purchaseOrderSequenceNumber"), Item: line.text("product"), Unit: line.text("unit"),
			Quantity: line.number("quantity")})
	}
	if len(sh.Lines) == 0 {
		return nil, &gqlFieldError{message: "shipment " + sh.ID + " has no line"}
	}
	stored, err := m.s.AddShipment(sh)
	if err != nil {
		return nil, &gqlFieldError{message: err.Error()}
	}
	return &gqlShipment{&stored}, nil
}
