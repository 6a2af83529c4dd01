package core

import (
	"context"
	"fmt"
	"strings"
)

// SentRef is a document Stedi accepted that a functional acknowledgment
// may answer, with the envelope it went out in.
type SentRef struct {
	DocID    int64
	Kind     Kind
	PONumber string
	Supplier string
	Envelope Envelope
}

// AckStore is what matching a 997 needs from the store.
type AckStore interface {
	// SentDocuments finds what went out to partnershipID ("" for any) in
	// functional group groupControl (GS01 groupID, "" for any): the set
	// setID/setControl, or every set of the group when setControl is "".
	// Control numbers wrap, so only the latest interchange that used the
	// group control number counts.
	SentDocuments(ctx context.Context, partnershipID, groupID string, groupControl int64, setID, setControl string) ([]SentRef, error)
	// SendsInFlight reports whether a document to partnershipID has a
	// request that may have reached Stedi with no outcome recorded (being
	// sent, or to be resent after a lost answer or a crash): its envelope
	// is not recorded yet.
	SendsInFlight(ctx context.Context, partnershipID string) (bool, error)
}

// AckRecord is one set response of a 997 and what it answers: DocID 0
// when it matched nothing sent (kept and reported, never dropped).
type AckRecord struct {
	DocID        int64  `json:"document_id,omitempty"`
	Kind         Kind   `json:"kind,omitempty"`
	PONumber     string `json:"po_number,omitempty"`
	Supplier     string `json:"supplier,omitempty"`
	GroupID      string `json:"group_id"`
	GroupControl int64  `json:"group_control"`
	SetID        string `json:"set_id,omitempty"`
	SetControl   string `json:"set_control,omitempty"`
	Status       string `json:"status"`
	Detail       string `json:"detail"`
}

// Rejects reports whether the partner refused the document.
func (r AckRecord) Rejects() bool { return Rejected(r.Status) }

// applyFA records a partner's 997 (or 999): each set response is matched
// to the 850 or 810 it answers by the group and set control numbers Stedi
// generated, and recorded; a rejection sends the document to the failed
// queue (store.FinishInbound). One that matches nothing is kept, and the
// 997 waits in the failed queue with the reason, to be replayed.
func (in *Inbox) applyFA(ctx context.Context, d Document) InboundOutcome {
	o := InboundOutcome{DocID: d.ID, Kind: d.Kind}
	raw, err := in.EDI.TransactionOutput(ctx, d.SourceKey)
	if err != nil {
		return in.failure(d, o, fmt.Errorf("fetch the %s of transaction %s from Stedi: %w", d.Kind, d.SourceKey, err))
	}
	o.ContentHash = ContentHash(raw)
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "fetched",
		Message: fmt.Sprintf("Guide JSON of the %s fetched from Stedi (%d bytes)", d.Kind, len(raw)),
		Payload: &Payload{Kind: PayloadGuideJSON, ContentType: "application/json", Body: raw}})
	fa, err := Read997(raw)
	if err != nil {
		return in.failure(d, o, &Error{Class: Permanent, Op: "read inbound " + string(d.Kind),
			Message: fmt.Sprintf("the %s of transaction %s cannot be read: %s", d.Kind, d.SourceKey, err)})
	}
	// Asked before matching: a send that is not in flight now has its
	// envelope recorded by the time the match reads, so a 997 that then
	// matches nothing answers nothing sent. Asked after, a send recorded
	// between the two reads would be missed by both.
	busy, err := in.Store.SendsInFlight(ctx, d.PartnershipID)
	if err != nil {
		return in.failure(d, o, &Error{Class: Transient, Op: "match " + string(d.Kind), Err: err})
	}
	if o.Acks, err = in.matchFA(ctx, d, fa); err != nil {
		return in.failure(d, o, err)
	}
	matched := matchedAcks(o.Acks)
	if len(matched) == 0 {
		return in.unmatchedFA(d, o, fa, busy)
	}
	o.PONumber, o.Supplier = matched[0].PONumber, matched[0].Supplier
	o.State = StateApplied
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "applied", Message: faSummary(d, fa, o.Acks)})
	return o
}

