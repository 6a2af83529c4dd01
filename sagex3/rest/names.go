package rest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Name keys: each is a configuration key under [x3.rest] and one row of
// restNameTable. Classes, representations and line collections first,
// then the properties of each object.
const (
	POClass              = "po_class"
	PORepresentation     = "po_representation"
	POEditRepresentation = "po_edit_representation"
	POLines              = "po_lines"

	PONumber          = "po_number"
	POSupplier        = "po_supplier"
	POSupplierName    = "po_supplier_name"
	POCompany         = "po_company"
	POOrderSite       = "po_order_site"
	POReceivingSite   = "po_receiving_site"
	POBuyer           = "po_buyer"
	POOrderDate       = "po_order_date"
	POExpectedReceipt = "po_expected_receipt"
	POCurrency        = "po_currency"
	POPaymentTerms    = "po_payment_terms"
	POReference       = "po_reference"
	POTotal           = "po_total"
	POUpdated         = "po_updated"
	POUpdatedDate     = "po_updated_date"
	POAckNumber       = "po_ack_number"
	POAckDate         = "po_ack_date"
	POAckNotes        = "po_ack_notes"
	POASNNumber       = "po_asn_number"
	POShipDate        = "po_ship_date"
	POCarrier         = "po_carrier"
	POTracking        = "po_tracking"
	POBillOfLading    = "po_bill_of_lading"
	POClosed          = "po_closed"
	POReceived        = "po_received"

	LineNumber          = "line_number"
	LineSeq             = "line_seq"
	LineItem            = "line_item"
	LineDescription     = "line_description"
	LineSupplierItem    = "line_supplier_item"
	LineUnit            = "line_unit"
	LineQuantity        = "line_quantity"
	LineNetPrice        = "line_net_price"
	LineExpectedReceipt = "line_expected_receipt"
	LineStatus          = "line_status"
	LineAckNumber       = "line_ack_number"
	LineAckDate         = "line_ack_date"
	LineAckFlag         = "line_ack_flag"
	LineShippedQuantity = "line_shipped_quantity"
	LineClosed          = "line_closed"
	LineClosedByReceipt = "line_closed_by_receipt"

	InvoiceClass          = "invoice_class"
	InvoiceRepresentation = "invoice_representation"
	InvoiceLines          = "invoice_lines"
	InvoiceNumber         = "invoice_number"
	InvoiceType           = "invoice_type"
	InvoiceSupplier       = "invoice_supplier"
	InvoiceSupplierDoc    = "invoice_supplier_doc"
	InvoiceSupplierDate   = "invoice_supplier_date"
	InvoiceAccountingDate = "invoice_accounting_date"
	InvoiceCurrency       = "invoice_currency"
	InvoiceAmount         = "invoice_amount"
	InvoiceAmountTax      = "invoice_amount_tax"
	InvoicePaymentTerms   = "invoice_payment_terms"
	InvoiceSite           = "invoice_site"
	InvoiceCompany        = "invoice_company"
	InvoiceStatus         = "invoice_status"
	InvoiceUpdated        = "invoice_updated"
	InvoiceUpdatedDate    = "invoice_updated_date"
	InvoiceLineNumber     = "invoice_line_number"
	InvoiceLineItem       = "invoice_line_item"
	InvoiceLineDesc       = "invoice_line_description"
	InvoiceLineUnit       = "invoice_line_unit"
	InvoiceLineQuantity   = "invoice_line_quantity"
	InvoiceLineNetPrice   = "invoice_line_net_price"
	InvoiceLineAmount     = "invoice_line_amount"
	InvoiceLinePO         = "invoice_line_po"
	InvoiceLinePOLine     = "invoice_line_po_line"
	InvoiceLinePOSeq      = "invoice_line_po_seq"

	ShipmentClass          = "shipment_class"
	ShipmentRepresentation = "shipment_representation"
	ShipmentLines          = "shipment_lines"
	ShipmentNumber         = "shipment_number"
	ShipmentReference      = "shipment_reference"
	ShipmentSupplier       = "shipment_supplier"
	ShipmentSite           = "shipment_site"
	ShipmentShipDate       = "shipment_ship_date"
	ShipmentArrivalDate    = "shipment_arrival_date"
	ShipmentCarrier        = "shipment_carrier"
	ShipmentTracking       = "shipment_tracking"
	ShipmentBillOfLading   = "shipment_bill_of_lading"
	ShipmentLinePO         = "shipment_line_po"
	ShipmentLinePOLine     = "shipment_line_po_line"
	ShipmentLinePOSeq      = "shipment_line_po_seq"
	ShipmentLineItem       = "shipment_line_item"
	ShipmentLineQuantity   = "shipment_line_quantity"
	ShipmentLineUnit       = "shipment_line_unit"
)

// NameEntry is one X3 name the api1 client uses: its key under [x3.rest],
// its default, and where the default comes from.
type NameEntry struct {
	Key     string
	Default string
	Source  string
}

