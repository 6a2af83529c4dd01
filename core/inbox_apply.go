package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// target is one PO an inbound document updates, as read from X3.
type target struct {
	update POUpdate
	po     *PurchaseOrder
	patch  Patch
	review *ReviewOutcome // an 855's changes kept for the buyer (review_plan.go)
}

// apply runs one attempt at an inbound document. Only the outcome leaves
// it; nothing is committed here except the absorbed 850 hash, which must
// be in place before X3's update stamp moves (see absorb).
func (in *Inbox) apply(ctx context.Context, d Document) InboundOutcome {
	if d.Kind == KindTransaction {
		return in.resolveThin(ctx, d) // inbox_thin.go: a thin event's transaction, not yet known
	}
	if d.Kind == KindChange {
		return in.applyChange(ctx, d) // review_apply.go: a change the buyer accepted
	}
	if IsFunctionalAck(d.Kind) {
		return in.applyFA(ctx, d) // inbox_fa.go
	}
	if d.Test && !in.forTest {
		return in.applyTest(ctx, d) // inbox_testdocs.go: never a production X3
	}
	o := InboundOutcome{DocID: d.ID, Kind: d.Kind, PONumber: d.PONumber}
	raw, err := in.EDI.TransactionOutput(ctx, d.SourceKey)
	if err != nil {
		return in.failure(d, o, fmt.Errorf("fetch the %s of transaction %s from Stedi: %w", d.Kind, d.SourceKey, err))
	}
	o.ContentHash = ContentHash(raw)
	fetched := AuditEntry{Actor: "inbox", Action: "fetched", Message: fmt.Sprintf("Guide JSON of the %s fetched from Stedi (%d bytes)", d.Kind, len(raw)),
		Payload: &Payload{Kind: PayloadGuideJSON, ContentType: "application/json", Body: raw}}
	updates, ship, err := readUpdates(d, raw)
	if err != nil {
		o.Audit = append(o.Audit, fetched)
		return in.failure(d, o, &Error{Class: Permanent, Op: "read inbound " + string(d.Kind),
			Message: fmt.Sprintf("the %s of transaction %s cannot be read: %s", d.Kind, d.SourceKey, err)})
	}
	o.PONumber = updates[0].PONumber
	o.Changes = proposedChanges(d, raw) // answers.go
	if wait, po := in.awaitAcknowledgment(ctx, d, updates); wait {
		o.State, o.GiveBack, o.Deferred, o.NextAttemptAt = StateRetrying, true, true, in.Now().Add(in.Wait)
		o.Error = fmt.Sprintf("waiting for the 855 of PO %s to be applied first", po)
		return o
	}
	o.Audit = append(o.Audit, fetched)
	// The PO locks are held until the outcome is committed (handle).
	o.release = in.locks.lock(poNumbers(updates))
	if done, ok := in.recordedBefore(ctx, d, ship, o); ok { // inbox_shipment.go: the same ship notice again
		return done
	}
	targets, err := in.resolve(ctx, d, updates)
	if err != nil {
		return in.failure(d, o, err)
	}
	o.Supplier = targets[0].po.Supplier
	if err := in.deliver(ctx, d, ship, targets, &o); err != nil {
		if reason := in.setupMissing(ctx, d.Kind, err); reason != "" {
			return in.waitForSetup(o, err, reason)
		}
		return in.failure(d, o, err)
	}
	o.State = StateApplied
	if keepReview(targets, &o) > 0 { // review_plan.go
		o.State = StateReview
	}
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "applied", Message: appliedMessage(targets) + reviewNote(o)})
	return o
}

