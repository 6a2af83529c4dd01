package graphql

// What each capability needs of the GraphQL schema, by property key
// (names.go). A required property that is missing stops its
// capability; an optional one is left out of queries and writes.

type gqlNeed struct {
	key      string
	required bool
}

func need(key string) gqlNeed     { return gqlNeed{key, true} }
func optional(key string) gqlNeed { return gqlNeed{key, false} }

var (
	// Reading a PO's header (list and read).
	orderHeaderNeeds = []gqlNeed{need("PORDER.POHNUM"), need("PORDER.UPDDATTIM"), need("PORDER.BPSNUM"),
		need("PORDER.RCPFCY"), need("PORDER.ORDDAT"), optional("PORDER.BPRNAM"), optional("PORDER.POHFCY"),
		optional("PORDER.CUR"), optional("PORDER.ORDREF"), optional("PORDER.TOTORD"), optional("PORDER.EXTRCPDAT1"),
		optional("PORDER.CPY"), optional("PORDER.BUY"), optional("PORDER.PTE"), optional("PORDER.CLEFLG"),
		optional("PORDER.RCPFLG")}
	// Reading its lines.
	orderLineNeeds = []gqlNeed{need("PORDERQ.POPLIN"), need("PORDERQ.ITMREF"), need("PORDERQ.UOM"),
		need("PORDERQ.QTYUOM"), optional("PORDERQ.ITMDES"), optional("PORDERQ.NETPRI"), optional("PORDERQ.EXTRCPDAT"),
		optional("PORDERQ.POQSEQ"), optional("PORDERQ.ITMREFBPS"), optional("PORDERQ.LINSTA"),
		optional("PORDERQ.LINCLEFLG"), optional("PORDERQ.RCPCLEFLG")}
	// Writing an 855 through the acknowledgment operation's input.
	ackHeaderNeeds = []gqlNeed{need("PORDER.OCNNUM"), optional("PORDER.OCNDAT"), optional("PORDER.OCNREM")}
	ackLineNeeds   = []gqlNeed{need("PORDERQ.POPLIN"), need("PORDERQ.LINOCNFLG"), optional("PORDERQ.POQSEQ"),
		optional("PORDERQ.LINOCNNUM"), optional("PORDERQ.LINOCNDAT"), optional("PORDERQ.QTYUOM"),
		optional("PORDERQ.EXTRCPDAT"), optional("PORDERQ.NETPRI")}
	// Writing an 856 into the PO's own (custom) columns: asn_target "fields".
	asnFieldHeaderNeeds = []gqlNeed{need("PORDER.YASNNUM"), optional("PORDER.YSHIDAT"), optional("PORDER.YCARRIER"),
		optional("PORDER.YTRACKNUM"), optional("PORDER.YBOLNUM")}
	asnFieldLineNeeds = []gqlNeed{need("PORDERQ.POPLIN"), need("PORDERQ.YSHIQTY"), optional("PORDERQ.POQSEQ")}
	// A purchase receipt (asn_target "receipt"): the input of create, and
	// the packing slip to find it again.
	receiptHeaderNeeds = []gqlNeed{need("PRECEIPT.PRHFCY"), need("PRECEIPT.RCPDAT"), need("PRECEIPT.BPSNUM"),
		need("PRECEIPT.BPSNDE")}
	receiptLineNeeds = []gqlNeed{need("PRECEIPTD.POHNUM"), need("PRECEIPTD.POPLIN"), optional("PRECEIPTD.ITMREF"),
		need("PRECEIPTD.UOM"), need("PRECEIPTD.QTYUOM")}
	// An inbound shipment (asn_target "shipment").
	shipmentHeaderNeeds = []gqlNeed{need("SHIPMENT.ID"), need("SHIPMENT.BPSNUM"), optional("SHIPMENT.FCY"),
		optional("SHIPMENT.SHIDAT"), optional("SHIPMENT.EXPDAT"), optional("SHIPMENT.CARRIER"),
		optional("SHIPMENT.TRACKING"), optional("SHIPMENT.BOL")}
	shipmentLineNeeds = []gqlNeed{need("SHIPMENTD.POHNUM"), need("SHIPMENTD.POPLIN"), optional("SHIPMENTD.POQSEQ"),
		optional("SHIPMENTD.ITMREF"), need("SHIPMENTD.QTY"), optional("SHIPMENTD.UOM")}
	// Reading supplier invoices.
	invoiceHeaderNeeds = []gqlNeed{need("PINVOICE.NUM"), need("PINVOICE.UPDDATTIM"), need("PINVOICE.PIHTYP"),
		need("PINVOICE.BPR"), need("PINVOICE.BPRVCR"), optional("PINVOICE.BPRDAT"), optional("PINVOICE.ACCDAT"),
		optional("PINVOICE.CUR"), optional("PINVOICE.AMTNOT"), optional("PINVOICE.AMTATI"), optional("PINVOICE.PTE"),
		optional("PINVOICE.FCY"), optional("PINVOICE.CPY"), need("PINVOICE.STA")}
	invoiceLineNeeds = []gqlNeed{need("PINVOICED.PIDLIN"), need("PINVOICED.ITMREF"), optional("PINVOICED.ITMDES"),
		need("PINVOICED.UOM"), need("PINVOICED.QTYUOM"), optional("PINVOICED.NETPRI"), optional("PINVOICED.AMTNOTLIN"),
		optional("PINVOICED.POHNUM"), optional("PINVOICED.POPLIN"), optional("PINVOICED.POQSEQ")}
)