// Sources of the defaults.
const (
	srcPORDER   = "documented: PORDER table dictionary (sagex3-api.md §3.1)"
	srcPORDERQ  = "documented: PORDERQ/PORDERP table dictionary (sagex3-api.md §3.2, §3.3)"
	srcPINVOICE = "documented: PINVOICE/PINVOICED table dictionary (sagex3-api.md §3.5)"
	srcClass    = "documented: api1 classes are named like their tables, e.g. BPCUSTOMER (V7DEV integration guide)"
	src3PRep    = "3P: a classic object's standard representation is read-only and named like its class (real-systems.md, Sage X3 §1)"
	srcOurs     = "ours: the representation docs/x3-setup.md asks the X3 administrator to create"
	srcCustom   = "ours: a specific (Y) column docs/x3-setup.md asks for (inbound.asn_target = \"fields\")"
	srcUnconf   = "unconfirmed: see the UNCONFIRMED note on restNameTable"
)

// restNameTable is every X3 name the api1 client reads or writes, with its
// default. Configuration overrides any of them ([x3.rest]); discovery
// ($prototypes) checks that each one exists on the site.
//
// UNCONFIRMED: no Sage source shows these names, so each default is our
// reading, to be checked by `ml-connector check` on a real site and fixed
// in [x3.rest]:
//   - the line collections: Sage's read example names the sales-order
//     lines SOHSOP (the header's abbreviation SOH and the price lines'
//     SOP), so the PO's would be POHPOP and the invoice's PIHPID;
//   - the inbound shipment (function GESSHIP, whose number field SHIPNUM
//     is documented): its class, line collection and the properties other
//     than SHIPNUM, named after the receipt's (PRECEIPT/PRECEIPTD, where
//     BPSNDE is the supplier's packing slip) and the PO's (BPTNUM carrier).
var restNameTable = []NameEntry{
	{POClass, "PORDER", srcClass},
	{PORepresentation, "PORDER", src3PRep},
	{POEditRepresentation, "YPOACK", srcOurs},
	{POLines, "POHPOP", srcUnconf},

	{PONumber, "POHNUM", srcPORDER},
	{POSupplier, "BPSNUM", srcPORDER},
	{POSupplierName, "BPRNAM", srcPORDER},
	{POCompany, "CPY", srcPORDER},
	{POOrderSite, "POHFCY", srcPORDER},
	{POReceivingSite, "RCPFCY", srcPORDER},
	{POBuyer, "BUY", srcPORDER},
	{POOrderDate, "ORDDAT", srcPORDER},
	{POExpectedReceipt, "EXTRCPDAT1", srcPORDER},
	{POCurrency, "CUR", srcPORDER},
	{POPaymentTerms, "PTE", srcPORDER},
	{POReference, "ORDREF", srcPORDER},
	{POTotal, "TOTORD", srcPORDER},
	{POUpdated, "UPDDATTIM", srcPORDER},
	{POUpdatedDate, "UPDDAT", srcPORDER},
	{POAckNumber, "OCNNUM", srcPORDER},
	{POAckDate, "OCNDAT", srcPORDER},
	{POAckNotes, "OCNREM", srcPORDER},
	{POASNNumber, "YASNNUM", srcCustom},
	{POShipDate, "YSHIDAT", srcCustom},
	{POCarrier, "YCARRIER", srcCustom},
	{POTracking, "YTRACKNUM", srcCustom},
	{POBillOfLading, "YBOLNUM", srcCustom},
	{POClosed, "CLEFLG", srcPORDER},
	{POReceived, "RCPFLG", srcPORDER},

	{LineNumber, "POPLIN", srcPORDERQ},
	{LineSeq, "POQSEQ", srcPORDERQ},
	{LineItem, "ITMREF", srcPORDERQ},
	{LineDescription, "ITMDES", srcPORDERQ},
	{LineSupplierItem, "ITMREFBPS", srcPORDERQ},
	{LineUnit, "UOM", srcPORDERQ},
	{LineQuantity, "QTYUOM", srcPORDERQ},
	{LineNetPrice, "NETPRI", srcPORDERQ},
	{LineExpectedReceipt, "EXTRCPDAT", srcPORDERQ},
	{LineStatus, "LINSTA", srcPORDERQ},
	{LineAckNumber, "LINOCNNUM", srcPORDERQ},
	{LineAckDate, "LINOCNDAT", srcPORDERQ},
	{LineAckFlag, "LINOCNFLG", srcPORDERQ},
	{LineShippedQuantity, "YSHIQTY", srcCustom},
	{LineClosed, "LINCLEFLG", srcPORDERQ},
	{LineClosedByReceipt, "RCPCLEFLG", srcPORDERQ},

	{InvoiceClass, "PINVOICE", srcClass},
	{InvoiceRepresentation, "PINVOICE", src3PRep},
	{InvoiceLines, "PIHPID", srcUnconf},
	{InvoiceNumber, "NUM", srcPINVOICE},
	{InvoiceType, "PIHTYP", srcPINVOICE},
	{InvoiceSupplier, "BPR", srcPINVOICE},
	{InvoiceSupplierDoc, "BPRVCR", srcPINVOICE},
	{InvoiceSupplierDate, "BPRDAT", srcPINVOICE},
	{InvoiceAccountingDate, "ACCDAT", srcPINVOICE},
	{InvoiceCurrency, "CUR", srcPINVOICE},
	{InvoiceAmount, "AMTNOT", srcPINVOICE},
	{InvoiceAmountTax, "AMTATI", srcPINVOICE},
	{InvoicePaymentTerms, "PTE", srcPINVOICE},
	{InvoiceSite, "FCY", srcPINVOICE},
	{InvoiceCompany, "CPY", srcPINVOICE},
	{InvoiceStatus, "STA", srcPINVOICE},
	{InvoiceUpdated, "UPDDATTIM", srcPINVOICE},
	{InvoiceUpdatedDate, "UPDDAT", srcPINVOICE},
	{InvoiceLineNumber, "PIDLIN", srcPINVOICE},
	{InvoiceLineItem, "ITMREF", srcPINVOICE},
	{InvoiceLineDesc, "ITMDES", srcPINVOICE},
	{InvoiceLineUnit, "UOM", srcPINVOICE},
	{InvoiceLineQuantity, "QTYUOM", srcPINVOICE},
	{InvoiceLineNetPrice, "NETPRI", srcPINVOICE},
	{InvoiceLineAmount, "AMTNOTLIN", srcPINVOICE},
	{InvoiceLinePO, "POHNUM", srcPINVOICE},
	{InvoiceLinePOLine, "POPLIN", srcPINVOICE},
	{InvoiceLinePOSeq, "POQSEQ", srcPINVOICE},

	{ShipmentClass, "SHIPMENT", srcUnconf},
	{ShipmentRepresentation, "YSHIPASN", srcOurs},
	{ShipmentLines, "SHIPMENTD", srcUnconf},
	{ShipmentNumber, "SHIPNUM", "documented: field of function GESSHIP (online help, Shipments)"},
	{ShipmentReference, "BPSNDE", srcUnconf},
	{ShipmentSupplier, "BPSNUM", srcUnconf},
	{ShipmentSite, "RCPFCY", srcUnconf},
	{ShipmentShipDate, "SHIDAT", srcUnconf},
	{ShipmentArrivalDate, "ARRDAT", srcUnconf},
	{ShipmentCarrier, "BPTNUM", srcUnconf},
	{ShipmentTracking, "TRKNUM", srcUnconf},
	{ShipmentBillOfLading, "BOLNUM", srcUnconf},
	{ShipmentLinePO, "POHNUM", srcUnconf},
	{ShipmentLinePOLine, "POPLIN", srcUnconf},
	{ShipmentLinePOSeq, "POQSEQ", srcUnconf},
	{ShipmentLineItem, "ITMREF", srcUnconf},
	{ShipmentLineQuantity, "QTYUOM", srcUnconf},
	{ShipmentLineUnit, "UOM", srcUnconf},
}

