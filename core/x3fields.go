package core

// Logical fields of a purchase order that the inbound path writes. The
// engine speaks these names only; the X3 adapter maps each one to the
// property of the site it talks to (api1: the sagex3 names table and
// [x3.rest]; GraphQL: its own table), so no X3 name is hard-coded here.
const (
	// Header: the supplier's acknowledgment (855).
	FieldAckNumber = "ack_number" // the supplier's order number, else "855-" + ST02
	FieldAckDate   = "ack_date"
	FieldAckNotes  = "ack_notes" // a summary of the line statuses

	// Lines: the acknowledgment of each line, and what the supplier changed.
	FieldLineAckNumber   = "line_ack_number"
	FieldLineAckDate     = "line_ack_date"
	FieldLineAckFlag     = "line_ack_flag" // LineAckFlagYes once the supplier answered the line
	FieldQuantity        = "quantity"      // ordered quantity, in the line's order unit
	FieldExpectedReceipt = "expected_receipt"
	// FieldNetPrice is the line's net price (NETPRI on api1), written
	// only when a buyer accepts a supplier's price change (review.go).
	// UNCONFIRMED: that X3 takes NETPRI in a write; it derives NETPRI from
	// the gross price (GROPRI) and discounts, so a site with line
	// discounts may map this field to its gross price instead.
	FieldNetPrice = "net_price"

	// Ship notice data on the PO itself (inbound.asn_target = "fields":
	// columns the site adds; X3 has none of its own for them).
	FieldASNNumber       = "asn_number"
	FieldShipDate        = "ship_date"
	FieldCarrier         = "carrier"
	FieldTracking        = "tracking"
	FieldBillOfLading    = "bill_of_lading"
	FieldShippedQuantity = "shipped_quantity" // all ship notices of the line together
)

// LineAckFlagYes is the value written to a line's acknowledgment flag
// (LINOCNFLG on api1). UNCONFIRMED: the V11 dictionary types LINOCNFLG
// as C*1 without naming its local menu; we take it to be menu 1 (Yes/No),
// stored as 1 = No, 2 = Yes like every X3 Yes/No column.
const LineAckFlagYes = 2

// POWrite is what the inbound path writes to one purchase order: logical
// fields of the header and of lines. Each line is named as X3 gave it in
// the read this write follows (Key), never by its number alone.
type POWrite struct {
	PONumber string         `json:"po_number"`
	Header   map[string]any `json:"header,omitempty"`
	Lines    []LineWrite    `json:"lines,omitempty"`
}

// LineWrite is what changes on one PO line.
type LineWrite struct {
	Line int            `json:"line"`          // POPLIN
	Seq  int            `json:"seq,omitempty"` // POQSEQ
	Key  string         `json:"key,omitempty"` // X3's identity of the line as read ($uuid on api1); "" when the API names lines otherwise
	Set  map[string]any `json:"set"`
}
