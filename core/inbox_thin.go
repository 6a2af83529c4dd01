package core

import (
	"context"
	"fmt"
	"time"
)

// Thin events of Stedi's Event Destinations (stedi-api.md §5.3): a
// v1.event names the resource that changed ({id, type}) and nothing else,
// so a transaction it announces is taken in as a KindTransaction document
// and the inbox asks Stedi what it is (GET /transactions/{id}) before
// applying it.
//
// UNCONFIRMED: that Event Destinations deliver transaction.processed and
// file.failed for retail X12 partnerships (850, 810, 855, 856) at all
// (stedi-api.md §5.3 says NOT FOUND: the product is healthcare-first);
// that a transaction.processed event's resource.id is the transactionId
// of core.json's GET /transactions/{transactionId}, and a file.failed's
// the file execution id; and the resource type names, which are read for
// the audit trail only.
const (
	EventThinTransactionProcessed = "transaction.processed"
	EventThinFileFailed           = "file.failed"
	EventPing                     = "event.ping" // Stedi's test event: acknowledged, audited, nothing else
)

// KindTransaction is an inbound transaction a thin event announced whose
// set, direction and partnership are not known yet. The inbox resolves it
// into an 855, 856, 997 or 999 (or closes it, for a transaction the
// connector does not take) before anything else happens to it.
const KindTransaction Kind = "transaction"

// TransactionLookup reads one transaction's metadata from Stedi
// (GET /transactions/{transactionId}, core.json); stedi.Client has it.
type TransactionLookup interface {
	Transaction(ctx context.Context, transactionID string) (InboundTransaction, error)
}

// Resolution is what the lookup taught of a KindTransaction document,
// committed before the document is applied as what it really is.
type Resolution struct {
	DocID         int64
	Kind          Kind // KindTransaction when the connector does not take it
	PartnershipID string
	Test          bool
	ProcessedAt   time.Time
	Audit         AuditEntry
}

// newThinEntry decides what a thin event becomes in the inbox.
func newThinEntry(ev InboxEvent) InboxEntry {
	e := InboxEntry{Event: ev}
	payload := &Payload{Kind: PayloadStediEvent, ContentType: "application/json", Body: ev.Raw}
	switch {
	case ev.Type == EventThinTransactionProcessed && ev.Transaction != nil:
		tx := ev.Transaction
		e.Doc = &Document{Kind: KindTransaction, Direction: Inbound, SourceKey: tx.TransactionID, Revision: 1,
			State: StateReceived, SourceUpdated: tx.ProcessedAt, Test: IsTestMode(tx.Mode)}
		e.Audit = []AuditEntry{{Actor: ev.Source, Action: "received", Payload: payload,
			Message: fmt.Sprintf("%stransaction %s announced by Stedi's event destination (event %s); "+
				"its set, direction and partnership are read from Stedi before it is applied",
				testLabel(e.Doc.Test), tx.TransactionID, ev.ID)}}
	case ev.Type == EventThinFileFailed && ev.FileFailure != nil:
		failedFileEntry(&e, payload)
	case ev.Type == EventPing:
		e.Audit = []AuditEntry{{Actor: ev.Source, Action: "ping", Payload: payload,
			Message: fmt.Sprintf("Stedi event destination test event %s (event.ping) received", ev.ID)}}
	default:
		e.Audit = []AuditEntry{{Actor: ev.Source, Action: "event_ignored", Payload: payload,
			Message: fmt.Sprintf("Stedi event %s of type %q is not one ml-connector handles; acknowledged and kept here", ev.ID, ev.Type)}}
	}
	return e
}

// resolveThin asks Stedi what a thin event's transaction is, commits the
// answer, and applies the document as what it is. A lookup that fails is
// retried like any fetch from Stedi.
func (in *Inbox) resolveThin(ctx context.Context, d Document) InboundOutcome {
	o := InboundOutcome{DocID: d.ID, Kind: d.Kind}
	lookup, ok := in.EDI.(TransactionLookup)
	if !ok {
		return in.failure(d, o, &Error{Class: Permanent, Op: "resolve thin event",
			Message: "this Stedi client cannot look transactions up (GET /transactions/{id})"})
	}
	tx, err := lookup.Transaction(ctx, d.SourceKey)
	if err != nil {
		return in.failure(d, o, fmt.Errorf("read transaction %s from Stedi: %w", d.SourceKey, err))
	}
	r := resolution(d, tx)
	if err := in.Store.ResolveInbound(ctx, r); err != nil {
		return in.failure(d, o, &Error{Class: Transient, Op: "resolve thin event", Err: err})
	}
	if r.Kind == KindTransaction {
		o.State = StateClosed
		return o
	}
	d.Kind, d.PartnershipID, d.Test, d.SourceUpdated = r.Kind, r.PartnershipID, r.Test, r.ProcessedAt
	return in.apply(ctx, d)
}

// resolution reads the transaction as the transaction.processed.v2 path
// would (NewInboxEntry), so both paths make the same document.
func resolution(d Document, tx InboundTransaction) Resolution {
	r := Resolution{DocID: d.ID, Kind: KindTransaction, PartnershipID: tx.PartnershipID,
		Test: d.Test || IsTestMode(tx.Mode), ProcessedAt: tx.ProcessedAt}
	if r.ProcessedAt.IsZero() {
		r.ProcessedAt = d.SourceUpdated
	}
	as := NewInboxEntry(InboxEvent{Type: EventTransactionProcessed, Transaction: &tx})
	if as.Doc == nil {
		r.Audit = AuditEntry{Actor: "inbox", Action: "closed", Message: fmt.Sprintf(
			"Stedi says transaction %s is a %s %s set (partnership %s): not an inbound 855, 856 or acknowledgment; nothing to apply",
			tx.TransactionID, orDash(tx.Direction), orDash(tx.SetID), orDash(tx.PartnershipID))}
		return r
	}
	r.Kind = as.Doc.Kind
	r.Audit = AuditEntry{Actor: "inbox", Action: "resolved", Message: fmt.Sprintf(
		"Stedi says transaction %s is %s%s from partnership %s (ST02 %s, mode %s)",
		tx.TransactionID, testLabel(r.Test), r.Kind, orDash(tx.PartnershipID), orDash(tx.ControlNumber), orDash(tx.Mode))}
	return r
}
