package core

import (
	"encoding/json"
	"errors"
	"time"
)

// A supplier's 855 may change what was ordered: a quantity, a price, a
// delivery date. Those are the buyer's to decide, so by default the inbox
// writes the acknowledgment itself (number, date, notes, line flags) and
// keeps each change in a review queue, with what X3 holds and what the
// supplier proposes. An accepted change becomes a document of KindChange,
// which the inbox writes into X3 like any inbound document (claimed,
// leased, retried, failed and replayed the same way); a rejected one is
// recorded and nothing is written. inbound.apply_855_changes = true writes
// quantity and date changes at once, as before the review queue existed.

// KindChange is a supplier's change the buyer accepted: an inbound
// document whose only content is that one change, written into X3.
const KindChange Kind = "change"

// StateReview is an 855 applied to X3 except for changes that wait for
// the buyer's decision. It is not a failure: nothing has to be replayed.
const StateReview State = "review"

// Fields of a PO line a supplier's change can touch.
const (
	ChangeQuantity = "quantity"
	ChangePrice    = "price"
	ChangeDate     = "date"
)

// Decisions on a proposed change.
const (
	DecisionPending    = "pending"
	DecisionAccepted   = "accepted"
	DecisionRejected   = "rejected"
	DecisionSuperseded = "superseded" // a later 855 answered the same line
)

// ErrDecided refuses a second decision on a change.
var ErrDecided = errors.New("already decided")

// colNetPrice is the PO line's net price, the unit price our 850 sends as
// PO104 and a supplier's 855 echoes or changes (x3fields.go).
const colNetPrice = FieldNetPrice

// ProposedChange is one change a supplier's 855 proposes to one PO line,
// with the buyer's decision and, once accepted, the document that writes it.
type ProposedChange struct {
	ID            int64           `json:"id"`
	DocumentID    int64           `json:"document_id"` // the 855
	PONumber      string          `json:"po_number"`
	Line          int             `json:"line"` // POPLIN
	Seq           int             `json:"seq,omitempty"`
	Field         string          `json:"field"` // ChangeQuantity, ChangePrice, ChangeDate
	Column        string          `json:"-"`     // the logical field it writes (x3fields.go)
	Current       string          `json:"current"`
	Proposed      string          `json:"proposed"`
	Value         json.RawMessage `json:"-"` // the value as written into X3 (a JSON number or string)
	Unit          string          `json:"unit,omitempty"`
	Supplier      string          `json:"supplier,omitempty"`
	PartnershipID string          `json:"partnership_id,omitempty"`
	ProposedAt    time.Time       `json:"proposed_at"` // when Stedi processed the 855
	CreatedAt     time.Time       `json:"created_at"`
	Decision      string          `json:"decision"`
	DecidedBy     string          `json:"decided_by,omitempty"`
	DecidedAt     time.Time       `json:"decided_at,omitzero"`
	// WriteDocID is the KindChange document of an accepted change; its
	// state says whether the change reached X3 (applied) or failed.
	WriteDocID int64  `json:"write_document_id,omitempty"`
	WriteState State  `json:"write_state,omitempty"`
	WriteError string `json:"write_error,omitempty"`
}

// ReviewOutcome is what an applied 855 leaves for the buyer about one PO:
// the lines it answered (older undecided changes of these lines are
// superseded: the supplier has spoken again) and its own changes.
type ReviewOutcome struct {
	PONumber string
	Lines    []LineKey
	Changes  []ProposedChange
}

// LineKey names a PO line: POPLIN and POQSEQ.
type LineKey struct {
	Line int
	Seq  int
}

// fieldOfColumn names the field a change column carries.
func fieldOfColumn(col string) string {
	switch col {
	case colQuantity:
		return ChangeQuantity
	case colNetPrice:
		return ChangePrice
	case colExpectedReceipt:
		return ChangeDate
	}
	return col
}
