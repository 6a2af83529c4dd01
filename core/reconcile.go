package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// DefaultIdempotencyWindow is how long Stedi answers a repeated
// Idempotency-Key from its cache: "After 24 hours, Stedi allows the
// request to execute again" (stedi-api.md §3).
const DefaultIdempotencyWindow = 24 * time.Hour

// maxReconcileCandidates bounds the transactions of one document number
// the sender compares: a PO sent more often than this is not ordinary,
// and an operator looks at it instead.
const maxReconcileCandidates = 50

// OutboundQuery selects what Stedi lists as sent on one partnership:
// GET /transactions?direction=OUTBOUND&partnershipId&transactionSetId&businessIdentifier.
type OutboundQuery struct {
	PartnershipID      string
	SetID              string // 850, 810
	BusinessIdentifier string // the PO number (BEG03) or invoice number (BIG02)
}

// OutboundTransaction is one outbound transaction Stedi lists.
type OutboundTransaction struct {
	TransactionID   string
	FileExecutionID string
	Status          string // succeeded, failed
	Mode            string // test, production, other (from ISA15)
	ProcessedAt     time.Time
	ControlNumber   string          // ST02
	GuideJSON       string          // which of its documents (input, output) Stedi lists as its Guide JSON; "" when none
	Raw             json.RawMessage // the listing item verbatim, for the audit trail
}

// OutboundLookup is how the sender learns, past Stedi's idempotency
// window, whether Stedi already holds a document.
type OutboundLookup interface {
	// OutboundTransactions calls fn for each transaction q selects,
	// newest first, following every page.
	OutboundTransactions(ctx context.Context, q OutboundQuery, fn func(OutboundTransaction) error) error
	// OutboundGuideJSON returns the Guide JSON Stedi kept of one outbound
	// transaction (what was posted to generate-edi).
	OutboundGuideJSON(ctx context.Context, t OutboundTransaction) (json.RawMessage, error)
}

// errTooManyCandidates stops a listing that would not end.
var errTooManyCandidates = errors.New("too many transactions")

// pastWindow reports whether d's first request may have reached Stedi
// longer ago than Stedi remembers its idempotency key: a resend would no
// longer be answered from the cache but executed again.
func (s *Sender) pastWindow(d Document) bool {
	return !d.FirstSentAt.IsZero() && s.Now().Sub(d.FirstSentAt) >= s.Window
}

// reconcile asks Stedi whether it holds this very revision of d: it lists
// the outbound transactions of d's partnership, set and document number,
// and compares the Guide JSON Stedi kept of each with the revision's own
// payload (SameTransaction). Several revisions share a document number;
// only the content tells them apart. It returns the matching transaction
// (nil when Stedi holds none) and how many transactions of the number
// Stedi listed.
func (s *Sender) reconcile(ctx context.Context, d Document) (*OutboundTransaction, int, error) {
	if s.Lookup == nil {
		return nil, 0, &Error{Class: Permanent, Op: "reconcile", Message: "no way to list Stedi's outbound transactions is configured"}
	}
	q := OutboundQuery{PartnershipID: d.PartnershipID, SetID: string(d.SetOf()), BusinessIdentifier: d.SourceKey}
	var listed []OutboundTransaction
	err := s.Lookup.OutboundTransactions(ctx, q, func(t OutboundTransaction) error {
		if len(listed) == maxReconcileCandidates {
			return errTooManyCandidates
		}
		listed = append(listed, t)
		return nil
	})
	if errors.Is(err, errTooManyCandidates) {
		return nil, len(listed), &Error{Class: Permanent, Op: "reconcile",
			Message: fmt.Sprintf("Stedi lists more than %d %s transactions of %s", maxReconcileCandidates, d.Kind, d.SourceKey)}
	}
	if err != nil {
		return nil, len(listed), err
	}
	for _, t := range listed {
		if IsTestMode(t.Mode) != d.Test {
			continue // a test interchange (partner test, test mode) is not the production document, nor the reverse
		}
		held, err := s.Lookup.OutboundGuideJSON(ctx, t)
		if err != nil {
			return nil, len(listed), fmt.Errorf("read the Guide JSON of transaction %s: %w", t.TransactionID, err)
		}
		same, err := SameTransaction(d.Payload, held)
		if err != nil {
			return nil, len(listed), &Error{Class: Permanent, Op: "reconcile",
				Message: fmt.Sprintf("cannot compare transaction %s with revision %d: %s", t.TransactionID, d.Revision, err)}
		}
		if same {
			return &t, len(listed), nil
		}
	}
	return nil, len(listed), nil
}

