package core

// The logical fields the inbound path writes (x3fields.go), under the
// short names the planners use.
const (
	colAckNumber       = FieldAckNumber
	colAckDate         = FieldAckDate
	colAckNotes        = FieldAckNotes
	colLineAckNumber   = FieldLineAckNumber
	colLineAckDate     = FieldLineAckDate
	colLineAckFlag     = FieldLineAckFlag
	colExpectedReceipt = FieldExpectedReceipt
	colQuantity        = FieldQuantity
	colASNNumber       = FieldASNNumber
	colShipDate        = FieldShipDate
	colCarrier         = FieldCarrier
	colTracking        = FieldTracking
	colBillOfLad       = FieldBillOfLading
	colShippedQty      = FieldShippedQuantity
	lineAckFlagYes     = LineAckFlagYes
	maxAckNumber       = 20  // OCNNUM and LINOCNNUM are A*20 (sagex3-api.md §3.1, §3.3)
	maxAckNotes        = 150 // OCNREM is A*150
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
