package core

import (
	"encoding/json"
	"time"
)

// Kind is the X12 transaction set a document is, or becomes.
type Kind string

const (
	Kind850 Kind = "850" // purchase order, outbound
	Kind810 Kind = "810" // invoice, outbound
	Kind855 Kind = "855" // PO acknowledgment, inbound
	Kind856 Kind = "856" // ship notice, inbound
	// Kind860 is the set a PO revision goes out as to a partner that takes
	// change orders (Partner.ChangeSet): the document stays the PO's (Kind850).
	Kind860 Kind = "860" // purchase order change, buyer initiated, outbound
)

// Direction says whether a document leaves X3 or comes into it.
type Direction string

const (
	Outbound Direction = "out"
	Inbound  Direction = "in"
)

// State is where a document stands. Outbound documents move
// pending → sending → sent, with retrying between attempts and failed when
// attempts run out or the error is permanent. A newer revision of the same
// X3 record that arrives before an older one was sent supersedes it.
type State string

const (
	StatePending    State = "pending"    // waiting for its first attempt
	StateSending    State = "sending"    // claimed by a worker; the lease guards against crashes
	StateRetrying   State = "retrying"   // waiting for its next attempt after a transient failure
	StateSent       State = "sent"       // accepted by the EDI platform
	StateFailed     State = "failed"     // waits in the failed queue for an operator
	StateSuperseded State = "superseded" // replaced by a newer revision before it was sent
	// StateClosed is a revision that records why nothing goes out: the PO
	// was closed in X3 by receipt, or cancelled before any 850 reached
	// the partner (closure.go).
	StateClosed State = "closed"
)

// States lists every state in queue order, for status tables.
var States = []State{StatePending, StateSending, StateRetrying, StateSent, StateFailed, StateSuperseded, StateClosed,
	StateReceived, StateProcessing, StateApplied, StateHeld, StateAcknowledged, StateShipped}

// Purpose codes (BEG01, BCH01: X12 element 353, x12.md §2.1) the engine emits.
const (
	PurposeOriginal = "00"
	PurposeCancel   = "01" // the whole PO is cancelled
	PurposeChange   = "04" // an 860 with the lines that changed
	PurposeReplace  = "05"
)

// Document is one revision of an X3 record that must go out (or one
// document that came in). Revisions of the same record share SourceKey.
type Document struct {
	ID                   int64           `json:"id"`
	Kind                 Kind            `json:"kind"`
	Direction            Direction       `json:"direction"`
	SourceKey            string          `json:"source_key"`
	Revision             int             `json:"revision"`
	Purpose              string          `json:"purpose,omitempty"`
	PONumber             string          `json:"po_number,omitempty"`
	Supplier             string          `json:"supplier,omitempty"`
	PartnershipID        string          `json:"partnership_id,omitempty"`
	TransactionSettingID string          `json:"transaction_setting_id,omitempty"`
	ContentHash          string          `json:"content_hash"`
	IdempotencyKey       string          `json:"idempotency_key,omitempty"`
	State                State           `json:"state"`
	Attempts             int             `json:"attempts"`
	NextAttemptAt        time.Time       `json:"next_attempt_at,omitzero"`
	LastError            string          `json:"last_error,omitempty"`
	ErrorClass           ErrorClass      `json:"error_class,omitempty"`
	SourceUpdated        time.Time       `json:"source_updated,omitzero"`
	CreatedAt            time.Time       `json:"created_at"`
	UpdatedAt            time.Time       `json:"updated_at"`
	FirstSentAt          time.Time       `json:"first_sent_at,omitzero"` // the first request that may have reached Stedi left: its idempotency window starts
	Payload              json.RawMessage `json:"payload,omitempty"`
	// Axes, when a reader filled them in (the outbound list), are the
	// document's validation, delivery and business statuses (axes.go).
	Axes *Axes `json:"axes,omitempty"`
	// Test marks a test document: sent with ISA15 T by a partner in test
	// mode, or received from Stedi with mode test (or other). Test
	// documents never change a production X3 and are counted apart.
	Test bool `json:"test,omitempty"`
	// Release is the X12 release an outbound document was written for.
	Release Release `json:"release,omitempty"`
	// Set is the transaction set a revision goes out as when it is not
	// its kind's own: Kind860 for a PO's change order ("" otherwise).
	Set Kind `json:"set,omitempty"`
}

// SetOf is the transaction set the document is (or goes out as).
func (d Document) SetOf() Kind {
	if d.Set != "" {
		return d.Set
	}
	return d.Kind
}

// Orders reports whether the document asks the partner for goods, so that
// its 855 and 856 are awaited: an 850 that is not a cancellation. A
// change order (860) is answered, if at all, by an 865 (not tracked here).
func (d Document) Orders() bool {
	return d.Kind == Kind850 && d.SetOf() == Kind850 && d.Purpose != PurposeCancel
}

// Describe names what an outbound revision of a PO is, for lists and the
// trail: "850 original", "850 cancellation", "860 change order", ...
func (d Document) Describe() string {
	words := map[string]string{PurposeOriginal: "original", PurposeCancel: "cancellation",
		PurposeChange: "change order", PurposeReplace: "replacement"}
	switch w, ok := words[d.Purpose]; {
	case d.State == StateClosed && d.Purpose == PurposeCancel:
		return "cancelled before it went out: nothing sent"
	case d.State == StateClosed:
		return "closed by receipt: nothing sent"
	case ok:
		return string(d.SetOf()) + " " + w
	}
	return string(d.SetOf())
}

// Revision summarises the latest stored revision of one X3 record.
type Revision struct {
	ID      int64
	Number  int
	Hash    string
	State   State
	AnySent bool // some production revision of this record reached, or may have reached, the partner
	// AnyTestSent is the same of the record's test revisions (a partner in
	// test mode): test and production documents are numbered apart.
	AnyTestSent bool
}

// AuditEntry is one line of a document's append-only history.
type AuditEntry struct {
	ID         int64     `json:"id"`
	DocumentID int64     `json:"document_id,omitempty"`
	At         time.Time `json:"at"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	Message    string    `json:"message,omitempty"`
	PayloadID  int64     `json:"payload_id,omitempty"`
	// Payload travels with an entry being written; readers fetch it by PayloadID.
	Payload *Payload `json:"-"`
}

// Payload kinds kept in the audit trail.
const (
	PayloadX3Record      = "x3_record"      // the record as read from X3
	PayloadStediResponse = "stedi_response" // Stedi's answer, verbatim, with the X12 it produced
)

// Payload is a body kept in the audit trail.
type Payload struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	ContentType string `json:"content_type"`
	Body        []byte `json:"-"`
}