// reconciled is the outcome when Stedi already holds the revision: sent,
// with no request made (the attempt does not count).
func (s *Sender) reconciled(d Document, t *OutboundTransaction) Outcome {
	msg := fmt.Sprintf("not resent: its first request left %s, past Stedi's %s idempotency window, so Stedi was asked first; "+
		"it holds this revision as transaction %s (file execution %s, ST02 %s, processed %s)",
		d.FirstSentAt.UTC().Format(time.RFC3339), s.Window, t.TransactionID, orDash(t.FileExecutionID),
		orDash(t.ControlNumber), t.ProcessedAt.UTC().Format(time.RFC3339))
	return Outcome{DocID: d.ID, Kind: d.Kind, Key: d.SourceKey, State: StateSent, GiveBack: true,
		Audit: []AuditEntry{{Actor: "sender", Action: "reconciled", Message: msg,
			Payload: &Payload{Kind: PayloadStediTransaction, ContentType: "application/json", Body: t.Raw}}}}
}

// notHeld is the audit entry of a reconciliation that found nothing: the
// revision is sent again, and its window starts over.
func (s *Sender) notHeld(d Document, others int) AuditEntry {
	msg := fmt.Sprintf("its first request left %s, past Stedi's %s idempotency window; Stedi holds no transaction of this revision",
		d.FirstSentAt.UTC().Format(time.RFC3339), s.Window)
	if others > 0 {
		msg += fmt.Sprintf(" (it lists %d of %s %s, with other content: other revisions)", others, d.Kind, d.SourceKey)
	}
	return AuditEntry{Actor: "sender", Action: "reconcile", Message: msg + "; sending it again"}
}

// held is the outcome when Stedi could not say whether it holds the
// revision: a transient failure is tried again like any attempt, anything
// else (or the last attempt) waits for the operator in the failed queue.
// Never a blind resend: past the window Stedi would execute it again.
func (s *Sender) held(ctx context.Context, d Document, n int, err error) Outcome {
	o := Outcome{DocID: d.ID, Kind: d.Kind, Key: d.SourceKey, Error: err.Error(), ErrorClass: ClassOf(err)}
	switch {
	case o.ErrorClass == Unauthorized:
		s.pause(ctx, err)
		o.State, o.NextAttemptAt, o.GiveBack = StateRetrying, s.Now(), true
		o.Audit = []AuditEntry{{Actor: "sender", Action: "paused",
			Message: "Stedi refused the credentials while asking whether it holds this revision: " + err.Error()}}
	case o.ErrorClass == Transient && n < s.MaxAttempts:
		wait := max(s.Backoff.Delay(n), RetryAfterOf(err))
		o.State, o.NextAttemptAt = StateRetrying, s.Now().Add(wait)
		o.Audit = []AuditEntry{{Actor: "sender", Action: "attempt_failed",
			Message: fmt.Sprintf("attempt %d of %d: Stedi could not say whether it holds this revision (%s); asked again in %s",
				n, s.MaxAttempts, err, wait.Round(time.Millisecond))}}
	default:
		o.State, o.ErrorClass = StateFailed, Permanent
		o.Error = fmt.Sprintf("held for the operator: the first request of %s %s revision %d left %s, past Stedi's %s idempotency window, "+
			"and Stedi could not say whether it already holds it (%s); it is not resent blindly. "+
			"Look for %s in Stedi's outbound transactions of partnership %s, then replay it to ask Stedi again",
			d.Kind, d.SourceKey, d.Revision, d.FirstSentAt.UTC().Format(time.RFC3339), s.Window, err, d.SourceKey, d.PartnershipID)
		o.Audit = []AuditEntry{{Actor: "sender", Action: "held", Message: o.Error}}
	}
	return o
}

// PayloadStediTransaction is a transaction as Stedi lists it (GET /transactions).
const PayloadStediTransaction = "stedi_transaction"
