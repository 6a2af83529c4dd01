package core

import (
	"context"
	"time"
)

// Stedi event types the inbox handles (stedi-api.md §4).
const (
	EventTransactionProcessed = "transaction.processed.v2"
	EventFileFailed           = "file.failed.v2"
)

// Sources of an inbox event.
const (
	SourceWebhook = "webhook"
	SourceCatchUp = "catchup"
)

// InboxEvent is one event as delivered: by Stedi's webhook, or found by
// the catch-up in Stedi's transaction list.
type InboxEvent struct {
	ID          string // Stedi's event id; "catchup:<transaction id>" for the catch-up
	Type        string // detail-type
	Source      string // SourceWebhook or SourceCatchUp
	Transaction *InboundTransaction
	FileFailure *FileFailure
	Raw         []byte // the event (or listing entry) verbatim, for the audit trail
	// Thin marks an Event Destinations v1.event (inbox_thin.go): Type is
	// its own ("transaction.processed"), and Transaction holds only the
	// transaction's id and, for environment TEST, mode test.
	Thin bool
}

// FileFailure is the detail of a file.failed.v2 event.
type FileFailure struct {
	FileExecutionID string
	Direction       string
	PartnershipID   string
	FileName        string
	Errors          []Fault
}

// Fault is one entry of file.failed.v2's errors: Stedi's fault code and message.
type Fault struct {
	Code    string
	Message string
}

// InboxEntry is what an event commits: the event itself (for
// deduplication), the document it becomes, if any, and audit entries (on
// the document, or system-wide when there is none).
type InboxEntry struct {
	Event InboxEvent
	Doc   *Document
	Audit []AuditEntry
}

// IntakeResult tells what became of one InboxEntry.
type IntakeResult struct {
	DocID     int64  // the document created, or the one already holding the transaction
	Duplicate string // "", "event" (event id seen before) or "transaction" (transaction id seen before)
}

// InboundOutcome is the result of one attempt to apply an inbound document.
type InboundOutcome struct {
	DocID         int64
	Kind          Kind
	State         State // StateApplied, StateReview, StateRetrying or StateFailed
	NextAttemptAt time.Time
	Error         string
	ErrorClass    ErrorClass
	GiveBack      bool // the attempt does not count (waiting for another document, or X3 refused the credentials)
	Deferred      bool // waiting for another document (an 856 for its PO's 855): not a failure
	PONumber      string
	Supplier      string
	ContentHash   string
	Audit         []AuditEntry
	// Shipped records, once applied, what this 856 shipped per PO line.
	Shipped []ShippedLine
	// Answers lists, once applied, the POs this document answered: their
	// 850s' states follow from it (store: settle850).
	Answers []string
	// Review is what an 855 leaves for the buyer (review.go); its outcome
	// is StateReview while a change waits.
	Review []ReviewOutcome
	// release unlocks the POs the attempt locked, once its outcome is
	// committed (Inbox.handle).
	release func()
	// Acks, for a 997 or 999, records each set response and the document
	// it answers (inbox_fa.go).
	Acks []AckRecord
	// Changes, for an 855, counts the lines the supplier changed or
	// rejected (the partner scorecard's "changes proposed").
	Changes int
	// Shipment is the X3 shipment (or receipt) an applied 856 is recorded
	// as, so that another delivery of the same ship notice is known.
	Shipment *RecordedShipment
}

// RecordedShipment ties a ship notice (ShipmentID: partner and BSN02) to
// the X3 object made for it.
type RecordedShipment struct {
	ID  string
	Ref string
}

// ShipmentLedger finds the document a ship notice was recorded by; the
// SQLite store is one.
type ShipmentLedger interface {
	ShipmentRecorded(ctx context.Context, id string) (docID int64, ref string, ok bool, err error)
}

// ShippedLine is what one applied 856 shipped of one PO line.
type ShippedLine struct {
	PONumber string
	Line     int
	Quantity float64
	Delivery string // expected receipt date the 856 gave, YYYY-MM-DD or ""
}

// History is what earlier applied 856s did to a PO, so that a document
// applied twice, or out of order, writes the same values.
type History struct {
	Shipped    map[int]float64 // POPLIN → quantity shipped by other applied 856s
	Delivery   map[int]string  // POPLIN → latest expected receipt date they gave
	LatestASN  time.Time       // when Stedi processed the newest of them
	Processing time.Time       // when Stedi processed the document being applied
}

// Absorbed is 850 content a write-back left a PO in: the poller treats
// it as already known to the partner.
type Absorbed struct {
	Hash     string
	Revision int // the 850 revision it was derived from
}

// InboxStore is the durable state of the inbound path. Every method
// commits before it returns.
type InboxStore interface {
	// IntakeEvents commits events, deduplicated on event id and on
	// transaction id, with the documents they become, and optionally a
	// cursor move, in one transaction.
	IntakeEvents(ctx context.Context, entries []InboxEntry, cursor *CursorMove) ([]IntakeResult, error)
	// ClaimInbound marks up to limit due inbound documents as processing.
	ClaimInbound(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]Document, error)
	// RequeueInbound returns processing documents whose lease ends by
	// leaseEnd to the queue, due at once.
	RequeueInbound(ctx context.Context, leaseEnd time.Time) (int, error)
	// ResolveInbound records what a KindTransaction document is
	// (inbox_thin.go) while it is being processed.
	ResolveInbound(ctx context.Context, r Resolution) error
	// FinishInbound records the outcome of one attempt.
	FinishInbound(ctx context.Context, o InboundOutcome) error
	// History sums what other applied 856s shipped of a PO.
	History(ctx context.Context, po string, excludeDoc int64) (History, error)
	// AcknowledgmentPending reports whether an 855 that may concern po (its
	// PO, or a PO not yet known from the same partnership) still waits.
	AcknowledgmentPending(ctx context.Context, po, partnershipID string) (bool, error)
	// Absorb records an 850 content hash a write-back leaves a PO with.
	Absorb(ctx context.Context, po string, a Absorbed) error
	AbsorbedSource
	// AcceptedChange returns the change a KindChange document writes.
	AcceptedChange(ctx context.Context, writeDocID int64) (ProposedChange, error)
	// WebhookSilence reports the inbound transactions no webhook delivered
	// that Stedi processed at or before processedBy and after the newest
	// one a webhook delivered (silence.go).
	WebhookSilence(ctx context.Context, processedBy time.Time) (Silence, error)
	ControlStore
	AckStore // inbox_fa.go: matching 997s to what was sent
	LatestRevision(ctx context.Context, kind Kind, key string) (Revision, bool, error)
	Cursor(ctx context.Context, name string) (time.Time, error)
	AppendAudit(ctx context.Context, docID int64, entries ...AuditEntry) error
}
