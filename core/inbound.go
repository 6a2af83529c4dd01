package core

import (
	"context"
	"encoding/json"
	"time"
)

// InboundTransaction is what Stedi tells about one processed transaction:
// the detail of a transaction.processed.v2 event, or one item of
// GET /transactions. Both carry the same fields.
type InboundTransaction struct {
	TransactionID   string    `json:"transaction_id"`
	Direction       string    `json:"direction"` // INBOUND, OUTBOUND
	Mode            string    `json:"mode"`      // test, production, other
	SetID           string    `json:"set_id"`    // x12.metadata.transaction.transactionSetIdentifier: 855, 856, ...
	PartnershipID   string    `json:"partnership_id"`
	FileExecutionID string    `json:"file_execution_id"`
	ProcessedAt     time.Time `json:"processed_at"`
	ControlNumber   string    `json:"control_number"`   // ST02
	Errors          []Fault   `json:"errors,omitempty"` // translationErrors of a transaction Stedi failed
}

// EDIInbox is what the inbound path needs from Stedi.
type EDIInbox interface {
	// InboundTransactions calls fn for every inbound transaction Stedi
	// processed (status succeeded) at or after since, following every page.
	InboundTransactions(ctx context.Context, since time.Time, fn func(InboundTransaction) error) error
	// FailedInboundTransactions does the same for the inbound
	// transactions Stedi failed to process (status failed).
	FailedInboundTransactions(ctx context.Context, since time.Time, fn func(InboundTransaction) error) error
	// TransactionOutput returns the parsed Guide JSON of one transaction
	// (GET /transactions/{id}/output, which answers with a redirect).
	TransactionOutput(ctx context.Context, transactionID string) (json.RawMessage, error)
}

// ERPWriter is what the inbound path needs to write into Sage X3.
type ERPWriter interface {
	// WritePurchaseOrder applies a partial update to a purchase order
	// (logical fields, x3fields.go; fields left out are unchanged) and
	// returns the PO as X3 stored it.
	WritePurchaseOrder(ctx context.Context, w POWrite) (*PurchaseOrder, error)
}
