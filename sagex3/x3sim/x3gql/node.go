package x3gql

import (
	"strconv"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// Local menus travel as enums on the GraphQL API: menu 1 (1 = no,
// 2 = yes), LINSTA's menu 279 and the PO statuses of menu 280.
var (
	gqlYesNo       = []string{"no", "yes"}
	gqlLineStatus  = []string{"pending", "late", "closed"}
	gqlOrderStatus = []string{"no", "inPart", "inFull", "notManaged", "yesAutomatic"}
)

// menuNo is local menu 1's "no" as X3 stores it (1-based, like gqlYesNo).
const menuNo = 1

// gqlPO resolves the purchaseOrder node. Methods serve every property a
// site may have; the site's schema decides which are asked for.
type gqlPO struct {
	p *x3sim.PO
	s *x3sim.Server
}

func (r *gqlPO) ID() gqlID                           { return gqlID(r.p.Number) }
func (r *gqlPO) CreateStamp() *gqlDatetime           { return stampOf(r.p.Created) }
func (r *gqlPO) UpdateStamp() *gqlDatetime           { return stampOf(r.p.Updated) }
func (r *gqlPO) OrderDate() *gqlDate                 { return dateOf(r.p.OrderDate) }
func (r *gqlPO) ExpectedReceiptDate() *gqlDate       { return dateOf(r.p.ExpectedReceipt) }
func (r *gqlPO) InternalOrderReference() *string     { return textOf(r.p.InternalRef) }
func (r *gqlPO) TaxExcludedTotalAmount() *gqlDecimal { return decimalOf(r.p.Total) }
func (r *gqlPO) PurchaseSite() *gqlCode              { return codeOf(r.p.OrderSite) }
func (r *gqlPO) ReceiptSite() *gqlCode               { return codeOf(r.p.ReceivingSite) }
func (r *gqlPO) Currency() *gqlCode                  { return codeOf(r.p.Currency) }
func (r *gqlPO) Company() *gqlCode                   { return codeOf(r.p.Company) }
func (r *gqlPO) Buyer() *gqlCode                     { return codeOf(r.p.Buyer) }
func (r *gqlPO) PaymentTerm() *gqlCode               { return codeOf(r.p.PaymentTerms) }
func (r *gqlPO) IsClosed() *string                   { return enumOf(gqlYesNo, r.p.Closed) }
func (r *gqlPO) ReceiptStatus() *string              { return enumOf(gqlOrderStatus, r.p.Received) }
func (r *gqlPO) SignatureStatus() *string            { return enumOf(gqlOrderStatus, 3) }
func (r *gqlPO) InvoiceStatus() *string              { return enumOf(gqlOrderStatus, menuNo) }

func (r *gqlPO) OrderFromSupplier() *gqlSupplier {
	return supplierOf(r.p.Supplier, r.p.SupplierName[0])
}

func (r *gqlPO) OrderFromSupplierCompanyNames() *[]string {
	names := []string{r.p.SupplierName[0], r.p.SupplierName[1]}
	return &names
}

// The acknowledgment properties a configured site exposes (OCN*).
func (r *gqlPO) AcknowledgementNumber() *string   { return textOf(r.p.AckNumber) }
func (r *gqlPO) AcknowledgementDate() *gqlDate    { return dateOf(r.p.AckDate) }
func (r *gqlPO) AcknowledgementNotes() *string    { return textOf(r.p.AckNotes) }
func (r *gqlPO) AcknowledgementReminder() *string { return enumOf(gqlYesNo, menuNo) }

// The ship-notice custom columns a configured site declares (Y*).
func (r *gqlPO) Yasnnum() *string   { return textOf(r.p.ASNNumber) }
func (r *gqlPO) Yshidat() *gqlDate  { return dateOf(r.p.ShipDate) }
func (r *gqlPO) Ycarrier() *string  { return textOf(r.p.Carrier) }
func (r *gqlPO) Ytracknum() *string { return textOf(r.p.Tracking) }
func (r *gqlPO) Ybolnum() *string   { return textOf(r.p.BillOfLading) }

// PurchaseOrderLines is the line collection under its current name;
// PurchaseOrderQuantityLines serves the same under the other release's.
func (r *gqlPO) PurchaseOrderLines() *gqlPOLines         { return &gqlPOLines{r.p, r.s} }
func (r *gqlPO) PurchaseOrderQuantityLines() *gqlPOLines { return &gqlPOLines{r.p, r.s} }

type gqlPOLines struct {
	p *x3sim.PO
	s *x3sim.Server
}

func (c *gqlPOLines) Query(args gqlPageArgs) (*gqlConnection[*gqlPOLine], error) {
	lines := make([]*gqlPOLine, len(c.p.Lines))
	for i := range c.p.Lines {
		l := c.p.Lines[i]
		lines[i] = &gqlPOLine{po: c.p.Number, l: l, received: c.s.Received(c.p.Number, l.Line)}
	}
	return pageOf(lines, args)
}

// gqlPOLine resolves a purchaseOrderLine node.
type gqlPOLine struct {
	po       string
	l        x3sim.POLine
	received float64 // quantity received so far (purchase receipts)
}

func (r *gqlPOLine) ID() gqlID {
	return gqlID(r.po + "|" + strconv.Itoa(r.l.Line) + "|" + strconv.Itoa(r.l.Seq))
}
func (r *gqlPOLine) LineNumber() int32      { return int32(r.l.Line) }
func (r *gqlPOLine) SequenceNumber() *int32 { n := int32(r.l.Seq); return &n }
func (r *gqlPOLine) Product() *gqlProduct {
	return &gqlProduct{code: r.l.Item, description: r.l.Description}
}
func (r *gqlPOLine) SupplierProduct() *string                { return textOf(r.l.SupplierItem) }
func (r *gqlPOLine) OrderUnit() *gqlCode                     { return codeOf(r.l.Unit) }
func (r *gqlPOLine) QuantityInOrderUnitOrdered() *gqlDecimal { return decimalOf(r.l.Quantity) }
func (r *gqlPOLine) QuantityInStockUnitReceived() *gqlDecimal {
	return decimalOf(r.received)
}
func (r *gqlPOLine) GrossPrice() *gqlDecimal        { return decimalOf(r.l.GrossPrice) }
func (r *gqlPOLine) NetPrice() *gqlDecimal          { return decimalOf(r.l.NetPrice) }
func (r *gqlPOLine) LineAmount() *gqlDecimal        { return decimalOf(r.l.Amount) }
func (r *gqlPOLine) ExpectedReceiptDate() *gqlDate  { return dateOf(r.l.ExpectedReceipt) }
func (r *gqlPOLine) LineStatus() *string            { return enumOf(gqlLineStatus, r.l.Status) }
func (r *gqlPOLine) AcknowledgementDate() *gqlDate  { return dateOf(r.l.AckDate) }
func (r *gqlPOLine) AcknowledgementNumber() *string { return textOf(r.l.AckNumber) }
func (r *gqlPOLine) AcknowledgementFlag() *string   { return enumOf(gqlYesNo, r.l.AckFlag) }
func (r *gqlPOLine) Yshiqty() *gqlDecimal           { return decimalOf(r.l.ShippedQuantity) }

// The line's closure (LINCLEFLG, RCPCLEFLG) a configured site declares;
// no Sage source names them (the header's isClosed is documented).
func (r *gqlPOLine) IsClosed() *string          { return enumOf(gqlYesNo, r.l.Closed) }
func (r *gqlPOLine) IsClosedByReceipt() *string { return enumOf(gqlYesNo, r.l.ClosedByReceipt) }
