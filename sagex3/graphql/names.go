package graphql

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Where a GraphQL name comes from (docs/sagex3-api.md §2.5, §2.7).
const (
	srcDocs       = "documented (developer.sage.com/x3/graphql/examples/purchasing)"
	srcSample     = "documented (Sage's PHP sample, Sage-ERP-X3/sample-x3-ws-php-webportal)"
	srcOlderDocs  = "documented (developer.sage.com, older purchasing examples)"
	srcBuilder    = "documented (developer.sage.com/x3/x3-builder: create, update)"
	src3P         = "3P (X3 Builder extension code updating PurchaseOrder)"
	src3PCustom   = "3P (a custom column is declared under its lowercase name: YXYLOLIN as yxylolin)"
	srcUnconfirmd = "unconfirmed"
)

// UNCONFIRMED: every name below whose source is srcUnconfirmd is our
// camelCase reading of the X3 column (no Sage source shows it): the
// company, buyer and payment-term references, the PO line's sequence
// number, supplier product and status, the line's closure flags
// (LINCLEFLG, RCPCLEFLG, named after the header's documented isClosed),
// the acknowledgment properties (OCN*, LINOCN*), the purchase-invoice node and all its properties, the
// receipt's packing-slip property, the shipment node and its properties,
// and the local menus read as enums (yes/no, pending/late/closed, and
// menu 280's no/inPart/inFull/notManaged/yesAutomatic of receiptStatus).
// Discovery (discover.go) checks each against the site's schema
// and `check` names the configuration key that renames it.

// gqlProp is one X3 column the GraphQL client reads or writes, keyed
// "TABLE.COLUMN" (x3.graphql.properties."TABLE.COLUMN" renames it).
type gqlProp struct {
	key    string // e.g. "PORDER.BPSNUM"
	path   string // default GraphQL path, e.g. "orderFromSupplier.code.code"
	source string
}

