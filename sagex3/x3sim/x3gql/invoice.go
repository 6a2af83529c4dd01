package x3gql

import (
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// Local menus of PINVOICE as enums: PIHTYP (menu 533) and STA (menu 509).
var (
	gqlInvoiceType   = []string{"invoice", "additionalInvoice", "creditMemo", "creditMemoReturn"}
	gqlInvoiceStatus = []string{"pending", "toValidate", "validated"}
)

// gqlInvoiceProperties are the purchaseInvoice properties a filter or an
// orderBy may name.
var gqlInvoiceProperties = map[string]x3sim.Property[x3sim.Invoice]{
	"_id":            x3sim.StringProp(func(i *x3sim.Invoice) string { return i.Number }),
	"id":             x3sim.StringProp(func(i *x3sim.Invoice) string { return i.Number }),
	"_createStamp":   x3sim.DateTimeProp(func(i *x3sim.Invoice) time.Time { return i.Created }),
	"_updateStamp":   x3sim.DateTimeProp(func(i *x3sim.Invoice) time.Time { return i.Updated }),
	"supplier":       x3sim.StringProp(func(i *x3sim.Invoice) string { return i.Supplier }),
	"site":           x3sim.StringProp(func(i *x3sim.Invoice) string { return i.Site }),
	"accountingDate": x3sim.DateProp(func(i *x3sim.Invoice) string { return i.AccountingDate }),
}

// gqlInvoice resolves the purchaseInvoice node a configured site declares
// (Sage documents no purchase-invoice node: its name and properties are
// the simulator's reading of PINVOICE, see sdl.go).
type gqlInvoice struct{ inv *x3sim.Invoice }

func (r *gqlInvoice) ID() gqlID                 { return gqlID(r.inv.Number) }
func (r *gqlInvoice) CreateStamp() *gqlDatetime { return stampOf(r.inv.Created) }
func (r *gqlInvoice) UpdateStamp() *gqlDatetime { return stampOf(r.inv.Updated) }
func (r *gqlInvoice) InvoiceType() *string      { return enumOf(gqlInvoiceType, r.inv.Type) }
func (r *gqlInvoice) Supplier() *gqlSupplier    { return supplierOf(r.inv.Supplier, "") }
func (r *gqlInvoice) SupplierDocumentNumber() *string {
	return textOf(r.inv.SupplierDoc)
}
func (r *gqlInvoice) SupplierDocumentDate() *gqlDate { return dateOf(r.inv.SupplierDocDate) }
func (r *gqlInvoice) AccountingDate() *gqlDate       { return dateOf(r.inv.AccountingDate) }
func (r *gqlInvoice) Currency() *gqlCode             { return codeOf(r.inv.Currency) }
func (r *gqlInvoice) TotalAmountExcludingTax() *gqlDecimal {
	return decimalOf(r.inv.AmountExTax)
}
func (r *gqlInvoice) TotalAmountIncludingTax() *gqlDecimal {
	return decimalOf(r.inv.AmountIncTax)
}
func (r *gqlInvoice) PaymentTerm() *gqlCode { return codeOf(r.inv.PaymentTerms) }
func (r *gqlInvoice) Site() *gqlCode        { return codeOf(r.inv.Site) }
func (r *gqlInvoice) Company() *gqlCode     { return codeOf(r.inv.Company) }
func (r *gqlInvoice) Status() *string       { return enumOf(gqlInvoiceStatus, r.inv.Status) }
func (r *gqlInvoice) Lines() *gqlInvoiceLines {
	return &gqlInvoiceLines{r.inv}
}

type gqlInvoiceLines struct{ inv *x3sim.Invoice }

func (c *gqlInvoiceLines) Query(args gqlPageArgs) (*gqlConnection[*gqlInvoiceLine], error) {
	lines := make([]*gqlInvoiceLine, len(c.inv.Lines))
	for i, l := range c.inv.Lines {
		lines[i] = &gqlInvoiceLine{num: c.inv.Number, l: l}
	}
	return pageOf(lines, args)
}

type gqlInvoiceLine struct {
	num string
	l   x3sim.InvoiceLine
}

func (r *gqlInvoiceLine) ID() gqlID         { return gqlID(r.num + "|" + strconv.Itoa(r.l.Line)) }
func (r *gqlInvoiceLine) LineNumber() int32 { return int32(r.l.Line) }
func (r *gqlInvoiceLine) Product() *gqlProduct {
	return &gqlProduct{code: r.l.Item, description: r.l.Description}
}
func (r *gqlInvoiceLine) InvoiceUnit() *gqlCode { return codeOf(r.l.Unit) }
func (r *gqlInvoiceLine) QuantityInInvoiceUnit() *gqlDecimal {
	return decimalOf(r.l.Quantity)
}
func (r *gqlInvoiceLine) NetPrice() *gqlDecimal { return decimalOf(r.l.NetPrice) }
func (r *gqlInvoiceLine) LineAmountExcludingTax() *gqlDecimal {
	return decimalOf(r.l.Amount)
}
func (r *gqlInvoiceLine) PurchaseOrder() *string { return textOf(r.l.PO) }
func (r *gqlInvoiceLine) PurchaseOrderLineNumber() *int32 {
	n := int32(r.l.POLine)
	return &n
}
func (r *gqlInvoiceLine) PurchaseOrderSequenceNumber() *int32 {
	n := int32(r.l.POSeq)
	return &n
}

// gqlInvoiceOperations resolves purchaseInvoice.query and .read.
type gqlInvoiceOperations struct{ s *x3sim.Server }

func (o *gqlInvoiceOperations) Query(args gqlQueryArgs) (*gqlConnection[*gqlInvoice], error) {
	s := o.s
	t := gqlTable[x3sim.Invoice, *gqlInvoice]{props: gqlInvoiceProperties,
		node: func(i *x3sim.Invoice) *gqlInvoice { return &gqlInvoice{i} },
		id:   func(i *x3sim.Invoice) string { return i.Number },
		rows: s.SelectSupplierInvoices}
	return t.query(args)
}

// Read answers read(_id:); an unknown id reads as null.
func (o *gqlInvoiceOperations) Read(args gqlReadArgs) *gqlInvoice {
	inv := o.s.StoredSupplierInvoice(string(args.ID))
	if inv == nil {
		return nil
	}
	return &gqlInvoice{inv}
}