// NameTable returns every api1 name with its default and source, in the
// table's order (for documentation and configuration checks).
func NameTable() []NameEntry { return slices.Clone(restNameTable) }

// Names are the api1 names in effect: the defaults, with what the
// configuration overrides. The zero value means the defaults.
type Names struct{ set map[string]string }

// NewNames applies overrides (key → X3 name) to the defaults. An unknown
// key or a malformed name is an error naming the key.
func NewNames(overrides map[string]string) (Names, error) {
	n := Names{set: make(map[string]string, len(restNameTable))}
	for _, e := range restNameTable {
		n.set[e.Key] = e.Default
	}
	var problems []string
	for _, k := range sortedKeys(overrides) {
		if err := CheckName(k, overrides[k]); err != nil {
			problems = append(problems, "x3.rest."+k+": "+err.Error())
			continue
		}
		n.set[k] = strings.TrimSpace(overrides[k])
	}
	if len(problems) > 0 {
		return Names{}, errors.New(strings.Join(problems, "; "))
	}
	return n, nil
}

// CheckName says what is wrong with overriding key with value, if anything.
func CheckName(key, value string) error {
	if !slices.ContainsFunc(restNameTable, func(e NameEntry) bool { return e.Key == key }) {
		return errors.New("not a name the connector uses (see docs/x3-setup.md)")
	}
	if v := strings.TrimSpace(value); !validName(v) {
		return fmt.Errorf("%q is not an X3 name (letters, digits and _ only)", v)
	}
	return nil
}

// Get returns the X3 name for a key. An unknown key is a bug in this
// package, caught by its tests.
func (n Names) Get(key string) string {
	if n.set == nil {
		n = defaultNames
	}
	v, ok := n.set[key]
	if !ok {
		panic("sagex3: no X3 name for key " + key)
	}
	return v
}

var defaultNames, _ = NewNames(nil)

func validName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
