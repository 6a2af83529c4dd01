package core

import (
	"context"
	"encoding/json"
	"time"
)

// CursorSupplierInvoices is the poll cursor of X3 supplier invoices.
const CursorSupplierInvoices = "x3.pinvoice"

// Supplier invoice types (PIHTYP, local menu 533).
const (
	InvoiceTypeInvoice    = 1 // invoice
	InvoiceTypeAdditional = 2 // additional invoice: a debit memo to the supplier
	InvoiceTypeCreditMemo = 3 // credit memo
	InvoiceTypeCreditRet  = 4 // credit memo for a return
)

// InvoiceStatusValidated is STA = 3 (menu 509: 1 pending, 2 to validate,
// 3 validated). Only validated invoices go to partners: a draft can still
// change and must not reach the supplier's books.
const InvoiceStatusValidated = 3

// SupplierInvoice is a Sage X3 supplier invoice (PINVOICE header with its
// PINVOICED lines) as the engine needs it: a self-billing (evaluated
// receipt settlement) invoice, or a debit or credit memo, that goes to the
// supplier as an 810. Field comments name the X3 column each value comes
// from.
type SupplierInvoice struct {
	Number          string    // NUM
	Type            int       // PIHTYP: 1 invoice, 2 additional invoice, 3 credit memo, 4 credit memo/return
	Supplier        string    // BPR
	SupplierDoc     string    // BPRVCR, the supplier's document number
	SupplierDocDate string    // BPRDAT, YYYY-MM-DD
	AccountingDate  string    // ACCDAT, YYYY-MM-DD
	Currency        string    // CUR
	AmountExTax     float64   // AMTNOT
	AmountIncTax    float64   // AMTATI
	PaymentTerms    string    // PTE
	Site            string    // FCY
	Company         string    // CPY
	Status          int       // STA: 1 pending, 2 to validate, 3 validated
	Updated         time.Time // UPDDATTIM
	Lines           []InvoiceLine

	// Taken from the purchase order the lines refer to, when there is
	// exactly one and it can be read: PINVOICE itself does not hold them.
	PODate          string // PORDER.ORDDAT, YYYY-MM-DD
	POReceivingSite string // PORDER.RCPFCY

	// Raw is the record exactly as X3 returned it, kept for the audit trail.
	Raw json.RawMessage `json:"-"`
}

// InvoiceLine is one PINVOICED line.
type InvoiceLine struct {
	Line        int     // PIDLIN
	Item        string  // ITMREF
	Description string  // ITMDES
	Unit        string  // UOM
	Quantity    float64 // QTYUOM, invoiced quantity
	NetPrice    float64 // NETPRI
	Amount      float64 // AMTNOTLIN, line amount excluding tax
	PONumber    string  // POHNUM
	POLine      int     // POPLIN
	POSeq       int     // POQSEQ
	// SupplierItem is ITMREFBPS of the linked PORDERQ line, taken from the
	// purchase order: PINVOICED does not hold the supplier's part number.
	SupplierItem string
}

// IsCreditMemo reports whether the invoice credits the supplier's account.
func (inv *SupplierInvoice) IsCreditMemo() bool {
	return inv.Type == InvoiceTypeCreditMemo || inv.Type == InvoiceTypeCreditRet
}

// PurchaseOrderNumber returns the PO all lines refer to, or "" when they
// refer to none or to several.
func (inv *SupplierInvoice) PurchaseOrderNumber() string {
	po := ""
	for _, l := range inv.Lines {
		switch {
		case l.PONumber == "":
			return ""
		case po == "":
			po = l.PONumber
		case po != l.PONumber:
			return ""
		}
	}
	return po
}

// InvoiceSource is what the engine needs to send supplier invoices. It is
// optional: an ERP that implements it has its invoices polled as well as
// its purchase orders. Implementations return *Error for remote failures.
type InvoiceSource interface {
	// ChangedSupplierInvoices calls fn for every supplier invoice whose
	// update timestamp is at or after since, following every page.
	ChangedSupplierInvoices(ctx context.Context, since time.Time, fn func(RecordStamp) error) error
	// SupplierInvoice reads one invoice with its lines. An invoice that
	// does not exist yields an error wrapping ErrNotFound.
	SupplierInvoice(ctx context.Context, number string) (*SupplierInvoice, error)
}
