package x3gql

import (
	"context"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// gqlReceiptProperties are the purchaseReceipt properties a filter or an
// orderBy may name (the documented ones, and the packing slip a
// configured site exposes).
var gqlReceiptProperties = map[string]x3sim.Property[x3sim.Receipt]{
	"_id":                 x3sim.StringProp(func(r *x3sim.Receipt) string { return r.Number }),
	"id":                  x3sim.StringProp(func(r *x3sim.Receipt) string { return r.Number }),
	"_updateStamp":        x3sim.DateTimeProp(func(r *x3sim.Receipt) time.Time { return r.Created }),
	"receiptSite":         x3sim.StringProp(func(r *x3sim.Receipt) string { return r.Site }),
	"receiptDate":         x3sim.DateProp(func(r *x3sim.Receipt) string { return r.Date }),
	"supplier":            x3sim.StringProp(func(r *x3sim.Receipt) string { return r.Supplier }),
	"supplierPackingSlip": x3sim.StringProp(func(r *x3sim.Receipt) string { return r.PackingSlip }),
}

// gqlReceipt resolves the purchaseReceipt node.
type gqlReceipt struct{ r *x3sim.Receipt }

func (g *gqlReceipt) ID() gqlID                       { return gqlID(g.r.Number) }
func (g *gqlReceipt) CreateStamp() *gqlDatetime       { return stampOf(g.r.Created) }
func (g *gqlReceipt) UpdateStamp() *gqlDatetime       { return stampOf(g.r.Created) }
func (g *gqlReceipt) ReceiptSite() *gqlCode           { return codeOf(g.r.Site) }
func (g *gqlReceipt) ReceiptDate() *gqlDate           { return dateOf(g.r.Date) }
func (g *gqlReceipt) Supplier() *gqlSupplier          { return supplierOf(g.r.Supplier, "") }
func (g *gqlReceipt) StockMovementCode() *gqlCode     { return nil }
func (g *gqlReceipt) StockAutomaticJournal() *gqlCode { return nil }
func (g *gqlReceipt) SupplierPackingSlip() *string    { return textOf(g.r.PackingSlip) }
func (g *gqlReceipt) Lines() *gqlReceiptLines         { return &gqlReceiptLines{g.r} }

type gqlReceiptLines struct{ r *x3sim.Receipt }

func (c *gqlReceiptLines) Query(args gqlPageArgs) (*gqlConnection[*gqlReceiptLine], error) {
	lines := make([]*gqlReceiptLine, len(c.r.Lines))
	for i := range c.r.Lines {
		lines[i] = &gqlReceiptLine{c.r.Lines[i]}
	}
	return pageOf(lines, args)
}

type gqlReceiptLine struct{ l x3sim.ReceiptLine }

func (g *gqlReceiptLine) LineNumber() int32    { return int32(g.l.Line) }
func (g *gqlReceiptLine) Product() *gqlProduct { return &gqlProduct{code: g.l.Item} }
func (g *gqlReceiptLine) QuantityInReceiptUnitReceived() *gqlDecimal {
	return decimalOf(g.l.Quantity)
}
func (g *gqlReceiptLine) ReceiptUnit() *gqlCode { return codeOf(g.l.Unit) }
func (g *gqlReceiptLine) ReceiptUnitToStockUnitConversionFactor() *gqlDecimal {
	return decimalOf(1)
}
func (g *gqlReceiptLine) PurchaseOrder() *string { return textOf(g.l.PO) }
func (g *gqlReceiptLine) PurchaseOrderLineNumber() *int32 {
	n := int32(g.l.POLine)
	return &n
}

// gqlReceiptOperations resolves purchaseReceipt.query and .read.
type gqlReceiptOperations struct{ s *x3sim.Server }

func (o *gqlReceiptOperations) Query(args gqlQueryArgs) (*gqlConnection[*gqlReceipt], error) {
	s := o.s
	t := gqlTable[x3sim.Receipt, *gqlReceipt]{props: gqlReceiptProperties,
		node: func(r *x3sim.Receipt) *gqlReceipt { return &gqlReceipt{r} },
		id:   func(r *x3sim.Receipt) string { return r.Number },
		rows: s.SelectReceipts}
	return t.query(args)
}

// Read answers read(_id:); an unknown id reads as null.
func (o *gqlReceiptOperations) Read(args gqlReadArgs) *gqlReceipt {
	for _, r := range o.s.Receipts() {
		if r.Number == string(args.ID) {
			return &gqlReceipt{&r}
		}
	}
	return nil
}

// gqlReceiptMutations resolves purchaseReceipt.create, the mutation Sage
// documents (docs/sagex3-api.md §2.7) on every site.
type gqlReceiptMutations struct{ s *x3sim.Server }

func (m *gqlReceiptMutations) Create(ctx context.Context, args gqlDataArgs) (*gqlReceipt, error) {
	d := inputOf(args.Data)
	r := x3sim.Receipt{Site: d.text("receiptSite"), Date: d.text("receiptDate"), Supplier: d.text("supplier"),
		PackingSlip: d.text("supplierPackingSlip"), Created: m.s.Now(), CreatedBy: gqlUser(ctx)}
	for i, line := range d.list("lines") {
		r.Lines = append(r.Lines, x3sim.ReceiptLine{Line: (i + 1) * 1000, PO: line.text("purchaseOrder"),
			POLine: line.integer("purchaseOrderLineNumber"), Item: line.text("product"),
			Unit: line.text("receiptUnit"), Quantity: line.number("quantityInReceiptUnitReceived")})
	}
	if r.Supplier == "" || len(r.Lines) == 0 {
		return nil, &gqlFieldError{message: "a purchase receipt needs a supplier and at least one line"}
	}
	stored, err := m.s.AddReceipt(r)
	if err != nil {
		return nil, &gqlFieldError{message: err.Error()}
	}
	return &gqlReceipt{&stored}, nil
}