var gqlDefaultProps = []gqlProp{
	// The purchaseOrder node (PORDER) and its lines (PORDERQ).
	{"PORDER.POHNUM", "_id", srcSample},
	{"PORDER.UPDDATTIM", "_updateStamp", srcSample},
	{"PORDER.BPSNUM", "orderFromSupplier.code.code", srcDocs},
	{"PORDER.BPRNAM", "orderFromSupplierCompanyNames", srcOlderDocs},
	{"PORDER.POHFCY", "purchaseSite.code", srcDocs},
	{"PORDER.RCPFCY", "receiptSite.code", srcDocs},
	{"PORDER.ORDDAT", "orderDate", srcOlderDocs},
	{"PORDER.CUR", "currency.code", srcOlderDocs},
	{"PORDER.ORDREF", "internalOrderReference", srcSample},
	{"PORDER.TOTORD", "taxExcludedTotalAmount", srcOlderDocs},
	{"PORDER.EXTRCPDAT1", "expectedReceiptDate", src3P},
	{"PORDER.CPY", "company.code", src3P},
	{"PORDER.BUY", "buyer.code", srcUnconfirmd},
	{"PORDER.PTE", "paymentTerm.code", srcUnconfirmd},
	{"PORDER.OCNNUM", "acknowledgementNumber", srcUnconfirmd},
	{"PORDER.OCNDAT", "acknowledgementDate", srcUnconfirmd},
	{"PORDER.OCNREM", "acknowledgementNotes", srcUnconfirmd},
	{"PORDER.OCNFLG", "acknowledgementReminder", srcUnconfirmd},
	{"PORDER.YASNNUM", "yasnnum", src3PCustom},
	{"PORDER.YSHIDAT", "yshidat", src3PCustom},
	{"PORDER.YCARRIER", "ycarrier", src3PCustom},
	{"PORDER.YTRACKNUM", "ytracknum", src3PCustom},
	{"PORDER.YBOLNUM", "ybolnum", src3PCustom},
	{"PORDER.CLEFLG", "isClosed", srcDocs},
	{"PORDER.RCPFLG", "receiptStatus", srcDocs},
	{"PORDERQ.POPLIN", "lineNumber", srcDocs},
	{"PORDERQ.ITMREF", "product.code", srcDocs},
	{"PORDERQ.ITMDES", "product.description1", srcSample},
	{"PORDERQ.UOM", "orderUnit.code", srcDocs},
	{"PORDERQ.QTYUOM", "quantityInOrderUnitOrdered", srcDocs},
	{"PORDERQ.NETPRI", "netPrice", src3P},
	{"PORDERQ.GROPRI", "grossPrice", src3P},
	{"PORDERQ.EXTRCPDAT", "expectedReceiptDate", src3P},
	{"PORDERQ.POQSEQ", "sequenceNumber", srcUnconfirmd},
	{"PORDERQ.ITMREFBPS", "supplierProduct", srcUnconfirmd},
	{"PORDERQ.LINSTA", "lineStatus", srcUnconfirmd},
	{"PORDERQ.LINOCNDAT", "acknowledgementDate", srcUnconfirmd},
	{"PORDERQ.LINOCNNUM", "acknowledgementNumber", srcUnconfirmd},
	{"PORDERQ.LINOCNFLG", "acknowledgementFlag", srcUnconfirmd},
	{"PORDERQ.YSHIQTY", "yshiqty", src3PCustom},
	{"PORDERQ.LINCLEFLG", "isClosed", srcUnconfirmd},
	{"PORDERQ.RCPCLEFLG", "isClosedByReceipt", srcUnconfirmd},

	// Supplier invoices (PINVOICE, PINVOICED): no node is documented.
	{"PINVOICE.NUM", "_id", srcUnconfirmd},
	{"PINVOICE.UPDDATTIM", "_updateStamp", srcUnconfirmd},
	{"PINVOICE.PIHTYP", "invoiceType", srcUnconfirmd},
	{"PINVOICE.BPR", "supplier.code.code", srcUnconfirmd},
	{"PINVOICE.BPRVCR", "supplierDocumentNumber", srcUnconfirmd},
	{"PINVOICE.BPRDAT", "supplierDocumentDate", srcUnconfirmd},
	{"PINVOICE.ACCDAT", "accountingDate", srcUnconfirmd},
	{"PINVOICE.CUR", "currency.code", srcUnconfirmd},
	{"PINVOICE.AMTNOT", "totalAmountExcludingTax", srcUnconfirmd},
	{"PINVOICE.AMTATI", "totalAmountIncludingTax", srcUnconfirmd},
	{"PINVOICE.PTE", "paymentTerm.code", srcUnconfirmd},
	{"PINVOICE.FCY", "site.code", srcUnconfirmd},
	{"PINVOICE.CPY", "company.code", srcUnconfirmd},
	{"PINVOICE.STA", "status", srcUnconfirmd},
	{"PINVOICED.PIDLIN", "lineNumber", srcUnconfirmd},
	{"PINVOICED.ITMREF", "product.code", srcUnconfirmd},
	{"PINVOICED.ITMDES", "product.description1", srcUnconfirmd},
	{"PINVOICED.UOM", "invoiceUnit.code", srcUnconfirmd},
	{"PINVOICED.QTYUOM", "quantityInInvoiceUnit", srcUnconfirmd},
	{"PINVOICED.NETPRI", "netPrice", srcUnconfirmd},
	{"PINVOICED.AMTNOTLIN", "lineAmountExcludingTax", srcUnconfirmd},
	{"PINVOICED.POHNUM", "purchaseOrder", srcUnconfirmd},
	{"PINVOICED.POPLIN", "purchaseOrderLineNumber", srcUnconfirmd},
	{"PINVOICED.POQSEQ", "purchaseOrderSequenceNumber", srcUnconfirmd},

	// Purchase receipts (PRECEIPT, PRECEIPTD) as purchaseReceipt.create takes them.
	{"PRECEIPT.PTHNUM", "id", srcDocs},
	{"PRECEIPT.PRHFCY", "receiptSite", srcDocs},
	{"PRECEIPT.RCPDAT", "receiptDate", srcDocs},
	{"PRECEIPT.BPSNUM", "supplier", srcDocs},
	{"PRECEIPT.BPSNDE", "supplierPackingSlip", srcUnconfirmd},
	{"PRECEIPTD.POHNUM", "purchaseOrder", srcDocs},
	{"PRECEIPTD.POPLIN", "purchaseOrderLineNumber", srcDocs},
	{"PRECEIPTD.ITMREF", "product", srcDocs},
	{"PRECEIPTD.UOM", "receiptUnit", srcDocs},
	{"PRECEIPTD.QTYUOM", "quantityInReceiptUnitReceived", srcDocs},

	// Inbound shipments (GESSHIP) through the site's own operation.
	{"SHIPMENT.ID", "id", srcUnconfirmd},
	{"SHIPMENT.BPSNUM", "supplier", srcUnconfirmd},
	{"SHIPMENT.FCY", "receiptSite", srcUnconfirmd},
	{"SHIPMENT.SHIDAT", "shipmentDate", srcUnconfirmd},
	{"SHIPMENT.EXPDAT", "expectedDeliveryDate", srcUnconfirmd},
	{"SHIPMENT.CARRIER", "carrier", srcUnconfirmd},
	{"SHIPMENT.TRACKING", "trackingNumber", srcUnconfirmd},
	{"SHIPMENT.BOL", "billOfLading", srcUnconfirmd},
	{"SHIPMENTD.POHNUM", "purchaseOrder", srcUnconfirmd},
	{"SHIPMENTD.POPLIN", "purchaseOrderLineNumber", srcUnconfirmd},
	{"SHIPMENTD.POQSEQ", "purchaseOrderSequenceNumber", srcUnconfirmd},
	{"SHIPMENTD.ITMREF", "product", srcUnconfirmd},
	{"SHIPMENTD.QTY", "quantity", srcUnconfirmd},
	{"SHIPMENTD.UOM", "unit", srcUnconfirmd},
}