// readUpdates reads the document and plans its updates; an 856 comes
// with the ship notice itself, for the shipment X3 records.
func readUpdates(d Document, raw []byte) ([]POUpdate, *Shipment, error) {
	switch d.Kind {
	case Kind855:
		a, err := Read855(raw)
		if err != nil {
			return nil, nil, err
		}
		processed := ""
		if !d.SourceUpdated.IsZero() {
			processed = d.SourceUpdated.UTC().Format(time.DateOnly)
		}
		return []POUpdate{Plan855(a, processed)}, nil, nil
	case Kind856:
		s, err := Read856(raw)
		if err != nil {
			return nil, nil, err
		}
		return Plan856(s), s, nil
	}
	return nil, nil, fmt.Errorf("no reader for kind %q", d.Kind)
}

// deliver writes what the document says into X3: a ship notice as an X3
// shipment (or receipt) when inbound.asn_target says so, everything else
// onto the POs themselves.
func (in *Inbox) deliver(ctx context.Context, d Document, ship *Shipment, targets []target, o *InboundOutcome) error {
	if d.Kind == Kind856 && in.asnTarget() != ASNFields {
		return in.recordShipment(ctx, ship, targets, o)
	}
	for _, t := range targets {
		if err := in.write(ctx, t, o); err != nil {
			return err
		}
	}
	return nil
}

// awaitAcknowledgment holds an 856 back while an 855 that may concern its
// POs still waits in the inbox: the acknowledgment may change the ordered
// quantity the ship notice is checked against.
func (in *Inbox) awaitAcknowledgment(ctx context.Context, d Document, updates []POUpdate) (bool, string) {
	if d.Kind != Kind856 {
		return false, ""
	}
	for _, u := range updates {
		pending, err := in.Store.AcknowledgmentPending(ctx, u.PONumber, d.PartnershipID)
		if err == nil && pending {
			return true, u.PONumber
		}
	}
	return false, ""
}

// resolve reads every PO the document names and plans each patch. Nothing
// is written unless every PO can take its update.
func (in *Inbox) resolve(ctx context.Context, d Document, updates []POUpdate) ([]target, error) {
	var targets []target
	var problems []string
	for _, u := range updates {
		po, err := in.ERP.PurchaseOrder(ctx, u.PONumber)
		switch {
		case errors.Is(err, ErrNotFound):
			problems = append(problems, fmt.Sprintf("PO %s (named by the %s) does not exist in Sage X3", u.PONumber, d.Kind))
			continue
		case err != nil:
			return nil, fmt.Errorf("read PO %s from Sage X3: %w", u.PONumber, err)
		}
		if p := in.partnerProblem(d, po); p != "" {
			problems = append(problems, p)
			continue
		}
		hist, err := in.Store.History(ctx, po.Number, d.ID)
		if err != nil {
			return nil, err
		}
		hist.Processing = d.SourceUpdated
		cur := CurrentValues(po)
		now, held := holdChanges(u, in.changePolicy(), po, cur) // review_plan.go: an 855's changes wait for the buyer
		patch, err := now.Resolve(po, cur, hist, in.Map)
		var review *ReviewOutcome
		if err == nil {
			review, err = held.review(po, cur, hist, in.Map)
		}
		var pe *PlanError
		if errors.As(err, &pe) {
			problems = append(problems, pe.Problems...)
			continue
		}
		targets = append(targets, target{update: now, po: po, patch: patch, review: review})
	}
	if len(problems) > 0 {
		return nil, &Error{Class: Permanent, Op: "match inbound " + string(d.Kind), Message: strings.Join(problems, "; ")}
	}
	return targets, nil
}

// partnerProblem refuses a document about a PO its sender has no part
// in: an 855 from one supplier for another supplier's order.
func (in *Inbox) partnerProblem(d Document, po *PurchaseOrder) string {
	p, ok := in.Partners[po.Supplier]
	switch {
	case !ok:
		return fmt.Sprintf("PO %s is for supplier %s, which is not configured as an EDI partner", po.Number, po.Supplier)
	case d.PartnershipID != "" && p.PartnershipID != d.PartnershipID:
		return fmt.Sprintf("PO %s is for supplier %s (partnership %s) but the %s came from partnership %s",
			po.Number, po.Supplier, p.PartnershipID, d.Kind, d.PartnershipID)
	}
	return ""
}