// matchFA pairs every set response with the document it answers.
func (in *Inbox) matchFA(ctx context.Context, d Document, fa *FunctionalAck) ([]AckRecord, error) {
	acks := in.Store
	if len(fa.Sets) == 0 { // a group-level 997 (AK1 and AK9 only) answers every set of the group
		refs, err := acks.SentDocuments(ctx, d.PartnershipID, fa.GroupID, fa.GroupControl, "", "")
		if err != nil {
			return nil, err
		}
		base := AckRecord{GroupID: fa.GroupID, GroupControl: fa.GroupControl, Status: fa.GroupStatus, Detail: fa.GroupWords()}
		return pairRefs(base, refs), nil
	}
	var out []AckRecord
	for _, s := range fa.Sets {
		refs, err := acks.SentDocuments(ctx, d.PartnershipID, fa.GroupID, fa.GroupControl, s.SetID, s.Control)
		if err != nil {
			return nil, err
		}
		r := AckRecord{GroupID: fa.GroupID, GroupControl: fa.GroupControl, SetID: s.SetID, SetControl: s.Control,
			Status: s.Status, Detail: s.Describe()}
		if r.Status == "" { // no AK5: the group's verdict stands for the set
			r.Status, r.Detail = fa.GroupStatus, fa.GroupWords()
		}
		out = append(out, pairRefs(r, refs[:min(1, len(refs))])...)
	}
	return out, nil
}

// pairRefs makes one record per document, or one unmatched record.
func pairRefs(base AckRecord, refs []SentRef) []AckRecord {
	if len(refs) == 0 {
		return []AckRecord{base}
	}
	out := make([]AckRecord, 0, len(refs))
	for _, ref := range refs {
		r := base
		r.DocID, r.Kind, r.PONumber, r.Supplier = ref.DocID, ref.Kind, ref.PONumber, ref.Supplier
		r.SetID, r.SetControl = ref.Envelope.SetID, ref.Envelope.SetControl
		out = append(out, r)
	}
	return out
}

func matchedAcks(recs []AckRecord) []AckRecord {
	var out []AckRecord
	for _, r := range recs {
		if r.DocID != 0 {
			out = append(out, r)
		}
	}
	return out
}

// unmatchedFA keeps a 997 that answers nothing we sent. While a send to the
// same partnership is in flight (its answer lost, or a crash in between,
// included) its envelope may not be recorded yet, so the 997 waits a
// moment without spending an attempt; otherwise it goes to the failed
// queue, where a replay matches it again.
func (in *Inbox) unmatchedFA(d Document, o InboundOutcome, fa *FunctionalAck, busy bool) InboundOutcome {
	if busy {
		o.Acks = nil
		o.State, o.GiveBack, o.NextAttemptAt = StateRetrying, true, in.Now().Add(in.Wait)
		o.Error = "waiting for the sends in flight to this partnership to be recorded"
		return o
	}
	return in.failure(d, o, &Error{Class: Permanent, Op: "match " + string(d.Kind), Message: fmt.Sprintf(
		"the %s (group %s %d%s) answers no document sent to partnership %s: kept here; replay it once the document it answers is known",
		d.Kind, fa.GroupID, fa.GroupControl, setList(fa), orDash(d.PartnershipID))})
}

func setList(fa *FunctionalAck) string {
	var sets []string
	for _, s := range fa.Sets {
		sets = append(sets, s.SetID+" "+s.Control)
	}
	if len(sets) == 0 {
		return ""
	}
	return ", sets " + strings.Join(sets, ", ")
}

// faSummary says what the 997 acknowledged, for the 997's own trail.
func faSummary(d Document, fa *FunctionalAck, recs []AckRecord) string {
	var parts []string
	for _, r := range recs {
		what := "nothing we sent"
		if r.DocID != 0 {
			what = fmt.Sprintf("%s #%d (PO %s)", r.Kind, r.DocID, orDash(r.PONumber))
		}
		parts = append(parts, fmt.Sprintf("set %s %s → %s: %s", r.SetID, r.SetControl, what, StatusWords(r.Status)))
	}
	return fmt.Sprintf("%s for group %s %d recorded: %s", d.Kind, fa.GroupID, fa.GroupControl, strings.Join(parts, "; "))
}
