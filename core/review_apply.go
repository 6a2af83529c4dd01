package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// applyChange writes one change a buyer accepted into X3. The decision
// was committed first (store.DecideChange), with this document; the
// inbox claims it like any inbound document, so a running engine writes
// it whichever process recorded the decision. As for every write-back,
// only a column that differs from the PO as read is written: applied
// again after a crash between the write and its commit, it writes
// nothing. The write absorbs the 850 content it leaves, so the poller
// sends no new 850 revision for a change the supplier itself proposed.
func (in *Inbox) applyChange(ctx context.Context, d Document) InboundOutcome {
	o := InboundOutcome{DocID: d.ID, Kind: d.Kind, PONumber: d.PONumber}
	c, err := in.Store.AcceptedChange(ctx, d.ID)
	if err != nil {
		return in.failure(d, o, fmt.Errorf("read the accepted change of document %d: %w", d.ID, err))
	}
	var value any
	if err := json.Unmarshal(c.Value, &value); err != nil {
		return in.failure(d, o, &Error{Class: Permanent, Op: "write accepted change",
			Message: fmt.Sprintf("change %d holds no readable value: %v", c.ID, err)})
	}
	o.release = in.locks.lock([]string{c.PONumber}) // held until the outcome is committed (handle)
	po, err := in.ERP.PurchaseOrder(ctx, c.PONumber)
	switch {
	case errors.Is(err, ErrNotFound):
		return in.failure(d, o, &Error{Class: Permanent, Op: "write accepted change",
			Message: fmt.Sprintf("PO %s no longer exists in Sage X3", c.PONumber)})
	case err != nil:
		return in.failure(d, o, fmt.Errorf("read PO %s from Sage X3: %w", c.PONumber, err))
	}
	o.Supplier = po.Supplier
	u := POUpdate{Kind: KindChange, PONumber: c.PONumber, Summary: "accepted change " + c.Describe(),
		Lines: []LineUpdate{{Ref: LineRef{ID: strconv.Itoa(c.Line)}, Set: map[string]any{c.Column: value}}}}
	cur := CurrentValues(po)
	patch, err := u.Resolve(po, cur, History{}, in.Map)
	if err != nil {
		return in.failure(d, o, &Error{Class: Permanent, Op: "write accepted change", Message: err.Error()})
	}
	if now := cur.Lines[lineKey{c.Line, c.Seq}][c.Column]; now != c.Current && now != c.Proposed {
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "note", Message: fmt.Sprintf(
			"Sage X3 holds %s for PO %s line %d %s now (%s when the supplier proposed %s); the accepted value is written",
			orDash(now), c.PONumber, c.Line, c.Column, orDash(c.Current), c.Proposed)})
	}
	if err := in.write(ctx, target{update: u, po: po, patch: patch}, &o); err != nil {
		if reason := in.setupMissing(ctx, d.Kind, err); reason != "" {
			return in.waitForSetup(o, err, reason)
		}
		return in.failure(d, o, err)
	}
	o.Answers = nil // a buyer's decision answers no 850: the 855 that proposed it did
	if err := in.confirmChange(ctx, c, value); err != nil {
		return in.failure(d, o, err)
	}
	o.State = StateApplied
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "applied",
		Message: fmt.Sprintf("accepted change %d (%s) is in Sage X3", c.ID, c.Describe())})
	return o
}

// confirmChange reads the PO again and checks X3 holds the accepted
// value: a site whose write leaves the property out (an optional one
// discovery did not find) must not pass for a change written.
func (in *Inbox) confirmChange(ctx context.Context, c ProposedChange, value any) error {
	po, err := in.ERP.PurchaseOrder(ctx, c.PONumber)
	if err != nil {
		return fmt.Errorf("read PO %s from Sage X3 to confirm the accepted change: %w", c.PONumber, err)
	}
	if got := CurrentValues(po).Lines[lineKey{c.Line, c.Seq}][c.Column]; got != normValue(value) {
		return &Error{Class: Permanent, Op: "write accepted change", Message: fmt.Sprintf(
			"Sage X3 took the write of PO %s but line %d %s reads %s, not the accepted %s: the write route lacks this property (ml-connector check)",
			c.PONumber, c.Line, c.Field, orDash(got), normValue(value))}
	}
	return nil
}