// write sends one PO's patch, unless X3 already holds it all, and records
// both the patch and X3's answer in the audit trail.
func (in *Inbox) write(ctx context.Context, t target, o *InboundOutcome) error {
	in.answered(t, o)
	if t.patch.Empty() {
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "unchanged",
			Message: fmt.Sprintf("PO %s already holds everything this %s says; nothing written", t.po.Number, t.update.Kind)})
		return nil
	}
	rev, err := in.absorb(ctx, t.po, t.patch.ApplyTo(t.po))
	if err != nil {
		return err
	}
	w := t.patch.Write()
	sent, _ := json.Marshal(w)
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "write",
		Message: fmt.Sprintf("PO %s: %s", t.po.Number, strings.Join(t.patch.Changes, "; ")),
		Payload: &Payload{Kind: PayloadX3Patch, ContentType: "application/json", Body: sent}})
	answer, err := in.Writer.WritePurchaseOrder(ctx, w)
	if err != nil {
		return fmt.Errorf("write PO %s to Sage X3: %w", t.po.Number, err)
	}
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "written", Message: fmt.Sprintf("Sage X3 stored PO %s", t.po.Number),
		Payload: &Payload{Kind: PayloadX3Answer, ContentType: "application/json", Body: answer.Raw}})
	return in.absorbAnswer(ctx, answer, rev)
}

// answered records the PO a document answers (its 850 settles from the
// applied answers, store: settle850) and what an 856 shipped of it.
func (in *Inbox) answered(t target, o *InboundOutcome) {
	o.Answers = append(o.Answers, t.po.Number)
	o.Shipped = append(o.Shipped, t.patch.Shipped...)
}

// failure turns an error into a retry or the failed queue.
func (in *Inbox) failure(d Document, o InboundOutcome, err error) InboundOutcome {
	class := ClassOf(err)
	o.Error, o.ErrorClass = err.Error(), class
	n := d.Attempts + 1 // this attempt's number: it counts once its outcome is recorded
	switch {
	case class == Permanent:
		o.State = StateFailed
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "failed", Message: err.Error() + " (moved to the failed queue)"})
	case class == Unauthorized:
		in.x3Refused(err) // x3pause.go: an X3 refusal pauses the X3 side
		o.State, o.GiveBack = StateRetrying, true
		o.NextAttemptAt = in.Now().Add(in.Backoff.Delay(n))
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "attempt_failed",
			Message: err.Error() + " (credentials refused: the attempt does not count; ml-connector check says which side and what to fix)"})
	case n >= in.MaxAttempts:
		o.State = StateFailed
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "failed",
			Message: fmt.Sprintf("attempt %d of %d: %s (attempts used up: moved to the failed queue)", n, in.MaxAttempts, err)})
	default:
		wait := max(in.Backoff.Delay(n), RetryAfterOf(err))
		o.State, o.NextAttemptAt = StateRetrying, in.Now().Add(wait)
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "attempt_failed",
			Message: fmt.Sprintf("attempt %d of %d: %s; next attempt in %s", n, in.MaxAttempts, err, wait.Round(time.Millisecond))})
	}
	return o
}

func poNumbers(updates []POUpdate) []string {
	var nums []string
	for _, u := range updates {
		nums = append(nums, u.PONumber)
	}
	slices.Sort(nums)
	return slices.Compact(nums)
}

func appliedMessage(targets []target) string {
	var parts []string
	for _, t := range targets {
		n := len(t.patch.Header)
		for _, l := range t.patch.Lines {
			n += len(l.Set)
		}
		parts = append(parts, fmt.Sprintf("PO %s: %d field(s) written (%s)", t.po.Number, n, t.update.Summary))
	}
	return strings.Join(parts, "; ")
}
