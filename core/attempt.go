package core

import (
	"context"
	"fmt"
	"time"
)

// OutboundRequest is the request that sends d. It depends on nothing but
// the stored document, so every attempt, in any process, sends the same
// body under the same key: Stedi answers a repeat from its idempotency
// cache instead of refusing it as a different request (422).
func OutboundRequest(d Document) GenerateRequest {
	return GenerateRequest{
		PartnershipID:        d.PartnershipID,
		TransactionSettingID: d.TransactionSettingID,
		Transaction:          d.Payload,
		IdempotencyKey:       d.IdempotencyKey,
		Filename:             fmt.Sprintf("%s-%s-r%d.edi", d.SetOf(), safeKeyPart(d.SourceKey), d.Revision), // 860-PO…-r3.edi for a change order
		Test:                 d.Test,
	}
}

// attempt sends one claimed document and turns the answer into an
// Outcome. Past Stedi's idempotency window it asks Stedi first (reconcile.go).
func (s *Sender) attempt(ctx context.Context, d Document) Outcome {
	var notes []AuditEntry
	var windowFrom time.Time
	if s.pastWindow(d) {
		found, others, err := s.reconcile(ctx, d)
		switch {
		case err != nil:
			return s.held(ctx, d, d.Attempts+1, err)
		case found != nil:
			return s.reconciled(d, found)
		}
		notes, windowFrom = []AuditEntry{s.notHeld(d, others)}, s.Now()
	}
	o := s.send(ctx, d)
	o.Audit, o.WindowFrom = append(notes, o.Audit...), windowFrom
	return o
}

// send makes one request for a claimed document.
func (s *Sender) send(ctx context.Context, d Document) Outcome {
	res, err := s.EDI.GenerateEDI(ctx, OutboundRequest(d))
	o := Outcome{DocID: d.ID, Kind: d.Kind, Key: d.SourceKey}
	if err == nil {
		s.sent(ctx, d, res, &o)
		return o
	}
	class := ClassOf(err)
	o.Error, o.ErrorClass = err.Error(), class
	n := d.Attempts + 1 // this attempt's number: it counts once its outcome is recorded
	switch {
	case class == Unauthorized:
		s.pause(ctx, err)
		o.State, o.NextAttemptAt, o.GiveBack = StateRetrying, s.Now(), true
		o.Audit = []AuditEntry{{Actor: "sender", Action: "paused",
			Message: "Stedi refused the credentials; sending is paused until the API key is fixed: " + err.Error()}}
	case class == Permanent:
		o.State = StateFailed
		o.Audit = []AuditEntry{{Actor: "sender", Action: "failed",
			Message: fmt.Sprintf("attempt %d: %s (permanent: moved to the failed queue)", n, err)}}
	case n >= s.MaxAttempts:
		o.State = StateFailed
		o.Audit = []AuditEntry{{Actor: "sender", Action: "failed",
			Message: fmt.Sprintf("attempt %d of %d: %s (attempts used up: moved to the failed queue)", n, s.MaxAttempts, err)}}
	default:
		wait := max(s.Backoff.Delay(n), RetryAfterOf(err))
		o.State, o.NextAttemptAt = StateRetrying, s.Now().Add(wait)
		// A 409 means an earlier request with this key is still running at
		// Stedi: waiting for it is not this document's failure.
		o.GiveBack = isInFlightConflict(err)
		o.Audit = []AuditEntry{{Actor: "sender", Action: "attempt_failed",
			Message: fmt.Sprintf("attempt %d of %d: %s; next attempt in %s", n, s.MaxAttempts, err, wait.Round(time.Millisecond))}}
	}
	return o
}

func (s *Sender) sent(ctx context.Context, d Document, res *GenerateResult, o *Outcome) {
	o.State = StateSent
	msg := fmt.Sprintf("accepted by Stedi on attempt %d: file execution %s, interchange %d",
		d.Attempts+1, res.FileExecutionID, res.InterchangeControlNumber)
	if res.Replayed {
		msg += " (answered from Stedi's idempotency cache: an earlier attempt had already gone through)"
	}
	// Stedi's response, kept verbatim, carries the X12 it produced (edi).
	o.Audit = []AuditEntry{{Actor: "sender", Action: "sent", Message: msg,
		Payload: &Payload{Kind: PayloadStediResponse, ContentType: "application/json", Body: res.Raw}}}
	o.Track = s.tracking(d, res)
	if reason, _, _ := s.Store.Control(ctx, ControlStediPaused); reason != "" {
		if err := s.Store.SetControl(ctx, ControlStediPaused, "", "sender"); err == nil {
			s.Logger.Info("Stedi accepts the credentials again; sending resumed")
			s.Bus.Publish(Event{Action: "resumed", Message: "Stedi sending resumed"})
		}
	}
}

func (s *Sender) pause(ctx context.Context, err error) {
	reason := "Stedi refused the API key: check ML_STEDI_API_KEY (" + err.Error() + ")"
	if old, _, _ := s.Store.Control(ctx, ControlStediPaused); old == reason {
		return
	}
	if err := s.Store.SetControl(ctx, ControlStediPaused, reason, "sender"); err != nil {
		s.Logger.Error("record pause", "err", err)
	}
	s.Logger.Error("sending paused", "reason", reason)
	s.Bus.Publish(Event{Action: "paused", Message: reason})
}

func isInFlightConflict(err error) bool {
	var ce *Error
	return asError(err, &ce) && ce.Status == 409
}
