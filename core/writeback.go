package core

// Sage X3 columns the inbound path writes. The acknowledgment columns are
// documented on PORDER and PORDERQ (sagex3-api.md §3.1, §3.3).
const (
	colAckNumber       = "OCNNUM"    // PORDER, A*20
	colAckDate         = "OCNDAT"    // PORDER
	colAckNotes        = "OCNREM"    // PORDER, A*150
	colLineAckNumber   = "LINOCNNUM" // PORDERQ, A*20
	colLineAckDate     = "LINOCNDAT" // PORDERQ
	colLineAckFlag     = "LINOCNFLG" // PORDERQ, local menu 1: 2 = yes
	colExpectedReceipt = "EXTRCPDAT" // PORDERQ
	colQuantity        = "QTYUOM"    // PORDERQ, in the line's order unit
)

// UNCONFIRMED: X3's PO has no documented columns for what an 856 tells
// (ASN number, ship date, carrier, tracking, bill of lading, quantity
// shipped). We write them to specific (custom) columns, named with the Y
// prefix X3 reserves for customer developments, which the site adds to
// PORDER and PORDERQ and to the PORDER representation; the X3 simulator
// serves them. Rename here if the site uses other names.
const (
	colASNNumber   = "YASNNUM"   // PORDER: BSN02 of the latest ship notice
	colShipDate    = "YSHIDAT"   // PORDER: DTM*011 (else BSN03)
	colCarrier     = "YCARRIER"  // PORDER: TD503 SCAC (else TD505 routing)
	colTracking    = "YTRACKNUM" // PORDER: REF*2I / REF*CN / MAN*CP
	colBillOfLad   = "YBOLNUM"   // PORDER: REF*BM
	colShippedQty  = "YSHIQTY"   // PORDERQ: quantity shipped so far, all ship notices together, in the order unit
	lineAckFlagYes = 2           // UNCONFIRMED: LINOCNFLG is C*1 in the V11 dictionary, no menu found; 2 is local menu 1 "yes", on every line an 855 answers
	maxAckNumber   = 20
	maxAckNotes    = 150
)

// POUpdate is what one inbound document asks to change on one PO, before
// it is compared with the PO in X3.
type POUpdate struct {
	Kind     Kind           `json:"kind"`
	PONumber string         `json:"po_number"`
	Header   map[string]any `json:"header,omitempty"`
	Lines    []LineUpdate   `json:"lines,omitempty"`
	Summary  string         `json:"summary"`
}

// LineUpdate is what the document says about one PO line.
type LineUpdate struct {
	Ref      LineRef        `json:"ref"`
	Status   string         `json:"status,omitempty"` // accepted, changed, rejected, backordered, on hold; shipped
	Set      map[string]any `json:"set,omitempty"`    // columns written as they are
	Quantity *Quantity      `json:"quantity,omitempty"`
	Shipped  *Quantity      `json:"shipped,omitempty"`
	Delivery string         `json:"delivery,omitempty"` // expected receipt date for EXTRCPDAT
}

// LineRef is how a document names a PO line.
type LineRef struct {
	ID       string      `json:"id"` // PO101 / LIN01: our POPLIN
	Products []ProductID `json:"products,omitempty"`
}

// Quantity is a quantity with its X12 unit.
type Quantity struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"`
}

func setIf(m map[string]any, col, v string) {
	if v != "" {
		m[col] = v
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
