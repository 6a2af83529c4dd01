package core

import (
	"context"
	"encoding/json"
	"time"
)

// PurchaseOrder is a Sage X3 purchase order (PORDER header with its PORDERQ
// quantity lines and PORDERP prices) as the engine needs it. Field comments
// name the X3 column each value comes from.
type PurchaseOrder struct {
	Number          string    // POHNUM
	Supplier        string    // BPSNUM
	SupplierName    string    // BPRNAM(0)
	Company         string    // CPY
	OrderSite       string    // POHFCY
	ReceivingSite   string    // RCPFCY
	Buyer           string    // BUY
	OrderDate       string    // ORDDAT, YYYY-MM-DD
	ExpectedReceipt string    // EXTRCPDAT1, YYYY-MM-DD, may be empty
	Currency        string    // CUR
	PaymentTerms    string    // PTE
	InternalRef     string    // ORDREF
	TotalExTax      float64   // TOTORD
	Updated         time.Time // UPDDATTIM
	Closed          Flag      // CLEFLG (closure.go)
	ReceiptStatus   int       // RCPFLG, menu 280: 1 no, 2 in part, 3 in full; 0 when not read
	Lines           []POLine
	// Fields holds the current values of the logical fields the inbound
	// path writes (x3fields.go) that the read returned, so a write-back
	// sends only what differs; nil when the adapter does not read them.
	Fields map[string]any `json:"-"`

	// Raw is the record exactly as X3 returned it, kept for the audit trail.
	Raw json.RawMessage `json:"-"`
}

// POLine is one PO line (PORDERQ joined with PORDERP).
type POLine struct {
	Line            int     // POPLIN (1000, 2000, ...)
	Seq             int     // POQSEQ
	Item            string  // ITMREF
	Description     string  // ITMDES
	SupplierItem    string  // ITMREFBPS
	Unit            string  // UOM
	Quantity        float64 // QTYUOM
	NetPrice        float64 // NETPRI
	ExpectedReceipt string  // EXTRCPDAT, YYYY-MM-DD
	Status          int     // LINSTA: 1 pending, 2 late, 3 closed
	Closed          Flag    // LINCLEFLG
	ClosedByReceipt Flag    // RCPCLEFLG
	// Key is X3's identity of the line in this read ($uuid on api1), which
	// a write of the line must carry; "" when the API names lines otherwise.
	Key string
	// Fields holds the line's current values of the logical fields the
	// inbound path writes, like PurchaseOrder.Fields.
	Fields map[string]any `json:"-"`
}

// RecordStamp is one row of an X3 change list: a record key and its update
// timestamp.
type RecordStamp struct {
	Key     string
	Updated time.Time
}

// ERP is what the engine needs from Sage X3. Implementations return *Error
// for remote failures so the engine can tell transient from permanent.
type ERP interface {
	// ChangedPurchaseOrders calls fn for every purchase order whose update
	// timestamp is at or after since, following every page.
	ChangedPurchaseOrders(ctx context.Context, since time.Time, fn func(RecordStamp) error) error
	// PurchaseOrder reads one purchase order with its lines. A PO that does
	// not exist yields an error wrapping ErrNotFound.
	PurchaseOrder(ctx context.Context, number string) (*PurchaseOrder, error)
}