// Names are the GraphQL names the client uses: the purchasing root,
// nodes, line collections, write operations, and each X3 column's
// property path. DefaultNames has the defaults; the configuration
// ([x3.graphql]) overrides any of them.
type Names struct {
	Root          string // purchasing root field
	Order         string // purchase order node
	OrderLines    string // its line collection
	Invoice       string // supplier invoice node
	InvoiceLines  string
	Receipt       string // purchase receipt node
	ReceiptLines  string
	Shipment      string // the site's inbound shipment node
	ShipmentLines string
	// AckOperation is the mutation on Order that writes acknowledgments:
	// an API operation (GESAPIOPE) the site sets up; "update" when it is
	// of the standard Update type.
	AckOperation      string
	ReceiptOperation  string // on Receipt: create
	ShipmentOperation string // on Shipment
	// ShipmentRead finds a shipment by its id (read(_id:)).
	ShipmentRead string
	// Properties maps "TABLE.COLUMN" to a property path; dots walk into
	// references ("orderFromSupplier.code.code").
	Properties map[string]string
}

// DefaultNames returns the table of defaults.
func DefaultNames() Names {
	n := Names{
		Root:  DefaultRoot,                                       // srcDocs; xtremX3Purchasing on 2021–2022 releases (srcSample)
		Order: "purchaseOrder", OrderLines: "purchaseOrderLines", // srcDocs
		Invoice: "purchaseInvoice", InvoiceLines: "lines", // srcUnconfirmd
		Receipt: "purchaseReceipt", ReceiptLines: "lines", ReceiptOperation: "create", // srcDocs
		AckOperation: "update",                                                                                      // srcBuilder: an Update operation is named update
		Shipment:     "purchaseShipment", ShipmentLines: "lines", ShipmentOperation: "create", ShipmentRead: "read", // srcUnconfirmd
		Properties: map[string]string{},
	}
	for _, p := range gqlDefaultProps {
		n.Properties[p.key] = p.path
	}
	return n
}

// PropertyKeys lists the keys x3.graphql.properties accepts.
func PropertyKeys() []string {
	keys := make([]string, 0, len(gqlDefaultProps))
	for _, p := range gqlDefaultProps {
		keys = append(keys, p.key)
	}
	return keys
}

// WithOverrides returns the defaults changed by the configured names: a
// non-empty field wins, and each property given replaces its default.
func (n Names) WithOverrides(o Names) (Names, error) {
	pick := func(def *string, v string) {
		if v != "" {
			*def = v
		}
	}
	out := n
	out.Properties = maps.Clone(n.Properties)
	for _, f := range []struct {
		dst *string
		v   string
	}{{&out.Root, o.Root}, {&out.Order, o.Order}, {&out.OrderLines, o.OrderLines}, {&out.Invoice, o.Invoice},
		{&out.InvoiceLines, o.InvoiceLines}, {&out.Receipt, o.Receipt}, {&out.ReceiptLines, o.ReceiptLines},
		{&out.Shipment, o.Shipment}, {&out.ShipmentLines, o.ShipmentLines}, {&out.AckOperation, o.AckOperation},
		{&out.ReceiptOperation, o.ReceiptOperation}, {&out.ShipmentOperation, o.ShipmentOperation},
		{&out.ShipmentRead, o.ShipmentRead}} {
		pick(f.dst, f.v)
	}
	for _, k := range slices.Sorted(maps.Keys(o.Properties)) {
		if _, known := out.Properties[k]; !known {
			return n, fmt.Errorf("x3.graphql.properties: %q is not a column the connector uses (one of %s)",
				k, strings.Join(PropertyKeys(), ", "))
		}
		out.Properties[k] = o.Properties[k]
	}
	return out, out.check()
}

// check refuses a name that is not a GraphQL name, so nothing the
// configuration says can change the shape of a query.
func (n Names) check() error {
	for _, name := range []string{n.Root, n.Order, n.OrderLines, n.Invoice, n.InvoiceLines, n.Receipt,
		n.ReceiptLines, n.Shipment, n.ShipmentLines, n.AckOperation, n.ReceiptOperation, n.ShipmentOperation, n.ShipmentRead} {
		if !graphQLName.MatchString(name) {
			return fmt.Errorf("%q is not a GraphQL name", name)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(n.Properties)) {
		for _, seg := range strings.Split(n.Properties[k], ".") {
			if !graphQLName.MatchString(seg) {
				return fmt.Errorf("x3.graphql.properties.%q: %q is not a GraphQL property path", k, n.Properties[k])
			}
		}
	}
	return nil
}

// propSource says where the default name of a key comes from.
func propSource(key string) string {
	for _, p := range gqlDefaultProps {
		if p.key == key {
			return p.source
		}
	}
	return ""
}
